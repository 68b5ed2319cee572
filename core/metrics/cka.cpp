#include "core/metrics/cka.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/util/error.h"

namespace le {

double linearCka(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross) {
    return cross.squaredNorm() / (x.gram.norm() * y.gram.norm());
}

double unbiasedHsic(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross) {
    const double n = double(x.rows.rows());
    if (x.rows.rows() < 4 || x.rows.rows() != y.rows.rows())
        throw ComputeError("the unbiased HSIC needs the same n ≥ 4 rows on both sides, got " +
                           std::to_string(x.rows.rows()) + " and " + std::to_string(y.rows.rows()));
    // Everything through K̃ = X Xᵀ − diag(k): no n × n matrix is formed.
    const double traceKL = cross.squaredNorm() - x.rowSquaredNorms.dot(y.rowSquaredNorms);
    const double sumK = x.columnSums.squaredNorm() - x.squaredNorm;
    const double sumL = y.columnSums.squaredNorm() - y.squaredNorm;
    const Eigen::VectorXd kOnes = x.rows * x.columnSums - x.rowSquaredNorms; // K̃ 1
    const Eigen::VectorXd lOnes = y.rows * y.columnSums - y.rowSquaredNorms; // L̃ 1
    return (traceKL + sumK * sumL / ((n - 1) * (n - 2)) - 2.0 / (n - 2) * kOnes.dot(lOnes)) / (n * (n - 3));
}

double debiasedCka(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross) {
    const double xx = unbiasedHsic(x, x, x.gram), yy = unbiasedHsic(y, y, y.gram);
    if (!(xx > 0.0 && yy > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return unbiasedHsic(x, y, cross) / std::sqrt(xx * yy);
}

} // namespace le
