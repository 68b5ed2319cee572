#pragma once
// Feature arrays inside any HDF5 file (not a Latent Explorer project): a dataset named on the
// command line as `file.h5:/group/dataset` (2-D rows × features, or 3-D frames × atoms ×
// features), and the listing `latent-explorer info file.h5` prints.
#include <optional>
#include <string>
#include <vector>

#include "core/io/npy.h"

namespace le {

struct Hdf5DatasetInfo {
    std::string path;              // "/group/dataset"
    std::vector<long long> shape;
    std::string dtype;             // "float32", "int64", "string"...
};

// Every dataset of the file, depth first in name order (what h5py lists).
std::vector<Hdf5DatasetInfo> listHdf5Datasets(const std::string& file);
// "/a (10, 64) float32; /b (10,) int64" for messages.
std::string describeHdf5Datasets(const std::vector<Hdf5DatasetInfo>& datasets);

// A numeric dataset as an array (4-byte floats stay float32, other numbers become float64).
// Throws InputError(file, dataset, ...) when it is missing or not numeric.
NpyArray readHdf5Array(const std::string& file, const std::string& dataset);

// True for an HDF5 file whose root attribute `format` says it is a Latent Explorer project.
bool isProjectHdf5(const std::string& file);
bool isHdf5File(const std::string& file);

// `file.h5:/group/dataset` → {file.h5, /group/dataset}. An argument naming an existing file
// (even with ':' in its name) is a plain path: nullopt. The split is at the first ':' whose
// left part is an existing file.
struct Hdf5DatasetRef {
    std::string file;
    std::string dataset;
};
std::optional<Hdf5DatasetRef> splitHdf5DatasetArgument(const std::string& argument);

} // namespace le
