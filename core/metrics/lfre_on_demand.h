#pragma once
// Pointwise LFRE of any rows on demand against a large training set (metrics.md §5), the
// source side fitted once and reused. The GUI keeps one LfreQueryContext per (source, train
// split) and asks it for every frame the user looks at; pointwiseLfreOnDemand (all_pairs.h)
// builds a throw-away one.
//
// Only what a query needs is computed per call: the target's scaler needs the mean and the
// total variance of its train rows, streamed in parallel float64 passes without a scaled
// copy, and only the target rows that are neighbours of a query are scaled.
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/metrics/metric_settings.h"
#include "core/metrics/scaling.h"
#include "core/util/task_context.h"

namespace le {

class LfreQueryContext {
public:
    // `source` must outlive the context. Validates the train indices (ComputeError).
    LfreQueryContext(const FeatureSet& source, std::vector<long long> trainIndices, const MetricSettings& settings,
                     const TaskContext& ctx);

    // Pointwise LFRE source → target of `queryRows`; a query that is itself a training row
    // is left out of its own neighbourhood. Equals the standard pointwise LFRE for test rows.
    Eigen::VectorXd pointwise(const FeatureSet& target, const std::vector<long long>& queryRows,
                              const TaskContext& ctx) const;
    // The same with the target's scaler given (from targetScaling, computed once per target:
    // it streams over every training row of the target).
    Eigen::VectorXd pointwise(const FeatureSet& target, const Scaling& targetScaling,
                              const std::vector<long long>& queryRows, const TaskContext& ctx) const;
    Scaling targetScaling(const FeatureSet& target) const;

    const std::vector<long long>& trainIndices() const { return train_; }
    const MetricSettings& settings() const { return settings_; }

private:
    const FeatureSet& source_;
    std::vector<long long> train_;
    MetricSettings settings_;
    Scaling sourceScaling_;
    // The source's train rows, scaled, in train order (row-major): kept for the repeated
    // queries of a GUI session (the all-pairs engine gathers them block by block instead).
    MatrixD scaledTrain_;
    std::vector<long long> positionOfRow_; // row → its position in train_, or -1
};

// Scaler of rows `rows` of a set, fitted as fitScaling would on the gathered rows, without
// gathering them: the compare engine's block-wise fit (block_scaling.h), so the on-demand values
// of test rows use exactly the compare run's scaler.
Scaling streamedScaling(const FeatureSet& set, const std::vector<long long>& rows, ScalerKind kind,
                        const std::string& what);

// Rows `rows` of a set as float64, scaled (parallel over rows when there are many), row-major.
MatrixD scaledRows(const FeatureSet& set, const std::vector<long long>& rows, const Scaling& scaling);

} // namespace le
