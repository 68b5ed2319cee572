#pragma once
// Latent Explorer project files (.h5): a dataset with its feature sets and properties, the
// analysis settings, and any number of named computed results, in one HDF5 file.
// The layout is documented in core/io/HDF5_LAYOUT.md.
#include <map>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/util/task_context.h"

namespace le {

// A computed result (a GFRE matrix, LFRE values, split indices, pointwise errors...):
// named float64 arrays plus text attributes (model names, settings, units...).
struct StoredResult {
    std::string name;
    std::map<std::string, MatrixD> arrays;
    std::map<std::string, std::string> attributes;
};

struct Project {
    Dataset dataset;
    std::string settingsJson; // free-form JSON written by the app (may be empty)
    std::vector<StoredResult> results;
};

// Written through a temporary file in the same folder and a rename. Throws InputError
// naming the path (and the HDF5 object) on failure.
void writeProject(const std::string& path, const Project& project, const TaskContext& ctx = silentContext());

// Throws InputError(path, "/hdf5/path", message) for files that are not projects or are damaged.
Project readProject(const std::string& path, const TaskContext& ctx = silentContext());

inline constexpr const char* kProjectFormat = "latent-explorer-project";
inline constexpr long long kProjectVersion = 1;

} // namespace le
