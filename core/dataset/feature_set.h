#pragma once
// A named matrix of features, one row per atom or per structure, kept in the precision
// it was read in (float32 or float64). Computations ask for `toDouble()` or gather rows.
#include <Eigen/Core>

#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <variant>

namespace le {

class MappedFile;

enum class Level { Atom, Structure };

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A read-only row-major matrix in memory owned elsewhere: every Eigen expression of a
// matrix works on it (m.row(i), m(rows, Eigen::all), m.cast<double>(), m.data()...).
// Assigning one view to another points it at the other's values (Eigen's Map would copy
// the values instead), so views can live in a std::variant.
template <typename Scalar>
class MatrixView : public Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> {
    using Base = Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

public:
    MatrixView() : Base(nullptr, 0, 0) {}
    MatrixView(const Scalar* values, Eigen::Index rows, Eigen::Index cols) : Base(values, rows, cols) {}
    MatrixView(const MatrixView& other) : Base(other.data(), other.rows(), other.cols()) {}
    MatrixView& operator=(const MatrixView& other) {
        new (this) MatrixView(other); // re-seat, as Eigen documents for Map
        return *this;
    }
};
using MatrixViewD = MatrixView<double>;
using MatrixViewF = MatrixView<float>;

// The values of a feature set: a read-only float64 or float32 view, plus shared ownership of
// the memory it points into, either a matrix on the heap or a memory-mapped .npy file.
// It is a std::variant of the two views, so `std::visit(f, set.data)` and
// `std::get<MatrixViewF>(set.data)` read it. Copies share the values (no copy of the
// numbers) and nothing can change them, so a copy can go to a worker thread as is;
// assigning a new matrix (`set.data = MatrixF(...)`) gives the set new storage and leaves
// earlier copies untouched.
class FeatureData : public std::variant<MatrixViewD, MatrixViewF> {
public:
    using Owned = std::variant<MatrixD, MatrixF>;

    FeatureData() = default; // 0 × 0 float64
    // Takes over a float64 or float32 matrix (anything std::variant<MatrixD, MatrixF> is
    // constructible from: MatrixD, MatrixF, the variant itself).
    template <typename Values, std::enable_if_t<std::is_constructible_v<Owned, Values&&>, int> = 0>
    FeatureData(Values&& values) { own(Owned(std::forward<Values>(values))); }
    // Values inside a memory-mapped file, which stays mapped while any copy lives.
    FeatureData(MatrixViewD values, std::shared_ptr<const MappedFile> file);
    FeatureData(MatrixViewF values, std::shared_ptr<const MappedFile> file);
    // Copies share; there is no move, so a moved-from set still holds its values.
    FeatureData(const FeatureData&) = default;
    FeatureData& operator=(const FeatureData&) = default;

    bool isMapped() const { return mapping_ != nullptr; }
    // The first value's address: equal for a set and its copies.
    const void* values() const;
    // Mapped values: lets the OS drop rows [first, first + count) from this process's resident
    // memory (they are read from the file again when next used), e.g. after a pass over them.
    // No effect on values on the heap. Safe while other threads read the same rows.
    void releaseRows(Eigen::Index first, Eigen::Index count) const;

private:
    void own(Owned values);
    std::shared_ptr<const void> owner_;  // the heap matrix or the MappedFile
    const MappedFile* mapping_ = nullptr; // set when owner_ is a mapping
};

struct FeatureSet {
    std::string name;       // model name shown everywhere (file stem, npz key, column name)
    Level level = Level::Atom;
    FeatureData data;
    std::string origin;     // where it came from, e.g. "mace.npy" or "data.xyz:MACE_descriptors"
    bool enabled = true;    // takes part in analyses

    Eigen::Index rows() const;
    Eigen::Index cols() const;
    bool isFloat32() const { return std::holds_alternative<MatrixViewF>(data); }
    const char* dtypeName() const { return isFloat32() ? "float32" : "float64"; }
    // float64 copy (row-major) for computation; all accumulation happens in float64.
    MatrixD toDouble() const;
};

// Non-finite values in a matrix: how many, and the first one (row-major order).
struct NonFiniteReport {
    long long count = 0;
    Eigen::Index firstRow = -1, firstCol = -1;
    bool any() const { return count > 0; }
};
// Reads every value once; mapped rows are released again as the scan passes them.
NonFiniteReport findNonFinite(const FeatureSet& features);

const char* levelName(Level level);

} // namespace le
