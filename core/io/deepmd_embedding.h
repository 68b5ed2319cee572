#pragma once
// DeePMD-kit's `dp embed -m model -s systems -o embedding.hdf5` output: one group per system
// (group name = system folder; h5py lists them in name order) holding
//   descriptor          (frames, atoms, d)   per-atom descriptor
//   atomic_feature      (frames, atoms, h)   per-atom activations after the last fitting layer
//   structural_feature  (frames, h)          their sum over the atoms of each frame
//   atom_types          (frames, atoms)      indices into the root attribute type_map
// The systems' frames follow each other, in group-name order, and must match the frames of
// the structure file one to one; atom_types must name the structures' elements.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/hdf5_features.h"

namespace le {

// True when every dataset sits in a top-level group and some group has a `descriptor` or an
// `atomic_feature` dataset.
bool looksLikeDeepmdEmbedding(const std::vector<Hdf5DatasetInfo>& datasets);

// The feature sets "<stem>/descriptor", "<stem>/atomic_feature" (per atom) and
// "<stem>/structural_feature" (per structure), those present in every group, aligned with
// `d`. Throws InputError naming the file, the dataset and the first frame that does not match.
std::vector<FeatureSet> readDeepmdEmbedding(const std::string& path, const Dataset& d, const std::string& stem);

} // namespace le
