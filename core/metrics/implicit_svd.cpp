#include "core/metrics/implicit_svd.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/metrics/lapack.h"
#include "core/metrics/thin_svd.h"
#include "core/util/error.h"

namespace le {

namespace {
void check(int info, const char* routine) {
    if (info != 0) throw ComputeError(std::string("LAPACK ") + routine + " failed (info " + std::to_string(info) + ")");
}
} // namespace

ImplicitSvd::ImplicitSvd(const Eigen::MatrixXd& A) : reduced_(A) {
    checkLapackSvdInput(A);
    const int m = int(A.rows()), n = int(A.cols()), r = std::min(m, n);
    s_.resize(r);
    if (r == 0) return;
    Eigen::VectorXd e(std::max(r - 1, 1));
    tauQ_.resize(r);
    tauP_.resize(r);
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dgebrd_(&m, &n, reduced_.data(), &m, s_.data(), e.data(), tauQ_.data(), tauP_.data(), &optimal, &lwork, &info);
    check(info, "dgebrd");
    lwork = std::max(1, int(optimal));
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgebrd_(&m, &n, reduced_.data(), &m, s_.data(), e.data(), tauQ_.data(), tauP_.data(), work.data(), &lwork, &info);
    check(info, "dgebrd");

    // m ≥ n gives an upper, m < n a lower bidiagonal B; dbdsdc returns s descending.
    uB_.resize(r, r);
    vBt_.resize(r, r);
    work.assign(std::size_t(3) * std::size_t(r) * std::size_t(r) + std::size_t(4) * std::size_t(r), 0.0);
    std::vector<int> iwork(std::size_t(8) * std::size_t(r));
    const char uplo = m >= n ? 'U' : 'L', compq = 'I';
    dbdsdc_(&uplo, &compq, &r, s_.data(), e.data(), uB_.data(), &r, vBt_.data(), &r, nullptr, nullptr, work.data(),
            iwork.data(), &info, 1, 1);
    check(info, "dbdsdc");
}

void ImplicitSvd::applyReduction(char vect, char trans, Eigen::VectorXd& v) const {
    const int m = int(rows()), length = int(v.size()), one = 1;
    const int k = vect == 'Q' ? int(cols()) : m; // dormbr's K: columns (Q) or rows (P) of the input
    const double* tau = vect == 'Q' ? tauQ_.data() : tauP_.data();
    int info = 0, lwork = 64;
    double work[64];
    const char side = 'L';
    dormbr_(&vect, &side, &trans, &length, &one, &k, reduced_.data(), &m, tau, v.data(), &length, work, &lwork,
            &info, 1, 1, 1);
    check(info, "dormbr");
}

Eigen::VectorXd ImplicitSvd::rightTransposeTimes(const Eigen::VectorXd& x) const {
    if (x.size() != cols()) throw ComputeError("ImplicitSvd: vector of length " + std::to_string(x.size()) +
                                               " for " + std::to_string(cols()) + " columns");
    if (s_.size() == 0) return Eigen::VectorXd(0);
    // Vᵀx = V_Bᵀ (Pᵀx)[0, r): A = Q B Pᵀ and only the first r columns of B are non-zero.
    Eigen::VectorXd px = x;
    applyReduction('P', 'T', px);
    return vBt_ * px.head(s_.size());
}

Eigen::VectorXd ImplicitSvd::leftTimes(const Eigen::VectorXd& y) const {
    if (y.size() > s_.size()) throw ComputeError("ImplicitSvd: too many coefficients");
    // U y = Q [U_B y; 0].
    Eigen::VectorXd out = Eigen::VectorXd::Zero(rows());
    if (s_.size() == 0) return out;
    out.head(s_.size()) = uB_.leftCols(y.size()) * y;
    applyReduction('Q', 'N', out);
    return out;
}

} // namespace le
