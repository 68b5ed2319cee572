#pragma once
// Command-line subcommands register themselves here: adding one is one new file in app/cli/
// with a LE_REGISTER_COMMAND line, no edit elsewhere.
//
// Contract for every subcommand: results on stdout, progress and messages on stderr;
// exit 0 on success, 2 on any user-facing error (bad input, bad arguments), with a message
// naming the file and line.
#include <QStringList>

#include <functional>
#include <map>
#include <string>

namespace le::cli {

struct Command {
    std::string name;
    std::string summary; // one line for `latent-explorer --help`
    std::string usage;   // full usage text for `latent-explorer NAME --help`
    std::function<int(const QStringList& args)> run; // args exclude the program and NAME
};

std::map<std::string, Command>& registry();

struct Registration {
    explicit Registration(Command command);
};

} // namespace le::cli

#define LE_CONCAT_INNER(a, b) a##b
#define LE_CONCAT(a, b) LE_CONCAT_INNER(a, b)
#define LE_REGISTER_COMMAND(...)                                                              \
    static const ::le::cli::Registration LE_CONCAT(le_command_registration_, __LINE__){       \
        ::le::cli::Command{__VA_ARGS__}}
