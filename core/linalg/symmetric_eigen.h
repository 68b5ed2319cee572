#pragma once
// Eigenpairs of a symmetric matrix by LAPACK's divide-and-conquer dsyevd (OpenBLAS, multi-
// threaded through its BLAS calls): about an order of magnitude faster than Eigen's
// single-threaded SelfAdjointEigenSolver at n = 2000 (kernel GFRE's landmark kernel).
#include <Eigen/Core>

namespace le {

struct SymmetricEigen {
    Eigen::VectorXd values;  // ascending
    Eigen::MatrixXd vectors; // column i belongs to values[i], orthonormal columns
};

// Only the lower triangle of `a` is read. ComputeError when the matrix is not finite, too
// large for LAPACK's 32-bit indices, or dsyevd does not converge.
SymmetricEigen symmetricEigen(Eigen::MatrixXd a);

} // namespace le
