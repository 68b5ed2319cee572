#pragma once
// Structure-level reconstruction tables built on cumulant pooling and the all-pairs engine:
//  - the progressive-order table of one model: GFRE/LFRE between φ(a) and φ(b) for every
//    pair of orders a, b = 1..n (φ(a) = first a·d columns of φ(n), so GFRE(higher → lower)
//    is ≈ 0 by construction: a built-in check);
//  - the cross-model table at one order between several models.
// Rows are structures (frames kept by the subset), the split is per structure.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/dataset/subset.h"
#include "core/metrics/all_pairs.h"
#include "core/pooling/cumulants.h"

namespace le {

struct StructureTableOptions {
    CumulantOptions cumulants;   // order = max order (orders table) or the chosen order
    Subset subset;               // atoms and frames pooled
    MetricSettings metrics;      // split (e.g. Stratified by "subset", 1000 test structures), k...
};

struct StructureTable {
    AllPairsResult pairs;               // names "phi1".."phiN" or the model names
    std::vector<Eigen::Index> frames;   // frame of each row (structures with selected atoms)
    long long singleAtomStructures = 0; // κ≥2 were set to 0 for these
    std::string subsetDescription;
};

// Per-structure labels used by a stratified split, for the kept frames; empty when the
// split is not stratified. Throws InputError when the label key is unknown.
std::vector<std::string> structureSplitLabels(const Dataset& dataset,
                                              const std::vector<Eigen::Index>& frames,
                                              const MetricSettings& settings);

// Orders 1..options.cumulants.order of one per-atom feature set.
StructureTable computeOrderTable(const Dataset& dataset, const FeatureSet& atomFeatures,
                                 const StructureTableOptions& options, const TaskContext& ctx);

// Several per-atom feature sets pooled at options.cumulants.order, compared pairwise.
StructureTable computeCrossModelTable(const Dataset& dataset,
                                      const std::vector<const FeatureSet*>& atomFeatures,
                                      const StructureTableOptions& options,
                                      const TaskContext& ctx);

} // namespace le
