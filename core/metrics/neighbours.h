#pragma once
// k nearest train rows of every query row, by squared Euclidean distance computed as
// skmatter does, (‖x_tr‖² + ‖x_q‖²) − 2 x_q·x_tr. Equal distances are ordered by position in
// the train block (a stable sort, metrics.md §12). Work proceeds in fixed-size blocks of
// queries × train rows, so memory stays bounded whatever the train size.
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/util/task_context.h"

namespace le {

struct NeighbourLists {
    Eigen::Index k = 0;                 // neighbours per query (min(k, n_train) after exclusions)
    std::vector<long long> positions;   // query-major: positions[q·k + j] = train position
    const long long* of(Eigen::Index query) const { return positions.data() + query * k; }
};

// `excludeSelf` (optional, one entry per query): a train position to leave out for that
// query (the query's own row when it is a training row), or -1. `trainSquaredNorms`
// (optional): ‖x_tr‖² of every train row, when the caller keeps them for many searches.
// Throws OperationCancelled.
// `train` is row-major: every block of train rows is one contiguous matrix for the product.
NeighbourLists nearestTrainRows(const MatrixD& train, const Eigen::MatrixXd& queries,
                                Eigen::Index k, const std::vector<long long>& excludeSelf,
                                const TaskContext& ctx, const Eigen::VectorXd* trainSquaredNorms = nullptr);

} // namespace le
