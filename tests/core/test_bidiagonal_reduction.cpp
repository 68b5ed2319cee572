// The blocked bidiagonal reduction against LAPACK's dgebrd on the same matrices: the same
// B (to rounding), and the reflectors it stores reproduce A = Q B Pᵀ through dormbr, for
// shapes with no panel, one partial panel and many, with a padded leading dimension.
#include <QtTest>

#include <Eigen/SVD>

#include "core/linalg/bidiagonal_reduction.h"
#include "core/linalg/lapack.h"
#include "core/util/error.h"
#include "helpers/gaussian_matrix.h"

using namespace le;

namespace {

struct Reduction {
    Eigen::MatrixXd a; // leading dimension a.rows() ≥ m
    Eigen::VectorXd d, e, tauQ, tauP;
};

Reduction reduce(const Eigen::MatrixXd& A, int padding, bool lapack) {
    const int m = int(A.rows()), n = int(A.cols()), lda = m + padding;
    Reduction r{Eigen::MatrixXd::Zero(lda, n), Eigen::VectorXd(n), Eigen::VectorXd::Zero(n), Eigen::VectorXd(n),
                Eigen::VectorXd(n)};
    r.a.topRows(m) = A;
    if (!lapack) {
        bidiagonalReduction(m, n, r.a.data(), lda, r.d.data(), r.e.data(), r.tauQ.data(), r.tauP.data());
        return r;
    }
    int lwork = 64 * (m + n), info = 0;
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgebrd_(&m, &n, r.a.data(), &lda, r.d.data(), r.e.data(), r.tauQ.data(), r.tauP.data(), work.data(), &lwork,
            &info);
    return r;
}

// Q B Pᵀ from the stored reflectors.
Eigen::MatrixXd reconstruct(const Reduction& r, int m) {
    const int n = int(r.d.size()), lda = int(r.a.rows());
    Eigen::MatrixXd B = Eigen::MatrixXd::Zero(m, n);
    for (int i = 0; i < n; ++i) {
        B(i, i) = r.d[i];
        if (i + 1 < n) B(i, i + 1) = r.e[i];
    }
    Eigen::MatrixXd a = r.a; // dormbr writes into the reflectors while it works
    int lwork = 64 * (m + n), info = 0;
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dormbr_("Q", "L", "N", &m, &n, &n, a.data(), &lda, r.tauQ.data(), B.data(), &m, work.data(), &lwork, &info, 1, 1, 1);
    dormbr_("P", "R", "T", &m, &n, &n, a.data(), &lda, r.tauP.data(), B.data(), &m, work.data(), &lwork, &info, 1, 1,
            1);
    return B;
}

} // namespace

class TestBidiagonalReduction : public QObject {
    Q_OBJECT
private slots:
    void equalsLapackAndReconstructs() {
        for (auto [m, n] : {std::pair{12, 7}, std::pair{40, 16}, std::pair{50, 33}, std::pair{300, 40},
                            std::pair{128, 128}, std::pair{256, 256}}) {
            const Eigen::MatrixXd A = gaussianMatrix(m, n, unsigned(m + n));
            for (int padding : {0, 8}) {
                const Reduction ours = reduce(A, padding, false), lapack = reduce(A, padding, true);
                const QString where = QString("%1x%2, padding %3").arg(m).arg(n).arg(padding);
                QVERIFY2((ours.d - lapack.d).norm() < 1e-12 * A.norm(), qPrintable(where));
                QVERIFY2((ours.e - lapack.e).norm() < 1e-12 * A.norm(), qPrintable(where));
                QVERIFY2((reconstruct(ours, m) - A).norm() < 1e-13 * A.norm(), qPrintable(where));
                QVERIFY2((ours.a.bottomRows(padding).array() == 0.0).all(), qPrintable(where)); // never written
                for (int i = 0; i < n; ++i) { // B itself stays in A, as dgebrd leaves it
                    QCOMPARE(ours.a(i, i), ours.d[i]);
                    if (i + 1 < n) QCOMPARE(ours.a(i, i + 1), ours.e[i]);
                }
            }
        }
        Eigen::MatrixXd wide = gaussianMatrix(3, 5, 1);
        Eigen::VectorXd v(5);
        QVERIFY_THROWS_EXCEPTION(ComputeError, bidiagonalReduction(3, 5, wide.data(), 3, v.data(), v.data(),
                                                                   v.data(), v.data()));
    }
};

QTEST_APPLESS_MAIN(TestBidiagonalReduction)
#include "test_bidiagonal_reduction.moc"
