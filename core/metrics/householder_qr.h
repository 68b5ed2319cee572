#pragma once
// A = Q R for a block with at least as many rows as columns, Q kept as LAPACK's Householder
// reflectors (dgeqrf). Applying Qᵀ to another block costs about one product with A, and it
// gives the whole m × m rotation: the first n rows of Qᵀ B are B's coordinates in A's column
// space, the remaining rows its part orthogonal to it (exact norms, no cancellation, which
// a formed thin Q and ‖B‖² − ‖Q₁ᵀB‖² would not give).
#include <Eigen/Core>

namespace le {

class HouseholderQr {
public:
    explicit HouseholderQr(Eigen::MatrixXd A); // m × n with m ≥ n (ComputeError otherwise)

    Eigen::Index rows() const { return factors_.rows(); }
    Eigen::Index cols() const { return factors_.cols(); }
    // The n × n upper triangular factor.
    Eigen::MatrixXd R() const;
    // block (m × p) ← Qᵀ block, Q the full m × m orthogonal factor. LAPACK's dormqr writes
    // into the reflectors while it works (and restores them), so applyQt works on a copy and
    // may be called from several threads at once; applyQtUnshared saves the copy for a
    // factorisation only the calling thread uses.
    void applyQt(Eigen::MatrixXd& block) const;
    void applyQtUnshared(Eigen::MatrixXd& block);

private:
    static void applyReflectors(Eigen::MatrixXd& reflectors, const Eigen::VectorXd& tau, Eigen::MatrixXd& block);

    Eigen::MatrixXd factors_; // R on and above the diagonal, the reflectors below
    Eigen::VectorXd tau_;
};

} // namespace le
