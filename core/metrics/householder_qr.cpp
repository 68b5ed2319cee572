#include "core/metrics/householder_qr.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/metrics/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

// LAPACK's optimal workspace from a query call (lwork = -1), at least `minimum`.
int optimalWorkspace(double queried, int minimum) { return std::max(minimum, int(queried)); }

} // namespace

HouseholderQr::HouseholderQr(Eigen::MatrixXd A) : factors_(std::move(A)), tau_(factors_.cols()) {
    const int m = int(factors_.rows()), n = int(factors_.cols());
    if (m < n)
        throw ComputeError("Householder QR of a " + std::to_string(m) + " x " + std::to_string(n) +
                           " block: it needs at least as many rows as columns");
    if (n == 0) return;
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dgeqrf_(&m, &n, factors_.data(), &m, tau_.data(), &optimal, &lwork, &info);
    lwork = optimalWorkspace(optimal, n);
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgeqrf_(&m, &n, factors_.data(), &m, tau_.data(), work.data(), &lwork, &info);
    if (info != 0) throw ComputeError("LAPACK dgeqrf failed (info " + std::to_string(info) + ")");
}

Eigen::MatrixXd HouseholderQr::R() const {
    return factors_.topRows(cols()).triangularView<Eigen::Upper>();
}

void HouseholderQr::applyQt(Eigen::MatrixXd& block) const {
    // Threads that share this factorisation each apply their own copy of the reflectors
    // (m·n doubles against the 4·m·n·p flops of the product).
    Eigen::MatrixXd reflectors = factors_;
    applyReflectors(reflectors, tau_, block);
}

void HouseholderQr::applyQtUnshared(Eigen::MatrixXd& block) { applyReflectors(factors_, tau_, block); }

void HouseholderQr::applyReflectors(Eigen::MatrixXd& reflectors, const Eigen::VectorXd& tau, Eigen::MatrixXd& block) {
    if (block.rows() != reflectors.rows())
        throw ComputeError("Householder QR: a block of " + std::to_string(block.rows()) + " rows for a factor of " +
                           std::to_string(reflectors.rows()));
    const int m = int(reflectors.rows()), n = int(reflectors.cols()), p = int(block.cols());
    if (n == 0 || p == 0) return;
    const char side = 'L', trans = 'T';
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dormqr_(&side, &trans, &m, &p, &n, reflectors.data(), &m, tau.data(), block.data(), &m, &optimal, &lwork, &info,
            1, 1);
    lwork = optimalWorkspace(optimal, std::max(1, p));
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dormqr_(&side, &trans, &m, &p, &n, reflectors.data(), &m, tau.data(), block.data(), &m, work.data(), &lwork,
            &info, 1, 1);
    if (info != 0) throw ComputeError("LAPACK dormqr failed (info " + std::to_string(info) + ")");
}

} // namespace le
