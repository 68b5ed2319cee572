#pragma once
// Per-frame feature arrays, frames × atoms × features (DeePMD's `dp eval-desc` .npy, `dp embed`
// HDF5 datasets, any 3-D HDF5 dataset), turned into one per-atom feature matrix in the atom
// order of the structures, after checking every frame's atom count against them.
#include <string>
#include <variant>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/npy.h"

namespace le {

// `blocks` are 3-D arrays whose frames follow each other (one block per DeePMD system);
// together they must cover every frame of `d`, each frame with its atom count. `source`
// names the feature file in messages ("desc.npy", "embed.h5:/water/descriptor").
// Throws InputError(source, ...) naming the first frame that does not match, e.g.
// "frame 3 has 12 atoms in structures.xyz but 10 in desc.npy".
std::variant<MatrixD, MatrixF> stackFrameBlocks(const Dataset& d, const std::vector<const NpyArray*>& blocks,
                                                const std::string& source);

// The checks of stackFrameBlocks on the blocks' shapes alone (3-D, one width, every frame's
// atom count), for a file whose rows are used in place (a memory-mapped .npy).
void checkFrameShapes(const Dataset& d, const std::vector<std::vector<long long>>& shapes, const std::string& source);

} // namespace le
