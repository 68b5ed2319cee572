#pragma once
// Thin SVD A = U diag(s) Vᵀ with s descending, by LAPACK's divide-and-conquer dgesdd (the
// routine numpy.linalg.svd, hence scikit-matter, calls), from OpenBLAS. dgesdd reduces a tall
// matrix by QR first (backward stable); a wide one is passed transposed, U and V swapped. A
// square one takes dgesdd's own steps with a faster bidiagonal reduction
// (bidiagonal_reduction.h), the divide and conquer (dbdsdc) unchanged. If
// dgesdd reports no convergence (rare), Eigen's one-sided Jacobi SVD takes over, slower but
// always converges.
#include <Eigen/Core>

namespace le {

struct ThinSvd {
    Eigen::MatrixXd U; // rows(A) × r
    Eigen::VectorXd s; // r = min(rows, cols), descending
    Eigen::MatrixXd V; // cols(A) × r
};

ThinSvd thinSvd(const Eigen::MatrixXd& A);

// What every LAPACK SVD here needs of its input (ComputeError otherwise): finite values and
// dimensions LAPACK's 32-bit indices and workspace sizes can hold.
void checkLapackSvdInput(const Eigen::MatrixXd& A);

// The Jacobi fallback, exposed so tests can compare both paths.
ThinSvd jacobiThinSvd(const Eigen::MatrixXd& A);

} // namespace le
