#pragma once
// GFRE, GFRD and LFRE of one source → target pair (metrics.md §3–§5), from scaled train
// and test blocks. The all-pairs engine calls the same pieces with shared source plans.
#include <string>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/regression.h"
#include "core/metrics/splits.h"
#include "core/util/task_context.h"

namespace le {

struct ScaledBlocks {
    Eigen::MatrixXd train, test; // rows in split order, scaled with the train-fitted scaler
};

ScaledBlocks scaleBlocks(const MatrixD& data, const TrainTestSplit& split, ScalerKind scaler,
                         const std::string& what);

// Fits W on the target's train block (plan = the source's regression plan; the source's own
// train block is not read and may be empty) and fills the requested
// measures: GFRE = ‖Y_te − X_te W‖ per point; GFRD = distance between X_te W and its
// best orthogonal approximation X_te Q, compared in the space padded to max(dx, dy)
// columns. For dx > dy skmatter raises; we keep the padded comparison (§4.5).
void globalMeasures(const ScaledBlocks& x, const RegressionPlan& plan, const ScaledBlocks& y,
                    PairMeasure* gfre, PairMeasure* gfrd);
// The same from the target's solution (plan.solve of its train rows) and its test rows.
void globalMeasures(const ScaledBlocks& x, const RegressionPlan& plan, const RegressionSolution& sol,
                    const Eigen::MatrixXd& yTest, PairMeasure* gfre, PairMeasure* gfrd);

// k = 0 → min(dx, dy, total rows). Throws ComputeError when k < 2, or when an explicit k
// exceeds the total rows (as skmatter).
// ComputeError naming both sets when their row counts differ (they must describe the same rows).
void requireSameRows(const FeatureSet& a, const FeatureSet& b);

Eigen::Index resolveLfreK(long long requested, Eigen::Index dx, Eigen::Index dy, Eigen::Index totalRows);

// Pointwise LFRE over the test block (neighbours among the train block, not excluded).
PairMeasure localMeasure(const ScaledBlocks& x, const ScaledBlocks& y, Eigen::Index k,
                         const EstimatorSettings& estimator, const TaskContext& ctx);

// One measure of one pair, everything prepared from the raw matrices (CLI, tests).
PairMeasure computePairMeasure(Measure measure, const MatrixD& X, const MatrixD& Y,
                               const TrainTestSplit& split, const MetricSettings& settings,
                               const TaskContext& ctx = silentContext());

// sqrt(mean(pointwise²)), the aggregate of every measure.
double rootMeanSquare(const Eigen::VectorXd& pointwise);

} // namespace le
