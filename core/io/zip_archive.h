#pragma once
// Minimal ZIP reader for .npz files: parses the central directory (with ZIP64 sizes and
// offsets) and extracts stored or deflated members; inflation and CRC-32 come from zlib.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace le {

struct ZipEntry {
    std::string name;
    std::uint16_t method = 0; // 0 stored, 8 deflated
    std::uint16_t flags = 0;
    std::uint32_t crc32 = 0;
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;
    std::uint64_t localHeaderOffset = 0;
};

// Entries of the archive `bytes`; `name` is used in error messages (InputError).
std::vector<ZipEntry> listZipEntries(std::string_view bytes, const std::string& name);

// The uncompressed content of one entry, CRC-checked.
std::string extractZipEntry(std::string_view bytes, const ZipEntry& entry, const std::string& name);

} // namespace le
