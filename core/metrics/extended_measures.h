#pragma once
// The all-pairs engine's part for the measures beyond linear reconstruction (issue #16):
// kernel GFRE on the split, CKA / debiased CKA / Procrustes angle on all rows, information
// imbalance and the TwoNN intrinsic dimension on the test rows, and the model map from the
// Procrustes angles. Called by computeAllPairs with the scaled train/test blocks it has made.
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/pair_measures.h"
#include "core/util/task_context.h"

namespace le {

// True if settings ask for any measure this file computes.
bool wantsExtendedMeasures(const MetricSettings& settings);

// Fills out.matrices / out.pairs of the requested measures, out.intrinsicDimension,
// out.modelMap, out.kernelGamma / kernelRank. out.names, trainIndices, settings are set.
void computeExtendedMeasures(const std::vector<const FeatureSet*>& sets, const std::vector<ScaledBlocks>& blocks,
                             AllPairsResult& out, const TaskContext& ctx);

} // namespace le
