#pragma once
// gzip (and zlib) decompression through zlib, for .json.gz and .xyz.gz files.
#include <string>
#include <string_view>

namespace le {

bool looksGzipped(std::string_view bytes); // magic bytes 1f 8b

// Decompresses every gzip member of `bytes`; throws InputError(name, ...) on corrupt or
// truncated data, or when the result would exceed `limit` bytes.
std::string gunzip(std::string_view bytes, const std::string& name, std::size_t limit = std::size_t(1) << 33);

} // namespace le
