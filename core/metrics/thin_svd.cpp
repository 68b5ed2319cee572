#include "core/metrics/thin_svd.h"

#include <Eigen/QR>
#include <Eigen/SVD>

namespace le {

namespace {

ThinSvd directSvd(const Eigen::MatrixXd& A) {
    Eigen::BDCSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeThinU | Eigen::ComputeThinV);
    return {svd.matrixU(), svd.singularValues(), svd.matrixV()};
}

// rows ≥ cols: A = Q R, R = U_R S Vᵀ, U = Q [U_R; 0].
ThinSvd tallSvd(const Eigen::MatrixXd& A) {
    const Eigen::Index n = A.cols();
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(A);
    const Eigen::MatrixXd R = qr.matrixQR().topRows(n).triangularView<Eigen::Upper>();
    ThinSvd small = directSvd(R);
    Eigen::MatrixXd U = Eigen::MatrixXd::Zero(A.rows(), n);
    U.topRows(n) = small.U;
    U.applyOnTheLeft(qr.householderQ());
    return {std::move(U), std::move(small.s), std::move(small.V)};
}

} // namespace

ThinSvd thinSvd(const Eigen::MatrixXd& A) {
    // Below ~1.5:1 the QR step costs more than it saves.
    constexpr double kReduceRatio = 1.5;
    if (A.rows() == 0 || A.cols() == 0)
        return {Eigen::MatrixXd(A.rows(), 0), Eigen::VectorXd(0), Eigen::MatrixXd(A.cols(), 0)};
    if (double(A.rows()) >= kReduceRatio * double(A.cols())) return tallSvd(A);
    if (double(A.cols()) >= kReduceRatio * double(A.rows())) {
        ThinSvd t = tallSvd(A.transpose());
        return {std::move(t.V), std::move(t.s), std::move(t.U)};
    }
    return directSvd(A);
}

} // namespace le
