#include "core/metrics/scaling.h"

#include <cmath>

#include "core/util/error.h"

namespace le {

Scaling fitScaling(const Eigen::MatrixXd& trainRows, ScalerKind kind, const std::string& what) {
    if (kind == ScalerKind::None) return scalingFromMoments(Eigen::RowVectorXd::Zero(trainRows.cols()), 0, kind, what);
    if (trainRows.rows() == 0) throw ComputeError("cannot scale the " + what + ": no train rows");
    const Eigen::RowVectorXd mean = trainRows.colwise().mean();
    // Total variance: sum over columns of the per-column (ddof 0) variance.
    const double totalVariance =
        (trainRows.rowwise() - mean).colwise().squaredNorm().sum() / double(trainRows.rows());
    return scalingFromMoments(mean, totalVariance, kind, what);
}

Scaling scalingFromMoments(Eigen::RowVectorXd mean, double totalVariance, ScalerKind kind,
                           const std::string& what) {
    Scaling s;
    if (kind == ScalerKind::None) {
        s.mean = Eigen::RowVectorXd::Zero(mean.size());
        return s;
    }
    constexpr double kAbsoluteTolerance = 1e-12; // skmatter's atol, rtol = 0
    if (!(totalVariance >= kAbsoluteTolerance))
        throw ComputeError("Cannot normalize a matrix with zero variance: the " + what +
                           " features have total variance " + std::to_string(totalVariance) +
                           " on the train rows (threshold 1e-12)");
    s.mean = std::move(mean);
    s.scale = std::sqrt(totalVariance);
    return s;
}

} // namespace le
