#include "core/io/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <unistd.h>

#include "core/util/error.h"

namespace le {

namespace {
std::string temporaryNameFor(const std::string& path) {
    std::random_device rd;
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
}
} // namespace

void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& fill) {
    const std::string temp = temporaryNameFor(path);
    try {
        fill(temp);
        std::error_code ec;
        std::filesystem::rename(temp, path, ec);
        if (ec) throw InputError(path, "", "cannot replace the file: " + ec.message());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
}

void writeFileAtomically(const std::string& path, std::string_view bytes) {
    writeFileAtomically(path, [&](const std::string& temp) {
        FILE* f = std::fopen(temp.c_str(), "wb");
        if (!f) throw InputError(path, "", std::string("cannot write: ") + std::strerror(errno));
        const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        const bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
        const bool closed = std::fclose(f) == 0;
        if (!written || !flushed || !closed)
            throw InputError(path, "", std::string("write failed: ") + std::strerror(errno));
    });
}

} // namespace le
