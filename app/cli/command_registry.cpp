#include "app/cli/command_registry.h"

namespace le::cli {

std::map<std::string, Command>& registry() {
    static std::map<std::string, Command> commands;
    return commands;
}

Registration::Registration(Command command) {
    registry()[command.name] = std::move(command);
}

} // namespace le::cli
