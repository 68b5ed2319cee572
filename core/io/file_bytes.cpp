#include "core/io/file_bytes.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include <sys/stat.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/util/error.h"

namespace le {

// Folders are refused here (fopen accepts them on Linux and their "size" is meaningless).
std::unique_ptr<FILE, int (*)(FILE*)> openForReading(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) throw InputError(path, "", std::string("cannot open file: ") + std::strerror(errno));
    struct stat info;
    if (::fstat(::fileno(file.get()), &info) == 0 && S_ISDIR(info.st_mode))
        throw InputError(path, "", "is a folder, not a file");
    return file;
}

std::string readFileBytes(const std::string& path) {
    auto file = openForReading(path);
    std::string bytes;
    // One read into a buffer of the file's size when it is known; then chunks for the rest
    // (files that grow, pipes, /proc).
    if (std::fseek(file.get(), 0, SEEK_END) == 0) {
        const long size = std::ftell(file.get());
        std::rewind(file.get());
        if (size > 0) {
            bytes.resize(std::size_t(size));
            bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file.get()));
        }
    }
    char chunk[1 << 16];
    std::size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) bytes.append(chunk, n);
    if (std::ferror(file.get())) throw InputError(path, "", "read error (is it a folder?)");
    return bytes;
}

FileBuffer readFileBuffer(const std::string& path) {
    auto file = openForReading(path);
    long size = -1;
    if (std::fseek(file.get(), 0, SEEK_END) == 0) {
        size = std::ftell(file.get());
        std::rewind(file.get());
    }
    if (size < 0) { // not seekable (a pipe): fall back to chunked reading
        file.reset();
        std::string bytes = readFileBytes(path);
        FileBuffer b{std::make_unique<char[]>(bytes.size()), bytes.size()};
        std::memcpy(b.data.get(), bytes.data(), bytes.size());
        return b;
    }
    FileBuffer b{std::unique_ptr<char[]>(new char[std::size_t(size) + 1]), 0};
    b.size = std::fread(b.data.get(), 1, std::size_t(size), file.get());
    if (std::ferror(file.get()) || b.size != std::size_t(size))
        throw InputError(path, "", "read error (is it a folder, or did the file change while reading?)");
    return b;
}

std::string_view withoutUtf8Bom(std::string_view text) {
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

long long lineOfOffset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n');
}

namespace {
// Length of the UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len;
    unsigned min;
    if (b0 < 0x80) return 1;
    if ((b0 & 0xE0) == 0xC0) len = 2, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) len = 3, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) len = 4, min = 0x10000;
    else return 0;
    if (i + len > s.size()) return 0;
    unsigned cp = b0 & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0; // overlong / surrogate
    return len;
}
} // namespace

namespace {
// Index of the first byte >= 0x80 at or after `i`, or text.size(): 64 bytes per step (one
// OR of four 16-byte loads and a sign-bit mask), the rest a word or a byte at a time.
std::size_t firstNonAscii(std::string_view text, std::size_t i) {
    const char* d = text.data();
#if defined(__SSE2__)
    for (; i + 64 <= text.size(); i += 64) {
        const auto load = [&](std::size_t k) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i + k)); };
        const __m128i any = _mm_or_si128(_mm_or_si128(load(0), load(16)), _mm_or_si128(load(32), load(48)));
        if (_mm_movemask_epi8(any) != 0) break;
    }
#endif
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, d + i, 8);
        if (word & 0x8080808080808080ULL) break;
    }
    while (i < text.size() && static_cast<unsigned char>(d[i]) < 0x80) ++i;
    return i;
}
} // namespace

void requireUtf8(std::string_view text, const std::string& path, long long lineBefore) {
    // ASCII is skipped in bulk; only the rare non-ASCII sequences are decoded.
    for (std::size_t i = firstNonAscii(text, 0); i < text.size(); i = firstNonAscii(text, i)) {
        const std::size_t len = utf8SequenceLength(text, i);
        if (len == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", unsigned(static_cast<unsigned char>(text[i])));
            throw InputError(path, "line " + std::to_string(lineBefore + lineOfOffset(text, i)),
                             std::string("invalid UTF-8 byte ") + hex +
                                 " (the file must be UTF-8 or ASCII text)");
        }
        i += len;
    }
}

} // namespace le
