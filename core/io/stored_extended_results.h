#pragma once
// The per-set results of the measures beyond linear reconstruction as arrays of a stored project
// result, under the names `compare --out X.h5` writes: intrinsic_dimension (n × 1),
// model_map_mds (n × 2), model_map_dendrogram ((n − 1) × 4: left, right, height, size),
// model_map_mds_eigenvalues (2), kgfre_gamma and kgfre_rank (n × 1). Used by the CLI and by the
// app's saved workspace; the n × n matrices are stored by the callers.
#include <string>

#include "core/io/hdf5_project.h"
#include "core/metrics/all_pairs.h"

namespace le {

void storeExtendedResults(const AllPairsResult& result, StoredResult& stored);

// Fills result.intrinsicDimension, kernelGamma, kernelRank and modelMap from the arrays present
// (result.names must be set). A shape that does not fit the models, or a merge naming a cluster
// that does not exist yet, is an InputError naming `file` and the array.
void restoreExtendedResults(const StoredResult& stored, const std::string& file, AllPairsResult& result);

} // namespace le
