#pragma once
// Writes a Dataset as extended XYZ (ASE conventions) that ASE and OVITO open, optionally
// with extra per-atom columns (e.g. per-atom LFRE, PCA coordinates, cluster labels), so
// results can be coloured in a structure viewer. Written through a temporary file + rename.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/util/task_context.h"

namespace le {

struct AtomColumn {
    std::string name; // made safe for Properties (spaces and ':' become '_')
    MatrixD values;   // atomCount() × width
};

struct ExtxyzWriteOptions {
    bool atomProperties = true; // forces, charges, text labels...
    bool atomFeatures = false;  // per-atom feature sets as R:d columns (can be large)
    bool info = true;           // per-frame info key/values
};

// Throws InputError(path, ...) when writing fails and std::invalid_argument when a column's
// row count differs from the atom count.
void writeExtxyz(const std::string& path, const Dataset& dataset, const std::vector<AtomColumn>& extraColumns = {},
                 const ExtxyzWriteOptions& options = {}, const TaskContext& ctx = silentContext());

// The text that writeExtxyz writes (for tests and previews).
std::string formatExtxyz(const Dataset& dataset, const std::vector<AtomColumn>& extraColumns = {},
                         const ExtxyzWriteOptions& options = {}, const TaskContext& ctx = silentContext());

} // namespace le
