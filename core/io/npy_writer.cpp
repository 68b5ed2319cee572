#include "core/io/npy.h"

#include <cstring>

#include "core/io/atomic_file.h"

namespace le {

std::string encodeNpy(NpyType type, const std::vector<long long>& shape, const void* data) {
    const char* descr = "<f8";
    std::size_t item = 8;
    switch (type) {
    case NpyType::Float16: descr = "<f2", item = 2; break;
    case NpyType::Float32: descr = "<f4", item = 4; break;
    case NpyType::Float64: descr = "<f8", item = 8; break;
    case NpyType::Int32: descr = "<i4", item = 4; break;
    case NpyType::Int64: descr = "<i8", item = 8; break;
    case NpyType::Bool: descr = "|b1", item = 1; break;
    case NpyType::Text: throw std::invalid_argument("encodeNpy: text arrays are not written");
    }
    std::string shapeText = "(";
    std::size_t count = 1;
    for (auto d : shape) {
        shapeText += std::to_string(d) + ",";
        count *= std::size_t(d);
    }
    if (shape.size() > 1) shapeText.pop_back(); // (3,) for 1-D, (3,4) for 2-D
    shapeText += ")";
    std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
    // Magic (6) + version (2) + length (2) + header + '\n' is padded to a multiple of 64.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += char(header.size() & 0xFF);
    out += char(header.size() >> 8);
    out += header;
    out.append(static_cast<const char*>(data), count * item);
    return out;
}

void writeNpy(const std::string& path, const MatrixD& m) {
    writeFileAtomically(path, encodeNpy(NpyType::Float64, {m.rows(), m.cols()}, m.data()));
}

void writeNpy(const std::string& path, const MatrixF& m) {
    writeFileAtomically(path, encodeNpy(NpyType::Float32, {m.rows(), m.cols()}, m.data()));
}

void writeNpy(const std::string& path, const std::vector<double>& values) {
    writeFileAtomically(path, encodeNpy(NpyType::Float64, {(long long)values.size()}, values.data()));
}

void writeNpy(const std::string& path, const std::vector<long long>& indices) {
    static_assert(sizeof(long long) == 8);
    writeFileAtomically(path, encodeNpy(NpyType::Int64, {(long long)indices.size()}, indices.data()));
}

} // namespace le
