#pragma once
// Information imbalance (Glielmo et al., PNAS Nexus 2022) between feature spaces over the same
// N rows: how well the nearest neighbours in A are still close in B,
//     Δ(A → B) = (2 / N²) Σ_i rank_B(i, nn_A(i)),
// nn_A(i) the nearest other row of i in A, rank_B(i, j) the rank of j among the other rows
// sorted by distance from i in B (nearest = 1). Equal distances are ordered by row index, both
// for nn_A and for the ranks. Δ ≈ 2/N: A's neighbourhoods are B's; Δ ≈ 1: no information.
// Exact distances (row_distances.h); O(N² d) work per space, O(N) memory per space.
#include <vector>

#include <Eigen/Core>

#include "core/util/task_context.h"

namespace le {

// Δ(spaces[a] → spaces[b]) for every ordered pair (a, b); the diagonal is left NaN unless
// `includeDiagonal` (it is 2/N by construction). Every space must have the same N ≥ 2 rows
// (ComputeError). Throws OperationCancelled.
Eigen::MatrixXd informationImbalances(const std::vector<const Eigen::MatrixXd*>& spaces, bool includeDiagonal,
                                      const TaskContext& ctx = silentContext());

} // namespace le
