#include "core/io/gzip.h"

#include <zlib.h>

#include <algorithm>

#include "core/util/error.h"

namespace le {

bool looksGzipped(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes, const std::string& name, std::size_t limit) {
    if (bytes.empty()) throw InputError(name, "", "empty file (expected gzip data)");
    std::string out;
    z_stream z{};
    // 15 + 32: accept gzip or zlib headers.
    if (inflateInit2(&z, 15 + 32) != Z_OK) throw InputError(name, "", "zlib initialisation failed");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    std::size_t inLeft = bytes.size();
    char buffer[1 << 16];
    int rc = Z_OK;
    while (true) {
        const uInt chunk = uInt(std::min<std::size_t>(inLeft, 1u << 30));
        z.avail_in = chunk;
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        inLeft -= chunk - z.avail_in;
        out.append(buffer, sizeof buffer - z.avail_out);
        if (out.size() > limit) {
            inflateEnd(&z);
            throw InputError(name, "", "decompressed data exceeds " + std::to_string(limit >> 20) + " MiB");
        }
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members (e.g. `cat a.gz b.gz`) continue after the first one.
            while (inLeft > 0 && *z.next_in == 0) ++z.next_in, --inLeft; // zero padding
            if (inLeft == 0) break;
            inflateReset(&z);
            continue;
        }
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_out == 0)) break;
        if (inLeft == 0 && z.avail_out != 0) {
            rc = Z_BUF_ERROR; // input exhausted before the end of the stream
            break;
        }
    }
    const std::string message = z.msg ? z.msg : "unexpected end of data";
    inflateEnd(&z);
    if (rc != Z_STREAM_END) throw InputError(name, "", "corrupt or truncated gzip data (zlib: " + message + ")");
    return out;
}

} // namespace le
