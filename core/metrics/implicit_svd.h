#pragma once
// The SVD A = U diag(s) Vᵀ kept in factored form: A = Q B Pᵀ (LAPACK dgebrd, Householder
// reflectors) and B = U_B diag(s) V_Bᵀ (dbdsdc, divide and conquer), the same two stages
// dgesdd runs. dgesdd then multiplies the reflectors into full U and V (two m·n·r products);
// an LFRE local fit only needs Vᵀx and U y for single vectors, which the reflectors give in
// O(m·n). For a 256 × 256 neighbour block that saves about a quarter of the SVD time.
#include <Eigen/Core>

namespace le {

class ImplicitSvd {
public:
    explicit ImplicitSvd(const Eigen::MatrixXd& A); // ComputeError on NaN/Inf or LAPACK failure

    const Eigen::VectorXd& singularValues() const { return s_; } // r = min(rows, cols), descending
    Eigen::Index rows() const { return reduced_.rows(); }
    Eigen::Index cols() const { return reduced_.cols(); }

    // Vᵀ x (length r) for x of length cols.
    Eigen::VectorXd rightTransposeTimes(const Eigen::VectorXd& x) const;
    // U y (length rows) for y of length ≤ r (missing trailing entries are zero).
    Eigen::VectorXd leftTimes(const Eigen::VectorXd& y) const;

private:
    // v := Q v (vect 'Q', trans 'N') or Pᵀ v (vect 'P', trans 'T'), from the stored reflectors.
    void applyReduction(char vect, char trans, Eigen::VectorXd& v) const;

    Eigen::MatrixXd reduced_;        // dgebrd's output: B and the reflectors of Q and P
    Eigen::VectorXd tauQ_, tauP_;
    Eigen::VectorXd s_;
    Eigen::MatrixXd uB_, vBt_;       // singular vectors of the r × r bidiagonal B
};

} // namespace le
