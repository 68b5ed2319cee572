#include "core/metrics/householder_qr.h"

#include <algorithm>
#include <string>

#include "core/metrics/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

// Reflectors per block of the compact-WY form (LAPACK's own choice for dgeqrf here).
constexpr int kBlock = 32;

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
    lwork = std::max(n, int(optimal));
    Eigen::VectorXd work(lwork);
    dgeqrf_(&m, &n, factors_.data(), &m, tau_.data(), work.data(), &lwork, &info);
    if (info != 0) throw ComputeError("LAPACK dgeqrf failed (info " + std::to_string(info) + ")");
    const char direct = 'F', storev = 'C';
    for (int first = 0; first < n; first += kBlock) {
        const int count = std::min(kBlock, n - first), length = m - first;
        Eigen::MatrixXd T(count, count);
        dlarft_(&direct, &storev, &length, &count, &factors_(first, first), &m, &tau_[first], T.data(), &count, 1, 1);
        blockT_.push_back(std::move(T));
    }
}

Eigen::MatrixXd HouseholderQr::R() const {
    return factors_.topRows(cols()).triangularView<Eigen::Upper>();
}

void HouseholderQr::applyQt(Eigen::MatrixXd& block) const {
    if (block.rows() != rows())
        throw ComputeError("Householder QR: a block of " + std::to_string(block.rows()) + " rows for a factor of " +
                           std::to_string(rows()));
    const int m = int(rows()), n = int(cols()), p = int(block.cols());
    if (n == 0 || p == 0) return;
    // Qᵀ = H_nᵀ ⋯ H_1ᵀ: the blocks in forward order, each applied to the rows it touches.
    const char side = 'L', trans = 'T', direct = 'F', storev = 'C';
    Eigen::MatrixXd work(p, kBlock);
    for (int first = 0, j = 0; first < n; first += kBlock, ++j) {
        const int count = std::min(kBlock, n - first), length = m - first, ldt = count, ldwork = p;
        dlarfb_(&side, &trans, &direct, &storev, &length, &p, &count, &factors_(first, first), &m,
                blockT_[std::size_t(j)].data(), &ldt, &block(first, 0), &m, work.data(), &ldwork, 1, 1, 1, 1);
    }
}

} // namespace le
