#include "core/dataset/row_labels.h"

#include "core/dataset/elements.h"
#include "core/util/error.h"

namespace le {

std::vector<std::string> rowLabels(const Dataset& dataset, const std::string& key, Level level) {
    const std::string file = dataset.sourceFiles.empty() ? std::string() : dataset.sourceFiles.front();
    auto found = level == Level::Atom ? dataset.atomLabels(key) : dataset.frameLabels(key);
    if (found) return *found;
    if (key == "species") {
        if (level == Level::Structure)
            throw InputError(file, "",
                             "'species' labels atoms, not structures: per-structure rows need a frame "
                             "info key or per-structure property");
        std::vector<std::string> symbols;
        for (int z : dataset.atomSpecies()) symbols.emplace_back(elementSymbol(z));
        return symbols;
    }
    throw InputError(file, "",
                     "no " + std::string(level == Level::Atom ? "atom property or " : "per-structure property or ") +
                         "frame info key '" + key + "'");
}

} // namespace le
