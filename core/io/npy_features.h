#pragma once
// A feature matrix straight from a .npy file, without readNpy's intermediate copies (file bytes,
// element bytes, matrix): either memory-mapped, so that only the rows in use become resident,
// or read directly into the matrix. Only the layout a matrix can use as is qualifies: float32 or
// float64, little-endian, C order, 2-D (rows × features) or 3-D (frames × atoms × features,
// whose rows are then frame by frame).
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/feature_set.h"

namespace le {

enum class NpyAccess { Read, Map };

struct NpyFeatureMatrix {
    std::vector<long long> shape; // as in the file (2-D or 3-D)
    FeatureData data;             // rows × the last dimension
};

// nullopt when the file holds anything else (other dtypes, Fortran order, 1-D, text...): read it
// with readNpy then. Throws InputError naming `path` for a file that cannot be opened, a bad
// header or data shorter than the header declares (checked before any value is read).
std::optional<NpyFeatureMatrix> readNpyFeatureMatrix(const std::string& path, NpyAccess access);

} // namespace le
