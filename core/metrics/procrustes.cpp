#include "core/metrics/procrustes.h"

#include <algorithm>
#include <cmath>

#include "core/linalg/thin_svd.h"

namespace le {

double procrustesAngle(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross) {
    const double normX = std::sqrt(x.squaredNorm), normY = std::sqrt(y.squaredNorm);
    const Eigen::Index dx = x.rows.cols(), dy = y.rows.cols(), m = std::max(dx, dy);
    // Padded square cross product X̄ᵀȲ = U S Vᵀ; the rotation taking Ȳ closest to X̄ is V Uᵀ.
    Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(m, m);
    padded.topLeftCorner(dx, dy) = cross / (normX * normY);
    const ThinSvd svd = thinSvd(padded);
    const Eigen::MatrixXd rotation = (svd.V * svd.U.transpose()).topRows(dy); // dy × m
    Eigen::MatrixXd residual = -(y.rows * rotation) / normY;                    // n × m
    residual.leftCols(dx) += x.rows / normX;
    return 2.0 * std::asin(std::min(1.0, residual.norm() / 2.0));
}

} // namespace le
