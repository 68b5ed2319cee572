#include "core/linalg/implicit_svd.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/linalg/bidiagonal_reduction.h"
#include "core/linalg/bidiagonal_triplets.h"
#include "core/linalg/lapack.h"
#include "core/linalg/thin_svd.h"
#include "core/util/error.h"

namespace le {

namespace {

void check(int info, const char* routine) {
    if (info != 0) throw ComputeError(std::string("LAPACK ") + routine + " failed (info " + std::to_string(info) + ")");
}

} // namespace

ImplicitSvd::ImplicitSvd(const Eigen::MatrixXd& A) : rows_(A.rows()), cols_(A.cols()) {
    checkLapackSvdInput(A);
    const int m = int(A.rows()), n = int(A.cols()), r = std::min(m, n);
    const int lda = paddedLeadingDimension(m);
    reduced_.resize(lda, n);
    reduced_.topRows(m) = A;
    if (r == 0) return;
    diagonal_.resize(r);
    offDiagonal_ = Eigen::VectorXd::Zero(r); // r − 1 used; LAPACK's routines want up to r
    tauQ_.resize(r);
    tauP_.resize(r);
    int info = 0;
    std::vector<double> work;
    if (m >= n) {
        bidiagonalReduction(m, n, reduced_.data(), lda, diagonal_.data(), offDiagonal_.data(), tauQ_.data(),
                            tauP_.data());
    } else {
        int lwork = -1;
        double optimal = 0.0;
        dgebrd_(&m, &n, reduced_.data(), &lda, diagonal_.data(), offDiagonal_.data(), tauQ_.data(), tauP_.data(),
                &optimal, &lwork, &info);
        check(info, "dgebrd");
        lwork = std::max(1, int(optimal));
        work.resize(static_cast<std::size_t>(lwork));
        dgebrd_(&m, &n, reduced_.data(), &lda, diagonal_.data(), offDiagonal_.data(), tauQ_.data(), tauP_.data(),
                work.data(), &lwork, &info);
        check(info, "dgebrd");
    }

    s_ = diagonal_;
    Eigen::VectorXd e = offDiagonal_; // dlasq1 overwrites its input
    work.assign(std::size_t(4) * std::size_t(r), 0.0);
    dlasq1_(&r, s_.data(), e.data(), work.data(), &info);
    check(info, "dlasq1");
}

void ImplicitSvd::applyReduction(char vect, char trans, Eigen::VectorXd& v) const {
    const int m = int(rows()), length = int(v.size()), one = 1, lda = int(reduced_.rows());
    const int k = vect == 'Q' ? int(cols()) : m; // dormbr's K: columns (Q) or rows (P) of the input
    const double* tau = vect == 'Q' ? tauQ_.data() : tauP_.data();
    int info = 0, lwork = 64;
    double work[64];
    const char side = 'L';
    // dormbr restores what it writes into the reflectors; one thread at a time (see the header).
    dormbr_(&vect, &side, &trans, &length, &one, &k, const_cast<double*>(reduced_.data()), &lda, tau, v.data(),
            &length, work, &lwork, &info, 1, 1, 1);
    check(info, "dormbr");
}

Eigen::VectorXd ImplicitSvd::reducedQuery(const Eigen::VectorXd& x) const {
    if (x.size() != cols()) throw ComputeError("ImplicitSvd: vector of length " + std::to_string(x.size()) +
                                               " for " + std::to_string(cols()) + " columns");
    if (s_.size() == 0) return Eigen::VectorXd(0); // no reflectors to apply
    // A = Q B Pᵀ and only the first r columns of B are non-zero.
    Eigen::VectorXd px = x;
    applyReduction('P', 'T', px);
    return px.head(s_.size());
}

Eigen::VectorXd ImplicitSvd::expandWeights(const Eigen::VectorXd& z) const {
    Eigen::VectorXd out = Eigen::VectorXd::Zero(rows());
    if (s_.size() == 0) return out;
    out.head(z.size()) = z;
    applyReduction('Q', 'N', out);
    return out;
}

Eigen::VectorXd ImplicitSvd::filteredWeights(const Eigen::VectorXd& x, const Eigen::VectorXd& filter) const {
    const int r = int(s_.size());
    if (filter.size() > r) throw ComputeError("ImplicitSvd: more filter values than singular values");
    const Eigen::VectorXd c = reducedQuery(x);
    if (filter.size() == 0) return Eigen::VectorXd::Zero(rows());
    // B = U_B diag(s) V_Bᵀ (dbdsdc); then U f(S) Vᵀ x = Q [U_B f(S) V_Bᵀ (Pᵀx)_r; 0].
    Eigen::MatrixXd uB(r, r), vBt(r, r);
    Eigen::VectorXd d = diagonal_, e = offDiagonal_; // dbdsdc overwrites both
    std::vector<double> work(std::size_t(3) * std::size_t(r) * std::size_t(r) + std::size_t(4) * std::size_t(r));
    std::vector<int> iwork(std::size_t(8) * std::size_t(r));
    int info = 0;
    const char uplo = rows() >= cols() ? 'U' : 'L', compq = 'I';
    dbdsdc_(&uplo, &compq, &r, d.data(), e.data(), uB.data(), &r, vBt.data(), &r, nullptr, nullptr, work.data(),
            iwork.data(), &info, 1, 1);
    check(info, "dbdsdc");
    const Eigen::Index f = filter.size();
    return expandWeights(uB.leftCols(f) * filter.cwiseProduct((vBt * c).head(f)));
}

Eigen::VectorXd ImplicitSvd::truncatedWeights(const Eigen::VectorXd& x, Eigen::Index q) const {
    const int r = int(s_.size());
    if (q < 0 || q > r) throw ComputeError("ImplicitSvd: cannot keep " + std::to_string(q) + " of " +
                                           std::to_string(r) + " singular triplets");
    if (q == 0) {
        reducedQuery(x); // still checks the length
        return Eigen::VectorXd::Zero(rows());
    }
    // Where the kept s_q and the dropped s_{q+1} are too close to be told apart reliably,
    // take the explicit vectors.
    const double kept = s_[q - 1], dropped = q < r ? s_[q] : 0.0;
    if (!(kept > 0.0) || dropped > kept * (1.0 - 1e-10))
        return filteredWeights(x, s_.head(q).cwiseInverse());
    Eigen::VectorXd z = reducedQuery(x);
    // Few kept triplets (up to r/3, where the two routes cost the same at r = 256): inverse
    // iteration gives just those. A lower bidiagonal B is the transpose of the upper one
    // with the same entries, whose triplets (s, u, v) are B's (s, v, u).
    if (3 * q <= r) {
        const bool upper = rows() >= cols();
        if (const auto t = leadingBidiagonalTriplets(diagonal_, offDiagonal_, s_, q)) {
            const Eigen::MatrixXd& left = upper ? t->U : t->V;
            const Eigen::MatrixXd& right = upper ? t->V : t->U;
            return expandWeights(left * s_.head(q).cwiseInverse().cwiseProduct(right.transpose() * z));
        }
    }
    // Otherwise dlalsd, which drops the singular values ≤ rcond·s_max: put that threshold
    // geometrically in the gap between s_q and s_{q+1}; where dlalsd's own count disagrees,
    // take the explicit vectors.
    const double threshold = dropped > 0.0 ? std::sqrt(kept * dropped) : kept / 2;
    const double rcond = threshold / s_[0];

    Eigen::VectorXd d = diagonal_, e = offDiagonal_; // dlalsd overwrites both
    constexpr int kSmallSize = 25; // ilaenv's SMLSIZ for DGELSD
    const int levels = std::max(0, int(std::log2(double(r) / double(kSmallSize + 1))) + 1);
    std::vector<double> work(std::size_t(9 * r + 2 * r * kSmallSize + 8 * r * levels + r +
                                         (kSmallSize + 1) * (kSmallSize + 1)));
    std::vector<int> iwork(std::size_t(3 * r * levels + 11 * r));
    // U_q S_q⁻¹ V_qᵀ = pinv_q(Aᵀ): the truncated solution with Bᵀ, whose bidiagonal is on
    // the other side of the diagonal.
    const char uplo = rows() >= cols() ? 'L' : 'U';
    const int one = 1;
    int rank = 0, info = 0;
    dlalsd_(&uplo, &kSmallSize, &r, &one, d.data(), e.data(), z.data(), &r, &rcond, &rank, work.data(), iwork.data(),
            &info, 1);
    if (info != 0 || rank != q) return filteredWeights(x, s_.head(q).cwiseInverse());
    return expandWeights(z);
}

} // namespace le
