#pragma once
// A feature set's rows, scaled on demand from the precision they are stored in: float32
// features stay float32 in memory and only the rows a step needs become float64 (issue #17).
// Gathered rows are bit for bit those of the float64 copy scaled by Scaling::applyInPlace
// (the same two rounded operations per element: centre, then divide).
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/metrics/scaling.h"

namespace le {

class ScaledRows {
public:
    ScaledRows(const FeatureSet& set, Scaling scaling) : set_(&set), scaling_(std::move(scaling)) {}

    Eigen::Index cols() const { return set_->cols(); }
    const Scaling& scaling() const { return scaling_; }
    // rows[i] of the set, scaled, as row i (column-major, for the regression plans).
    Eigen::MatrixXd gather(const std::vector<long long>& rows) const;
    // rows[positions[i]] of the set (positions into `rows`, e.g. neighbours in the train block).
    Eigen::MatrixXd gather(const std::vector<long long>& rows, const std::vector<long long>& positions) const;
    // The same, row-major (the neighbour search and the local fits read whole rows).
    MatrixD gatherRowMajor(const std::vector<long long>& rows) const;

private:
    const FeatureSet* set_;
    Scaling scaling_;
};

// The rows of a set as float64 without scaling (column-major), e.g. to fit its scaler.
Eigen::MatrixXd gatherRows(const FeatureSet& set, const std::vector<long long>& rows);

} // namespace le
