#pragma once
// NumPy .npy arrays: versions 1–3, dtypes <f2 <f4 <f8 <i4 <i8 |b1 (and <U text), C or Fortran
// order. Big-endian, object (pickled) and structured arrays are rejected with a message that
// says how to convert them (structured int32 arrays are read by parseNpyLabels, for
// metatensor). The writer always produces version 1.0, little-endian, C order.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/util/error.h"

namespace le {

// A well-formed array whose dtype we do not read (object, structured, big-endian...).
class UnsupportedDtype : public InputError {
public:
    using InputError::InputError;
};

enum class NpyType { Float16, Float32, Float64, Int32, Int64, Bool, Text };

struct NpyArray {
    NpyType type = NpyType::Float64;
    std::vector<long long> shape;
    std::vector<unsigned char> bytes; // element data, little-endian, C (row-major) order
    std::vector<std::string> text;    // elements when type == Text (UTF-8)

    long long elementCount() const;
    const char* dtypeName() const; // "float16", "float32", "int64", "bool", "text"...
    bool isNumeric() const { return type != NpyType::Text; }
    // Element i converted to double (bools 0/1). Precondition: isNumeric().
    double valueAt(long long i) const;

    // 2-D view as rows × columns (a 1-D array is one column, a 0-D array is 1 × 1).
    // Throws std::runtime_error for 3-D and more, or for text.
    long long rows() const;
    long long cols() const;
    MatrixD toMatrixD() const;
    // float32 stays float32, float16 becomes float32 (exactly), everything else float64.
    std::variant<MatrixD, MatrixF> toFeatureData() const;
    // Integer index array (e.g. split indices) as int64; throws for non-integer dtypes.
    std::vector<long long> toIndices() const;
};

// A shape as numpy prints it: "(5, 10, 64)", "(3,)".
std::string shapeText(const std::vector<long long>& shape);

// What an .npy holds, from its header alone (the element data is not read).
struct NpyDescription {
    NpyType type = NpyType::Float64;
    bool fortranOrder = false;
    std::vector<long long> shape;
    std::size_t dataOffset = 0; // where the element data starts in the file
    std::size_t itemSize = 0;   // bytes per element (a text element: 4 per character)
    unsigned long long elementCount = 0;
};
// `head` is the start of the file (at least its whole header), `fileSize` its full length.
// Refuses what parseNpy refuses, with the same messages (bad header, unsupported dtype, data
// shorter than the shape says), without touching the data.
NpyDescription describeNpy(std::string_view head, unsigned long long fileSize, const std::string& name);

// `name` is used in messages (the file, or "archive.npz:member").
NpyArray parseNpy(std::string_view bytes, const std::string& name);
NpyArray readNpy(const std::string& path);

// A 1-D structured array whose fields are all int32 (metatensor's Labels): field names and
// one row of values per entry.
struct NpyLabels {
    std::vector<std::string> names;
    std::vector<std::int32_t> values; // entries × names.size(), row-major
    long long count() const { return names.empty() ? 0 : (long long)(values.size() / names.size()); }
    std::int32_t at(long long entry, std::size_t field) const { return values[std::size_t(entry) * names.size() + field]; }
    int fieldIndex(const std::string& name) const; // -1 when absent
};
NpyLabels parseNpyLabels(std::string_view bytes, const std::string& name);

// IEEE 754 half precision (binary16) to float: every half is exactly a float.
float halfToFloat(std::uint16_t bits);

// Writers go through a temporary file in the same folder and a rename, so an existing file
// is never left half-written. Throw InputError naming the path on failure.
void writeNpy(const std::string& path, const MatrixD& matrix);
void writeNpy(const std::string& path, const MatrixF& matrix);
void writeNpy(const std::string& path, const std::vector<double>& values);
void writeNpy(const std::string& path, const std::vector<long long>& indices);
// The bytes of an .npy file (used by the writers above and by tests).
std::string encodeNpy(NpyType type, const std::vector<long long>& shape, const void* data);

} // namespace le
