#pragma once
// "Open": one structure file plus any number of feature files, or one HDF5 project,
// or one chemiscope file. Decides the reader by extension/content and attaches features.
#include <cstdint>
#include <limits>
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

struct LoadOptions {
    // .npy feature files of at least this many bytes are memory-mapped instead of read, when
    // they are float32/float64 in C order (core/io/npy_features.h): only the rows in use become
    // resident. Such a file must not be truncated or rewritten in place while the data is open
    // (core/util/mapped_file.h). The default never maps.
    std::uint64_t mapNpyFromBytes = std::numeric_limits<std::uint64_t>::max();
};
// Same, and collects notes about what was left out (arrays of an .npz whose rows match
// neither count, extxyz columns missing from some frames, unsupported npz members).
Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx,
                    std::vector<std::string>* warnings, const LoadOptions& options = {});

// True for what loadDataset reads as a feature file (never as the structures): .npy, .npz,
// .mts, `file.h5:/dataset`, and an HDF5 file that is not a Latent Explorer project.
bool isFeatureFileArgument(const std::string& path);
// How a feature file appears in origins and messages: "mace.npy", "embed.h5:/water/descriptor".
std::string featureFileLabel(const std::string& path);

} // namespace le
