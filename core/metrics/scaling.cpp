#include "core/metrics/scaling.h"

#include <cmath>

#include "core/metrics/compensated_sums.h"
#include "core/util/error.h"

namespace le {

Scaling fitScaling(const Eigen::MatrixXd& trainRows, ScalerKind kind, const std::string& what) {
    if (kind == ScalerKind::None) return scalingFromMoments(Eigen::RowVectorXd::Zero(trainRows.cols()), 0, kind, what);
    if (trainRows.rows() == 0) throw ComputeError("cannot scale the " + what + ": no train rows");
    // Sums rounded once (compensated_sums.h): the same scaler as fitScalingByBlocks, bit for bit.
    const double count = double(trainRows.rows());
    CompensatedSums sums(trainRows.cols());
    sums.addRows(trainRows);
    const Eigen::RowVectorXd mean = sums.rounded() / count;
    // Total variance: sum over columns of the per-column (ddof 0) variance.
    CompensatedSums squares(trainRows.cols());
    squares.addCentredSquares(trainRows, mean);
    return scalingFromMoments(mean, squares.roundedTotal() / count, kind, what);
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
