#include "core/linalg/row_block_qr.h"

#include <algorithm>
#include <string>

#include "core/linalg/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

constexpr int kBlock = 32; // reflectors per compact-WY block, as HouseholderQr

} // namespace

RowBlockQrStep::RowBlockQrStep(Eigen::MatrixXd& R, Eigen::MatrixXd B, bool triangularBlock)
    : reflectors_(std::move(B)) {
    const int n = int(R.cols()), m = int(reflectors_.rows());
    if (R.rows() != R.cols() || reflectors_.cols() != R.cols() || (triangularBlock && m != n))
        throw ComputeError("row-block QR: a " + std::to_string(R.rows()) + " x " + std::to_string(R.cols()) +
                           " triangle and a block of " + std::to_string(reflectors_.rows()) + " x " +
                           std::to_string(reflectors_.cols()));
    trapezoidRows_ = triangularBlock ? n : 0;
    if (n == 0 || m == 0) return;
    const int nb = std::min(kBlock, n);
    blockT_.resize(nb, n);
    Eigen::VectorXd work(Eigen::Index(nb) * n);
    int info = 0;
    dtpqrt_(&m, &n, &trapezoidRows_, &nb, R.data(), &n, reflectors_.data(), &m, blockT_.data(), &nb, work.data(),
            &info);
    if (info != 0) throw ComputeError("LAPACK dtpqrt failed (info " + std::to_string(info) + ")");
}

void RowBlockQrStep::applyQt(Eigen::MatrixXd& top, Eigen::MatrixXd& bottom) const {
    const int m = int(reflectors_.rows()), n = int(reflectors_.cols()), p = int(top.cols());
    if (top.rows() != n || bottom.rows() != m || bottom.cols() != p)
        throw ComputeError("row-block QR: applying a step of " + std::to_string(m) + " rows and " +
                           std::to_string(n) + " columns to " + std::to_string(top.rows()) + " + " +
                           std::to_string(bottom.rows()) + " rows");
    if (m == 0 || n == 0 || p == 0) return;
    const int nb = int(blockT_.rows());
    const char side = 'L', trans = 'T';
    Eigen::VectorXd work(Eigen::Index(nb) * p);
    int info = 0;
    dtpmqrt_(&side, &trans, &m, &p, &n, &trapezoidRows_, &nb, reflectors_.data(), &m, blockT_.data(), &nb, top.data(),
             &n, bottom.data(), &m, work.data(), &info, 1, 1);
    if (info != 0) throw ComputeError("LAPACK dtpmqrt failed (info " + std::to_string(info) + ")");
}

} // namespace le
