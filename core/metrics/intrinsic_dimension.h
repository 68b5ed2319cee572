#pragma once
// TwoNN intrinsic dimension (Facco et al., Sci. Rep. 7, 12140, 2017) with the defaults of
// DADApy's compute_id_2NN: for each point μ = r₂ / r₁ (distances to its two nearest other
// points); the x = log μ are sorted ascending and the smallest ⌊0.9·N⌋ kept; with
// F_i = i / N (i = 1…⌊0.9·N⌋) the dimension is the least-squares slope through the origin of
// −log(1 − F_i) against x_i: d = Σ x_i y_i / Σ x_i². Exact duplicate rows are dropped first
// (r₁ = 0 would make μ infinite); N counts the distinct rows.
#include <Eigen/Core>

#include "core/util/task_context.h"

namespace le {

struct TwoNnEstimate {
    double dimension = 0.0;
    long long distinctRows = 0;      // N
    long long duplicatesDropped = 0; // rows equal to an earlier row
    long long pointsFitted = 0;      // ⌊fraction·N⌋
};

// ComputeError when fewer than 3 distinct rows remain or no point has r₂ > r₁.
// Exact distances (row_distances.h), O(N² d). Throws OperationCancelled.
TwoNnEstimate twoNnDimension(const Eigen::MatrixXd& rows, double fraction = 0.9,
                             const TaskContext& ctx = silentContext());

} // namespace le
