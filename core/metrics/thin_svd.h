#pragma once
// Thin SVD A = U diag(s) Vᵀ with s descending. Tall matrices are reduced by a Householder
// QR first and wide ones by an LQ (as LAPACK's gesdd does), then Eigen's BDCSVD runs on
// the small square factor; both steps are backward stable.
#include <Eigen/Core>

namespace le {

struct ThinSvd {
    Eigen::MatrixXd U; // rows(A) × r
    Eigen::VectorXd s; // r = min(rows, cols), descending
    Eigen::MatrixXd V; // cols(A) × r
};

ThinSvd thinSvd(const Eigen::MatrixXd& A);

} // namespace le
