#pragma once
// A named matrix of features, one row per atom or per structure, kept in the precision
// it was read in (float32 or float64). Computations ask for `toDouble()`.
#include <Eigen/Core>

#include <string>
#include <variant>

namespace le {

enum class Level { Atom, Structure };

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct FeatureSet {
    std::string name;       // model name shown everywhere (file stem, npz key, column name)
    Level level = Level::Atom;
    std::variant<MatrixD, MatrixF> data;
    std::string origin;     // where it came from, e.g. "mace.npy" or "data.xyz:MACE_descriptors"
    bool enabled = true;    // takes part in analyses

    Eigen::Index rows() const;
    Eigen::Index cols() const;
    bool isFloat32() const { return std::holds_alternative<MatrixF>(data); }
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
NonFiniteReport findNonFinite(const FeatureSet& features);

const char* levelName(Level level);

} // namespace le
