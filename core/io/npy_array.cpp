#include "core/io/npy.h"

#include <cstring>
#include <stdexcept>

namespace le {

std::string shapeText(const std::vector<long long>& shape) {
    std::string text;
    for (auto n : shape) text += (text.empty() ? "" : ", ") + std::to_string(n);
    return "(" + text + (shape.size() == 1 ? ",)" : ")");
}

long long NpyArray::elementCount() const {
    long long n = 1;
    for (auto d : shape) n *= d;
    return n;
}

const char* NpyArray::dtypeName() const {
    switch (type) {
    case NpyType::Float16: return "float16";
    case NpyType::Float32: return "float32";
    case NpyType::Float64: return "float64";
    case NpyType::Int32: return "int32";
    case NpyType::Int64: return "int64";
    case NpyType::Bool: return "bool";
    case NpyType::Text: return "text";
    }
    return "?";
}

double NpyArray::valueAt(long long i) const {
    const unsigned char* p = bytes.data();
    switch (type) {
    case NpyType::Float16: { std::uint16_t v; std::memcpy(&v, p + 2 * i, 2); return halfToFloat(v); }
    case NpyType::Float32: { float v; std::memcpy(&v, p + 4 * i, 4); return v; }
    case NpyType::Float64: { double v; std::memcpy(&v, p + 8 * i, 8); return v; }
    case NpyType::Int32: { std::int32_t v; std::memcpy(&v, p + 4 * i, 4); return double(v); }
    case NpyType::Int64: { std::int64_t v; std::memcpy(&v, p + 8 * i, 8); return double(v); }
    case NpyType::Bool: return p[i] ? 1.0 : 0.0;
    case NpyType::Text: break;
    }
    throw std::runtime_error("text array has no numeric values");
}

long long NpyArray::rows() const {
    if (shape.size() > 2) throw std::runtime_error("a " + std::to_string(shape.size()) + "-D array is not a matrix");
    return shape.empty() ? 1 : shape[0];
}

long long NpyArray::cols() const {
    if (shape.size() > 2) throw std::runtime_error("a " + std::to_string(shape.size()) + "-D array is not a matrix");
    return shape.size() == 2 ? shape[1] : 1;
}

MatrixD NpyArray::toMatrixD() const {
    MatrixD m(rows(), cols());
    if (type == NpyType::Float64) {
        if (m.size()) std::memcpy(m.data(), bytes.data(), std::size_t(m.size()) * 8);
        return m;
    }
    for (long long i = 0; i < m.size(); ++i) m.data()[i] = valueAt(i);
    return m;
}

std::variant<MatrixD, MatrixF> NpyArray::toFeatureData() const {
    if (type != NpyType::Float32 && type != NpyType::Float16) return toMatrixD();
    MatrixF m(rows(), cols());
    if (type == NpyType::Float16)
        for (long long i = 0; i < m.size(); ++i) m.data()[i] = float(valueAt(i));
    else if (m.size())
        std::memcpy(m.data(), bytes.data(), std::size_t(m.size()) * 4);
    return m;
}

std::vector<long long> NpyArray::toIndices() const {
    if (type != NpyType::Int32 && type != NpyType::Int64 && type != NpyType::Bool)
        throw std::runtime_error(std::string("expected an integer array, got ") + dtypeName());
    std::vector<long long> out(static_cast<std::size_t>(elementCount()));
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (type == NpyType::Int64) std::memcpy(&out[i], bytes.data() + 8 * i, 8);
        else out[i] = (long long)valueAt((long long)i);
    }
    return out;
}

} // namespace le
