#include "core/linalg/thin_svd.h"

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include <Eigen/SVD>

#include "core/linalg/bidiagonal_reduction.h"
#include "core/linalg/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

// Scratch kept per thread for both SVD routes: the local fits run thousands of SVDs of the
// same size, and allocating megabytes of workspace each time costs page faults and TLB
// shootdowns. It is kept for the next SVD only when small: a global fit's may be hundreds of
// megabytes.
struct SvdScratch {
    Eigen::MatrixXd a, vt;
    std::vector<double> work;
    std::vector<int> iwork;

    void releaseIfLarge() {
        constexpr std::size_t kKeepDoubles = std::size_t(1) << 20;
        if (std::size_t(a.size()) > kKeepDoubles || work.size() > kKeepDoubles) {
            a.resize(0, 0);
            vt.resize(0, 0);
            std::vector<double>().swap(work);
        }
    }
};

thread_local SvdScratch scratch;

// Returns LAPACK's info: 0 on success, > 0 when the bidiagonal SVD did not converge.
int lapackThinSvd(const Eigen::MatrixXd& A, ThinSvd& out) {
    const int m = int(A.rows()), n = int(A.cols()), r = std::min(m, n);
    auto& [a, vt, work, iwork] = scratch;
    a = A; // dgesdd overwrites its input
    vt.resize(r, n);
    iwork.resize(std::size_t(8) * std::size_t(r));
    out.U.resize(m, r);
    out.s.resize(r);
    int info = 0, lwork = -1;
    double optimal = 0.0;
    const char jobz = 'S';
    dgesdd_(&jobz, &m, &n, a.data(), &m, out.s.data(), out.U.data(), &m, vt.data(), &r, &optimal, &lwork,
            iwork.data(), &info, 1);
    if (info != 0) return info;
    lwork = int(std::min<double>(optimal, double(INT_MAX)));
    if (work.size() < std::size_t(std::max(lwork, 1))) work.resize(std::size_t(std::max(lwork, 1)));
    dgesdd_(&jobz, &m, &n, a.data(), &m, out.s.data(), out.U.data(), &m, vt.data(), &r, work.data(), &lwork,
            iwork.data(), &info, 1);
    out.V = vt.transpose();
    scratch.releaseIfLarge();
    return info;
}

// dgesdd's own steps for a square matrix (its path 5 with JOBZ = 'S'), the reduction to
// bidiagonal form done by bidiagonalReduction, which dgesdd's dgebrd does column by column
// for the last 128 columns: A = Q B Pᵀ, B = U_B S V_Bᵀ (dbdsdc), U = Q U_B, Vᵀ = V_Bᵀ Pᵀ.
// Returns dbdsdc's info: > 0 when the bidiagonal SVD did not converge.
int squareSvd(const Eigen::MatrixXd& A, ThinSvd& out) {
    const int n = int(A.rows());
    auto& [a, vt, work, iwork] = scratch;
    const int lda = paddedLeadingDimension(n);
    a.resize(lda, n);
    a.topRows(n) = A;
    Eigen::VectorXd e(n), tauQ(n), tauP(n);
    out.s.resize(n);
    bidiagonalReduction(n, n, a.data(), lda, out.s.data(), e.data(), tauQ.data(), tauP.data());
    out.U.resize(n, n);
    vt.resize(n, n);
    work.resize(std::max(std::size_t(3) * std::size_t(n) * std::size_t(n) + std::size_t(4) * std::size_t(n),
                         std::size_t(64) * std::size_t(n)));
    iwork.resize(std::size_t(8) * std::size_t(n));
    int info = 0;
    const char upper = 'U', vectors = 'I';
    dbdsdc_(&upper, &vectors, &n, out.s.data(), e.data(), out.U.data(), &n, vt.data(), &n, nullptr, nullptr,
            work.data(), iwork.data(), &info, 1, 1);
    if (info != 0) return info;
    const int lwork = int(work.size());
    const char side = 'L', noTranspose = 'N', right = 'R', transpose = 'T', q = 'Q', p = 'P';
    dormbr_(&q, &side, &noTranspose, &n, &n, &n, a.data(), &lda, tauQ.data(), out.U.data(), &n, work.data(), &lwork,
            &info, 1, 1, 1);
    if (info != 0) return info;
    dormbr_(&p, &right, &transpose, &n, &n, &n, a.data(), &lda, tauP.data(), vt.data(), &n, work.data(), &lwork,
            &info, 1, 1, 1);
    out.V = vt.transpose();
    scratch.releaseIfLarge();
    return info;
}

} // namespace

ThinSvd jacobiThinSvd(const Eigen::MatrixXd& A) {
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeThinU | Eigen::ComputeThinV);
    return {svd.matrixU(), svd.singularValues(), svd.matrixV()};
}

void checkLapackSvdInput(const Eigen::MatrixXd& A) {
    // LAPACK indexes with 32-bit integers; the workspace grows with min(rows, cols)².
    constexpr Eigen::Index kLimit = 46000;
    if (A.rows() > INT_MAX / 2 || A.cols() > INT_MAX / 2 || std::min(A.rows(), A.cols()) > kLimit)
        throw ComputeError("SVD of a " + std::to_string(A.rows()) + " x " + std::to_string(A.cols()) +
                           " matrix is too large for LAPACK's 32-bit indices");
    if (!A.allFinite()) throw ComputeError("SVD input contains NaN or infinite values");
}

ThinSvd thinSvd(const Eigen::MatrixXd& A) {
    if (A.rows() == 0 || A.cols() == 0)
        return {Eigen::MatrixXd(A.rows(), 0), Eigen::VectorXd(0), Eigen::MatrixXd(A.cols(), 0)};
    checkLapackSvdInput(A);
    ThinSvd out;
    // A wide matrix goes in transposed: dgesdd then reduces it by QR, whose reflectors run
    // down long columns, instead of by LQ, whose short-row reflectors OpenBLAS applies slowly.
    const bool wide = A.rows() < A.cols();
    // Square matrices (the fold triangles of the local fits, the R factors of the global
    // ones) take the same steps with the faster reduction, unless their scale is so extreme
    // that dgesdd's own rescaling would matter.
    const double largest = A.cwiseAbs().maxCoeff();
    const bool square = A.rows() == A.cols() && largest > 1e-100 && largest < 1e100;
    const int info = square ? squareSvd(A, out) : wide ? lapackThinSvd(A.transpose(), out) : lapackThinSvd(A, out);
    if (info < 0) throw ComputeError("LAPACK SVD routine rejected argument " + std::to_string(-info));
    if (info > 0) return jacobiThinSvd(A);
    if (wide) std::swap(out.U, out.V);
    return out;
}

} // namespace le
