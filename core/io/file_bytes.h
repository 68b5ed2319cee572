#pragma once
// Whole-file input for the readers, plus the UTF-8 check every text format needs.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace le {

// The file opened for binary reading; throws InputError naming it when it cannot be opened
// or is a folder.
std::unique_ptr<FILE, int (*)(FILE*)> openForReading(const std::string& path);

// The file's bytes; throws InputError when it cannot be opened or read.
std::string readFileBytes(const std::string& path);

// Same without zero-filling a string first (the large-text readers' hot path).
struct FileBuffer {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
    std::string_view view() const { return {data.get(), size}; }
};
FileBuffer readFileBuffer(const std::string& path);

// Throws InputError(path, "line N", ...) at the first byte that is not valid UTF-8;
// `lineBefore` is the number of the line before `text` when it is a piece of a file.
void requireUtf8(std::string_view text, const std::string& path, long long lineBefore = 0);

// `text` without a leading UTF-8 byte-order mark (EF BB BF), which some Windows editors
// write at the start of JSON and XYZ files.
std::string_view withoutUtf8Bom(std::string_view text);

// 1-based line number of byte `offset` in `text`.
long long lineOfOffset(std::string_view text, std::size_t offset);

} // namespace le
