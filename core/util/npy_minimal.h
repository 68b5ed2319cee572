#pragma once
// Minimal .npy access for the metrics CLI and tests: little-endian float64/float32/int64/
// int32 arrays of 1 or 2 dimensions, C or Fortran order. (The full reader with every
// dtype and .npz lives in core/io; this one only needs what the metrics consume.)
#include <string>
#include <vector>

#include <Eigen/Core>

namespace le {

struct NpyArray {
    std::vector<long long> shape;
    bool isFloat32 = false;      // true when the file stored float32
    Eigen::MatrixXd values;      // rows × cols (a 1-D array becomes n × 1), in float64
};

// Throws InputError naming the file on any format problem.
NpyArray readNpyMinimal(const std::string& path);
// A 1-D integer (or integral-valued float) array as indices.
std::vector<long long> readNpyIndices(const std::string& path);
// Writes a 1-D float64 array; writes to a temporary file and renames it into place.
void writeNpyVector(const std::string& path, const Eigen::VectorXd& values);

} // namespace le
