#pragma once
// scikit-matter's StandardFlexibleScaler with its defaults (metrics.md §2.2): centre each
// column by the train mean and divide everything by one scalar, the square root of the
// total train variance. "None" leaves the data untouched.
#include <string>

#include <Eigen/Core>

#include "core/metrics/metric_settings.h"

namespace le {

struct Scaling {
    Eigen::RowVectorXd mean; // zero for ScalerKind::None
    double scale = 1.0;      // divide by this

    void applyInPlace(Eigen::MatrixXd& rows) const {
        rows.rowwise() -= mean;
        rows /= scale;
    }
};

// Fitted on the train rows only. Throws ComputeError naming `what` ("source", "target")
// when the total variance is below 1e-12 (as skmatter: "Cannot normalize a matrix with
// zero variance").
Scaling fitScaling(const Eigen::MatrixXd& trainRows, ScalerKind kind, const std::string& what);

// The same from moments computed elsewhere (e.g. streamed over rows that were never copied):
// `mean` of the train rows and their total (ddof 0) variance. Same error as fitScaling.
Scaling scalingFromMoments(Eigen::RowVectorXd mean, double totalVariance, ScalerKind kind,
                           const std::string& what);

} // namespace le
