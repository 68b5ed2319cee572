#include "core/io/npz.h"

#include "core/io/file_bytes.h"
#include "core/io/zip_archive.h"
#include "core/util/error.h"

namespace le {

std::vector<NpzMember> parseNpz(std::string_view bytes, const std::string& name, std::vector<std::string>* skipped) {
    std::vector<NpzMember> members;
    for (const auto& entry : listZipEntries(bytes, name)) {
        if (entry.name.empty() || entry.name.back() == '/') continue; // folders
        std::string key = entry.name;
        if (key.size() > 4 && key.compare(key.size() - 4, 4, ".npy") == 0) key.resize(key.size() - 4);
        const std::string content = extractZipEntry(bytes, entry, name);
        try {
            members.push_back({key, parseNpy(content, name + ":" + entry.name)});
        } catch (const UnsupportedDtype& e) {
            if (!skipped) throw;
            skipped->push_back(e.what());
        }
    }
    if (members.empty() && (!skipped || skipped->empty()))
        throw InputError(name, "", "the archive holds no arrays");
    return members;
}

std::vector<NpzMember> readNpz(const std::string& path, std::vector<std::string>* skipped) {
    return parseNpz(readFileBytes(path), path, skipped);
}

} // namespace le
