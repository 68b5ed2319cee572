// Entry point: `latent-explorer SUBCOMMAND ...` runs the headless CLI, anything else the GUI.
#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstring>
#include <exception>

#include "app/cli/command_registry.h"
#include "app/gui_main.h"
#include "core/util/memory_reuse.h"

namespace {

void printHelp() {
    std::printf("Latent Explorer: compare the latent features of machine-learning potentials.\n\n"
                "Usage:\n"
                "  latent-explorer [FILES...] [--screenshot OUT.png]   open the desktop app\n"
                "      with --screenshot: [--tab TITLE]... [--panel MEASURE] choose the tabs and the\n"
                "      comparison's third panel shown (e.g. --tab \"Model map\", --panel cka)\n"
                "  latent-explorer COMMAND [ARGS...]                   run headless\n\n"
                "Commands:\n");
    for (const auto& [name, command] : le::cli::registry())
        std::printf("  %-10s %s\n", name.c_str(), command.summary.c_str());
    std::printf("\nRun `latent-explorer COMMAND --help` for the options of one command.\n");
}

} // namespace

int main(int argc, char** argv) {
    le::keepFreedMemoryForReuse();
    if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
        printHelp();
        return 0;
    }
    if (argc >= 2) {
        auto& commands = le::cli::registry();
        auto it = commands.find(argv[1]);
        if (it != commands.end()) {
            QCoreApplication app(argc, argv);
            QStringList args = app.arguments().mid(2);
            if (args.contains("--help") || args.contains("-h")) {
                std::printf("%s\n", it->second.usage.c_str());
                return 0;
            }
            try {
                return it->second.run(args);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "latent-explorer %s: error: %s\n", argv[1], e.what());
                return 2;
            }
        }
    }
    return le::app::runGui(argc, argv);
}
