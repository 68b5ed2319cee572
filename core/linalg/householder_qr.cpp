#include "core/linalg/householder_qr.h"

#include <algorithm>
#include <string>

#include "core/linalg/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

// Reflectors per block of the compact-WY form.
constexpr int kBlock = 32;

} // namespace

HouseholderQr::HouseholderQr(Eigen::MatrixXd A) : factors_(std::move(A)) {
    const int m = int(factors_.rows()), n = int(factors_.cols());
    if (m < n)
        throw ComputeError("Householder QR of a " + std::to_string(m) + " x " + std::to_string(n) +
                           " block: it needs at least as many rows as columns");
    if (n == 0) return;
    const int nb = std::min(kBlock, n);
    blockT_.resize(nb, n);
    Eigen::VectorXd work(Eigen::Index(nb) * n);
    int info = 0;
    dgeqrt_(&m, &n, &nb, factors_.data(), &m, blockT_.data(), &nb, work.data(), &info);
    if (info != 0) throw ComputeError("LAPACK dgeqrt failed (info " + std::to_string(info) + ")");
}

Eigen::MatrixXd HouseholderQr::R() const {
    return factors_.topRows(cols()).triangularView<Eigen::Upper>();
}

void HouseholderQr::applyQt(Eigen::MatrixXd& block) const {
    if (block.rows() != rows())
        throw ComputeError("Householder QR: a block of " + std::to_string(block.rows()) + " rows for a factor of " +
                           std::to_string(rows()));
    const int m = int(rows()), n = int(cols()), p = int(block.cols()), nb = int(blockT_.rows());
    if (n == 0 || p == 0) return;
    const char side = 'L', trans = 'T';
    Eigen::VectorXd work(Eigen::Index(nb) * p);
    int info = 0;
    dgemqrt_(&side, &trans, &m, &p, &n, &nb, factors_.data(), &m, blockT_.data(), &nb, block.data(), &m, work.data(),
             &info, 1, 1);
    if (info != 0) throw ComputeError("LAPACK dgemqrt failed (info " + std::to_string(info) + ")");
}

} // namespace le
