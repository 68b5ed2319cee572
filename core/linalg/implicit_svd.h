#pragma once
// The SVD A = U diag(s) Vᵀ kept in factored form: A = Q B Pᵀ (bidiagonal_reduction.h, Householder
// reflectors) with B bidiagonal, whose singular values come from dlasq1 (dqds, the routine
// dgesdd's values-only path ends in). An LFRE local fit needs no singular vector itself, only
// the row weights U f(S) Vᵀ x of one query x:
//  * cutoff (the default estimator): U_q S_q⁻¹ V_qᵀ x needs only the q kept triplets. When
//    q ≤ r/3 they come from inverse iteration on B (bidiagonal_triplets.h, O(r) each, used
//    when its certificate holds); otherwise, it is the truncated least-squares solution with
//    Bᵀ, which dlalsd computes from B directly (divide and conquer in compact form, O(r²))
//    instead of forming the r × r singular vector matrices of B (dbdsdc, O(r³));
//  * any other filter (Tikhonov): the vectors of B are computed (dbdsdc) for that call.
// LAPACK's dormbr writes into the stored reflectors while it applies them (and restores
// them), so one ImplicitSvd is used by one thread at a time.
#include <Eigen/Core>

namespace le {

class ImplicitSvd {
public:
    explicit ImplicitSvd(const Eigen::MatrixXd& A); // ComputeError on NaN/Inf or LAPACK failure

    const Eigen::VectorXd& singularValues() const { return s_; } // r = min(rows, cols), descending
    Eigen::Index rows() const { return rows_; }
    Eigen::Index cols() const { return cols_; }

    // U_q diag(1/s_q) V_qᵀ x (length rows) for x of length cols: the q leading triplets only.
    Eigen::VectorXd truncatedWeights(const Eigen::VectorXd& x, Eigen::Index q) const;
    // U diag(filter) Vᵀ x; `filter` weighs the leading filter.size() ≤ r triplets, the others 0.
    Eigen::VectorXd filteredWeights(const Eigen::VectorXd& x, const Eigen::VectorXd& filter) const;

private:
    // v := Q v (vect 'Q', trans 'N') or Pᵀ v (vect 'P', trans 'T'), from the stored reflectors.
    void applyReduction(char vect, char trans, Eigen::VectorXd& v) const;
    // (Pᵀx) restricted to the r coordinates B acts on.
    Eigen::VectorXd reducedQuery(const Eigen::VectorXd& x) const;
    // Q [z; 0] for z of length r.
    Eigen::VectorXd expandWeights(const Eigen::VectorXd& z) const;

    Eigen::Index rows_ = 0, cols_ = 0;
    Eigen::MatrixXd reduced_;        // dgebrd's output (B, the reflectors of Q and P), in rows_ + padding
    Eigen::VectorXd tauQ_, tauP_;
    // B: upper bidiagonal when rows ≥ cols, else lower; offDiagonal_ has r entries, the last 0,
    // as LAPACK's bidiagonal routines may touch one past the r − 1 they use.
    Eigen::VectorXd diagonal_, offDiagonal_;
    Eigen::VectorXd s_;
};

} // namespace le
