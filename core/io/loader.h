#pragma once
// "Open": one structure file plus any number of feature files, or one HDF5 project,
// or one chemiscope file. Decides the reader by extension/content and attaches features.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/util/task_context.h"

namespace le {

// paths[0] is the structure file (.xyz/.extxyz, .json/.json.gz chemiscope, .h5 project);
// the rest are feature files:
//   .npy   one model, named by its stem: 2-D rows × features (rows = atoms or frames), or 3-D
//          frames × atoms × features (DeePMD's dp eval-desc), checked frame by frame;
//   .npz   one model per array;
//   .mts   a metatensor TensorMap (metatensor_reader.h), named by its stem;
//   .h5    DeePMD's dp embed output (deepmd_embedding.h);
//   file.h5:/group/dataset  one HDF5 dataset, 2-D or 3-D as for .npy, named "<stem>/group/dataset".
// Per-atom feature columns inside an extxyz (e.g. MACE_descriptors:R:256) become feature
// sets too. Throws InputError naming the file and the line / member / dataset; nothing is
// loaded then.
Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx = silentContext());
// Same, and collects notes about what was left out (arrays of an .npz whose rows match
// neither count, extxyz columns missing from some frames, unsupported npz members).
Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx,
                    std::vector<std::string>* warnings);

// True for what loadDataset reads as a feature file (never as the structures): .npy, .npz,
// .mts, `file.h5:/dataset`, and an HDF5 file that is not a Latent Explorer project.
bool isFeatureFileArgument(const std::string& path);
// How a feature file appears in origins and messages: "mace.npy", "embed.h5:/water/descriptor".
std::string featureFileLabel(const std::string& path);

} // namespace le
