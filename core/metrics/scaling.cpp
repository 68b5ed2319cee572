#include "core/metrics/scaling.h"

#include <cmath>

#include "core/util/error.h"

namespace le {

Scaling fitScaling(const Eigen::MatrixXd& trainRows, ScalerKind kind, const std::string& what) {
    Scaling s;
    s.mean = Eigen::RowVectorXd::Zero(trainRows.cols());
    if (kind == ScalerKind::None) return s;
    if (trainRows.rows() == 0) throw ComputeError("cannot scale the " + what + ": no train rows");
    s.mean = trainRows.colwise().mean();
    // Total variance: sum over columns of the per-column (ddof 0) variance.
    const double totalVariance = (trainRows.rowwise() - s.mean).colwise().squaredNorm().sum() /
                                 double(trainRows.rows());
    constexpr double kAbsoluteTolerance = 1e-12; // skmatter's atol, rtol = 0
    if (!(totalVariance >= kAbsoluteTolerance))
        throw ComputeError("Cannot normalize a matrix with zero variance: the " + what +
                           " features have total variance " + std::to_string(totalVariance) +
                           " on the train rows (threshold 1e-12)");
    s.scale = std::sqrt(totalVariance);
    return s;
}

} // namespace le
