#pragma once
// "Open": one structure file plus any number of feature files, or one HDF5 project,
// or one chemiscope file. Decides the reader by extension/content and attaches features.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/util/task_context.h"

namespace le {

// paths[0] is the structure file (.xyz/.extxyz, .json/.json.gz chemiscope, .h5 project);
// the rest are feature files: .npy (one model, named by its stem) or .npz (one model per
// array). Per-atom feature columns inside an extxyz (e.g. MACE_descriptors:R:256) become
// feature sets too. Throws InputError naming the file and the line / member.
Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx = silentContext());
// Same, and collects notes about what was left out (arrays of an .npz whose rows match
// neither count, extxyz columns missing from some frames, unsupported npz members).
Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx,
                    std::vector<std::string>* warnings);

} // namespace le
