#pragma once
// The train-fitted scaler of a set without a float64 copy of its train rows (issue #17): the
// moments fitScaling takes from the whole copy, accumulated in float64 over blocks of rows in
// two passes (column sums, then squares of the rows centred by the final mean, so the variance
// has no cancellation). With the rows partitioned over ranks, each sums the train rows it owns
// and the partial sums are added in rank order, so every rank gets the same scaler. The sums are
// compensated (compensated_sums.h), as fitScaling's: the same scaler bit for bit, in practice,
// however the rows are grouped.
#include <string>
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/scaling.h"

namespace le {

// fitScaling(gatherRows(set, rows), kind, what), read in blocks of `blockRows` rows.
Scaling fitScalingByBlocks(const FeatureSet& set, const std::vector<long long>& rows, ScalerKind kind,
                           const std::string& what, const WorkShare& share, Eigen::Index blockRows);

} // namespace le
