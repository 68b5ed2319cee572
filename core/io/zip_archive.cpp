#include "core/io/zip_archive.h"

#include <zlib.h>

#include <algorithm>

#include "core/util/error.h"

namespace le {

namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;

// Bounds-checked little-endian reads: every offset comes from the (untrusted) file.
class Bytes {
public:
    Bytes(std::string_view b, const std::string& name) : b_(b), name_(name) {}
    std::uint64_t read(std::uint64_t at, int width) const {
        if (at > b_.size() || std::uint64_t(width) > b_.size() - at)
            throw InputError(name_, "zip structure", "truncated or corrupt archive (offset " + std::to_string(at) +
                                                         " beyond the end of the file)");
        std::uint64_t v = 0;
        for (int k = width - 1; k >= 0; --k) v = v << 8 | static_cast<unsigned char>(b_[std::size_t(at) + std::size_t(k)]);
        return v;
    }
    std::uint32_t u32(std::uint64_t at) const { return std::uint32_t(read(at, 4)); }
    std::uint16_t u16(std::uint64_t at) const { return std::uint16_t(read(at, 2)); }
    std::uint64_t u64(std::uint64_t at) const { return read(at, 8); }
    std::string_view slice(std::uint64_t at, std::uint64_t n) const {
        if (at > b_.size() || n > b_.size() - at)
            throw InputError(name_, "zip structure", "truncated or corrupt archive (a member runs past the end)");
        return b_.substr(std::size_t(at), std::size_t(n));
    }
    std::size_t size() const { return b_.size(); }

private:
    std::string_view b_;
    const std::string& name_;
};

// Applies the ZIP64 extra field (id 0x0001) to the fields that were saturated at 0xFFFFFFFF.
void applyZip64Extra(const Bytes& b, std::uint64_t extra, std::uint16_t extraLength, ZipEntry& e) {
    std::uint64_t p = extra, end = extra + extraLength;
    while (p + 4 <= end) {
        const std::uint16_t id = b.u16(p), len = b.u16(p + 2);
        std::uint64_t q = p + 4;
        if (id == 0x0001) {
            if (e.size == 0xFFFFFFFF) e.size = b.u64(q), q += 8;
            if (e.compressedSize == 0xFFFFFFFF) e.compressedSize = b.u64(q), q += 8;
            if (e.localHeaderOffset == 0xFFFFFFFF) e.localHeaderOffset = b.u64(q);
            return;
        }
        p += 4 + std::uint64_t(len);
    }
}

} // namespace

std::vector<ZipEntry> listZipEntries(std::string_view bytes, const std::string& name) {
    const Bytes b(bytes, name);
    if (bytes.empty()) throw InputError(name, "", "empty file (expected a .npz zip archive)");
    if (bytes.size() < 22 || (b.u32(0) != kLocalHeader && b.u32(0) != kEndOfCentralDirectory))
        throw InputError(name, "", "not a zip archive (.npz files are zip archives of .npy arrays)");
    // The end record is in the last 22 + 65535 (comment) bytes.
    std::uint64_t eocd = 0;
    bool found = false;
    const std::uint64_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    for (std::uint64_t p = bytes.size() - 22 + 1; p-- > lowest;)
        if (b.u32(p) == kEndOfCentralDirectory) {
            eocd = p, found = true;
            break;
        }
    if (!found) throw InputError(name, "zip structure", "no end-of-central-directory record: truncated archive?");
    std::uint64_t count = b.u16(eocd + 10);
    std::uint64_t directory = b.u32(eocd + 16);
    if ((count == 0xFFFF || directory == 0xFFFFFFFF) && eocd >= 20 && b.u32(eocd - 20) == kZip64EndLocator) {
        const std::uint64_t z64 = b.u64(eocd - 20 + 8);
        if (b.u32(z64) != kZip64End) throw InputError(name, "zip structure", "corrupt ZIP64 end record");
        count = b.u64(z64 + 32);
        directory = b.u64(z64 + 48);
    }
    if (count > bytes.size() / 46) throw InputError(name, "zip structure", "corrupt entry count " + std::to_string(count));

    std::vector<ZipEntry> entries;
    std::uint64_t p = directory;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (b.u32(p) != kCentralHeader)
            throw InputError(name, "zip structure", "corrupt central directory (entry " + std::to_string(i) + ")");
        ZipEntry e;
        e.flags = b.u16(p + 8);
        e.method = b.u16(p + 10);
        e.crc32 = b.u32(p + 16);
        e.compressedSize = b.u32(p + 20);
        e.size = b.u32(p + 24);
        const std::uint16_t nameLength = b.u16(p + 28), extraLength = b.u16(p + 30), commentLength = b.u16(p + 32);
        e.localHeaderOffset = b.u32(p + 42);
        e.name = std::string(b.slice(p + 46, nameLength));
        applyZip64Extra(b, p + 46 + nameLength, extraLength, e);
        entries.push_back(std::move(e));
        p += 46ULL + nameLength + extraLength + commentLength;
    }
    return entries;
}

std::string extractZipEntry(std::string_view bytes, const ZipEntry& e, const std::string& name) {
    const Bytes b(bytes, name);
    const std::string where = "member " + e.name;
    if (e.flags & 1) throw InputError(name, where, "encrypted zip members are not supported");
    if (b.u32(e.localHeaderOffset) != kLocalHeader) throw InputError(name, where, "corrupt local header");
    const std::uint64_t data = e.localHeaderOffset + 30 + b.u16(e.localHeaderOffset + 26) + b.u16(e.localHeaderOffset + 28);
    const std::string_view packed = b.slice(data, e.compressedSize);
    // Cap allocations by what deflate can possibly produce (ratio ≤ 1032) and a hard limit.
    if (e.size > (1ULL << 40) || (e.method == 8 && e.size > e.compressedSize * 1032 + 1024) ||
        (e.method == 0 && e.size != e.compressedSize))
        throw InputError(name, where, "corrupt sizes in the zip directory");
    std::string out;
    if (e.method == 0) {
        out.assign(packed);
    } else if (e.method == 8) {
        out.resize(std::size_t(e.size));
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw InputError(name, where, "zlib initialisation failed");
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        std::uint64_t inLeft = packed.size(), outDone = 0;
        int rc = Z_OK;
        // zlib counts in 32-bit uInt: feed and drain in chunks for members over 4 GiB.
        while (rc == Z_OK) {
            const uInt inChunk = uInt(std::min<std::uint64_t>(inLeft, 1u << 30));
            const uInt outChunk = uInt(std::min<std::uint64_t>(e.size - outDone, 1u << 30));
            z.avail_in = inChunk;
            z.next_out = reinterpret_cast<Bytef*>(out.data() + outDone);
            z.avail_out = outChunk;
            rc = inflate(&z, Z_NO_FLUSH);
            inLeft -= inChunk - z.avail_in;
            outDone += outChunk - z.avail_out;
            if (rc == Z_OK && inChunk == z.avail_in && outChunk == z.avail_out) rc = Z_BUF_ERROR; // no progress
        }
        inflateEnd(&z);
        if (rc != Z_STREAM_END || outDone != e.size)
            throw InputError(name, where, "corrupt deflate data (zlib: " + std::string(z.msg ? z.msg : "size mismatch") + ")");
    } else {
        throw InputError(name, where, "unsupported zip compression method " + std::to_string(e.method) +
                                          " (only stored and deflated)");
    }
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t done = 0; done < out.size();) {
        const uInt n = uInt(std::min<std::size_t>(out.size() - done, 1u << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef*>(out.data() + done), n);
        done += n;
    }
    if (std::uint32_t(crc) != e.crc32) throw InputError(name, where, "CRC mismatch: the archive is corrupt");
    return out;
}

} // namespace le
