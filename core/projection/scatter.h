#pragma once
// Column statistics of a (possibly huge) feature matrix without copying it: the column mean
// and the d × d scatter matrix Σ (x − μ)ᵀ(x − μ), accumulated in float64 over blocks of rows,
// so a 200 000 × 512 float32 set never needs more than one block plus d × d in memory.
#include <functional>
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/util/task_context.h"

namespace le {

// Rows of a feature set taking part in a computation: empty = every row.
using RowSelection = std::vector<Eigen::Index>;

struct ScatterStats {
    Eigen::Index samples = 0;
    Eigen::RowVectorXd mean;   // 1 × d
    Eigen::MatrixXd scatter;   // d × d, Σ (x − μ)ᵀ(x − μ)
    // The total variance ‖X − μ‖²_F / n (StandardFlexibleScaler's σ²).
    double totalVariance() const { return samples ? scatter.trace() / double(samples) : 0.0; }
};

// Two passes over the selected rows (mean, then centred scatter), blocks of rows in parallel
// through Eigen's matrix products. Throws ComputeError for an empty selection or a row out
// of range, OperationCancelled when cancelled.
ScatterStats computeScatter(const FeatureSet& features, const RowSelection& rows,
                            const TaskContext& ctx);

// Calls `visit(firstIndex, block)` for consecutive blocks of the selected rows as float64
// (block is rows × d, row-major); used to project or to accumulate cross products.
void forEachRowBlock(const FeatureSet& features, const RowSelection& rows,
                     const std::function<void(Eigen::Index, const MatrixD&)>& visit,
                     const TaskContext& ctx);

// Number of selected rows (the full row count for an empty selection).
Eigen::Index selectedCount(const FeatureSet& features, const RowSelection& rows);

// Symmetric eigen-decomposition with eigenvalues in descending order and each eigenvector's
// largest-magnitude entry made positive (the first such entry on ties): the deterministic
// sign convention of every projection.
struct SortedEigen {
    Eigen::VectorXd values;
    Eigen::MatrixXd vectors; // columns
};
SortedEigen sortedEigen(const Eigen::MatrixXd& symmetric);

} // namespace le
