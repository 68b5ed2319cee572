#include "app/gui_main.h"

#include <QApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

#include "ui/main_window.h"
#include "ui/screenshot.h"

namespace le::app {

namespace {

struct GuiArguments {
    QStringList files;
    QString screenshot; // empty = interactive
    ui::ScreenshotView view;
    bool valid = true;
};

GuiArguments parseArguments(const QStringList& args) {
    GuiArguments parsed;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--screenshot") {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "latent-explorer: --screenshot needs an output .png path\n");
                parsed.valid = false;
                return parsed;
            }
            parsed.screenshot = args[++i];
        } else if (args[i].startsWith("--screenshot=")) {
            parsed.screenshot = args[i].mid(13);
        } else if ((args[i] == "--tab" || args[i] == "--panel") && i + 1 < args.size()) {
            if (args[i] == "--tab") parsed.view.tabs << args[i + 1];
            else parsed.view.thirdPanel = args[i + 1];
            ++i;
        } else if (args[i].startsWith("-")) {
            std::fprintf(stderr, "latent-explorer: unknown option %s (see --help)\n", qPrintable(args[i]));
            parsed.valid = false;
            return parsed;
        } else {
            parsed.files << args[i];
        }
    }
    return parsed;
}

} // namespace

int runGui(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Latent Explorer");
    QApplication::setOrganizationName("LatentExplorer");
    const GuiArguments args = parseArguments(app.arguments());
    if (!args.valid) return 2;
    for (const QString& file : args.files)
        if (!QFileInfo::exists(file)) {
            std::fprintf(stderr, "latent-explorer: %s: no such file\n", qPrintable(file));
            return 2;
        }

    ui::MainWindow window;
    if (!args.screenshot.isEmpty()) return ui::runScreenshot(window, args.files, args.screenshot, args.view);

    window.show();
    if (args.files.isEmpty()) window.openDemo();
    else window.openFiles(args.files);
    return app.exec();
}

} // namespace le::app
