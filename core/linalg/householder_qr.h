#pragma once
// A = Q R for a block with at least as many rows as columns, Q kept as Householder reflectors
// with the triangles T of their compact-WY blocks (LAPACK dgeqrt). Applying Qᵀ to another
// block (dgemqrt) costs about one product with A, and it gives the
// whole m × m rotation: the first n rows of Qᵀ B are B's coordinates in A's column space, the
// remaining rows its part orthogonal to it (exact norms, no cancellation, which a formed thin
// Q and ‖B‖² − ‖Q₁ᵀB‖² would not give). dgemqrt only reads the factorisation (dormqr, for
// dgeqrf's form, writes into the reflectors while it works): threads may share one.
#include <Eigen/Core>

namespace le {

class HouseholderQr {
public:
    explicit HouseholderQr(Eigen::MatrixXd A); // m × n with m ≥ n (ComputeError otherwise)

    Eigen::Index rows() const { return factors_.rows(); }
    Eigen::Index cols() const { return factors_.cols(); }
    // The n × n upper triangular factor.
    Eigen::MatrixXd R() const;
    // block (m × p) ← Qᵀ block, Q the full m × m orthogonal factor.
    void applyQt(Eigen::MatrixXd& block) const;

private:
    Eigen::MatrixXd factors_; // R on and above the diagonal, the reflectors below
    Eigen::MatrixXd blockT_;  // nb × n: the T of each block of nb reflectors, side by side
};

} // namespace le
