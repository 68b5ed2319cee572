// The thin SVD (LAPACK dgesdd through OpenBLAS) on tall, wide, square, rank-deficient and
// ill-conditioned matrices: singular values equal those the matrix was built with, the
// factors reconstruct it and are orthonormal, and the Jacobi fallback agrees. The factored
// form (ImplicitSvd) gives the same singular values, U f(S) Vᵀ x for any filter, and the
// truncated pseudo-inverse U_q S_q⁻¹ V_qᵀ x of the factors the matrix was built with.
#include <QtTest>

#include <Eigen/QR>

#include "core/linalg/implicit_svd.h"
#include "core/linalg/thin_svd.h"
#include "core/util/error.h"
#include "helpers/gaussian_matrix.h"
#include "helpers/orthonormality.h"

using namespace le;

namespace {

Eigen::MatrixXd randomOrthonormal(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussianMatrix(rows, cols, seed));
    return qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
}

// A = P diag(s) Qᵀ with known singular values s (descending).
Eigen::MatrixXd withSpectrum(Eigen::Index rows, Eigen::Index cols, const Eigen::VectorXd& s, unsigned seed) {
    return randomOrthonormal(rows, s.size(), seed) * s.asDiagonal() *
           randomOrthonormal(cols, s.size(), seed + 1).transpose();
}

} // namespace

class TestThinSvd : public QObject {
    Q_OBJECT
private slots:
    void knownSpectrumAllShapes() {
        // Singular values from 1 down to 1e-14: condition number 1e14.
        Eigen::VectorXd s(12);
        for (int i = 0; i < 12; ++i) s[i] = std::pow(10.0, -14.0 * i / 11.0);
        for (auto [rows, cols] : {std::pair{40, 12}, std::pair{12, 40}, std::pair{12, 12}, std::pair{300, 12}}) {
            const Eigen::MatrixXd A = withSpectrum(rows, cols, s, 7);
            const ThinSvd svd = thinSvd(A);
            QCOMPARE(svd.s.size(), Eigen::Index(12));
            QCOMPARE(svd.U.rows(), Eigen::Index(rows));
            QCOMPARE(svd.V.rows(), Eigen::Index(cols));
            // Backward stable: every singular value within a few eps·s_max of the truth.
            for (int i = 0; i < 12; ++i) QVERIFY2(std::abs(svd.s[i] - s[i]) < 1e-14, qPrintable(QString::number(i)));
            QVERIFY((svd.U * svd.s.asDiagonal() * svd.V.transpose() - A).norm() < 1e-14);
            QVERIFY(orthonormalityError(svd.U) < 1e-13);
            QVERIFY(orthonormalityError(svd.V) < 1e-13);
        }
    }

    void squareMatricesOfTheLocalAndGlobalFits() {
        // Square inputs take dgesdd's steps with the panel-blocked reduction (sizes with no
        // panel, several, and a padded row count): the same guarantees as above, also for a
        // rank-deficient square block and at scales where dgesdd itself must rescale.
        for (int n : {10, 40, 128, 144}) {
            Eigen::VectorXd s(n);
            for (int i = 0; i < n; ++i) s[i] = std::pow(10.0, -12.0 * i / (n - 1));
            const Eigen::MatrixXd A = withSpectrum(n, n, s, unsigned(n));
            for (double scale : {1.0, 1e-120, 1e120}) {
                const ThinSvd svd = thinSvd(scale * A);
                const QString where = QString("n = %1, scale %2").arg(n).arg(scale);
                for (int i = 0; i < n; ++i) QVERIFY2(std::abs(svd.s[i] / scale - s[i]) < 1e-14, qPrintable(where));
                QVERIFY2((svd.U * (svd.s / scale).asDiagonal() * svd.V.transpose() - A).norm() < 1e-13, qPrintable(where));
                QVERIFY2(orthonormalityError(svd.U) < 1e-13 && orthonormalityError(svd.V) < 1e-13, qPrintable(where));
            }
        }
        Eigen::VectorXd few(5);
        few << 4.0, 3.0, 2.0, 1.0, 0.5;
        const ThinSvd deficient = thinSvd(withSpectrum(64, 64, few, 4));
        for (int i = 0; i < 5; ++i) QVERIFY(std::abs(deficient.s[i] - few[i]) < 1e-13);
        for (int i = 5; i < 64; ++i) QVERIFY(deficient.s[i] < 1e-14);
        QVERIFY(orthonormalityError(deficient.U) < 1e-13 && orthonormalityError(deficient.V) < 1e-13);
    }

    void rankDeficientHasExactZeros() {
        // Rank 3 in a 20 × 8 matrix: five singular values at rounding level.
        Eigen::VectorXd s(3);
        s << 5.0, 2.0, 0.5;
        const Eigen::MatrixXd A = withSpectrum(20, 8, s, 3);
        const ThinSvd svd = thinSvd(A);
        QCOMPARE(svd.s.size(), Eigen::Index(8));
        QVERIFY(std::abs(svd.s[0] - 5.0) < 1e-13 && std::abs(svd.s[1] - 2.0) < 1e-13 && std::abs(svd.s[2] - 0.5) < 1e-13);
        for (int i = 3; i < 8; ++i) QVERIFY(svd.s[i] < 1e-14);
    }

    void jacobiFallbackAgrees() {
        Eigen::VectorXd s(6);
        s << 3.0, 1.0, 1e-3, 1e-6, 1e-9, 1e-12;
        const Eigen::MatrixXd A = withSpectrum(30, 6, s, 11);
        const ThinSvd a = thinSvd(A), b = jacobiThinSvd(A);
        for (int i = 0; i < 6; ++i) QVERIFY(std::abs(a.s[i] - b.s[i]) < 1e-14);
        // Singular vectors agree up to sign for the well separated values.
        for (int i = 0; i < 6; ++i) QVERIFY(std::abs(std::abs(a.V.col(i).dot(b.V.col(i))) - 1.0) < 1e-6);
    }

    void implicitFormActsLikeTheExplicitFactors() {
        Eigen::VectorXd s(10);
        for (int i = 0; i < 10; ++i) s[i] = std::pow(10.0, -12.0 * i / 9.0); // condition number 1e12
        for (auto [rows, cols] : {std::pair{10, 10}, std::pair{25, 10}, std::pair{10, 31}}) {
            // A = P diag(s) Qᵀ built from known orthonormal factors (as withSpectrum does).
            const Eigen::MatrixXd P = randomOrthonormal(rows, 10, 21), Q = randomOrthonormal(cols, 10, 22);
            const Eigen::MatrixXd A = P * s.asDiagonal() * Q.transpose();
            const ImplicitSvd implicit(A);
            for (int i = 0; i < 10; ++i) QVERIFY(std::abs(implicit.singularValues()[i] - s[i]) < 1e-14);
            const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(cols, -1.0, 2.0);
            // U diag(s) Vᵀ x = A x, stable whatever the conditioning.
            const Eigen::VectorXd ax = implicit.filteredWeights(x, implicit.singularValues());
            QCOMPARE(ax.size(), Eigen::Index(rows));
            QVERIFY((ax - A * x).norm() < 1e-14 * x.norm());
            // A filter on the leading triplets only, trailing ones dropped.
            const Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(4, 0.5, 3.0);
            const Eigen::VectorXd expected4 = P.leftCols(4) * w.cwiseProduct(Q.leftCols(4).transpose() * x);
            // A itself is P S Qᵀ only to rounding, so its 4-dimensional leading singular subspace
            // lies within about eps·s₁/(s₄ − s₅) of span(P₄) even for an exact SVD (Wedin):
            // ≈ 2.3e-12 here. The bound allows four times that and no more.
            const double subspaceBound = 4.0 * 2.2e-16 * s[0] / (s[3] - s[4]);
            QVERIFY((implicit.filteredWeights(x, w) - expected4).norm() < subspaceBound * expected4.norm());
            // The truncated pseudo-inverse (dlalsd) keeps exactly q triplets: P_q S_q⁻¹ Q_qᵀ x
            // from the factors A was built with, for every q (relative error ≲ eps·s_max/s_q).
            for (int q = 0; q <= 10; ++q) {
                const Eigen::VectorXd expected =
                    P.leftCols(q) * s.head(q).cwiseInverse().cwiseProduct(Q.leftCols(q).transpose() * x);
                const Eigen::VectorXd ours = implicit.truncatedWeights(x, q);
                QCOMPARE(ours.size(), Eigen::Index(rows));
                const double tolerance = q == 0 ? 0.0 : 1e-15 * s[0] / s[q - 1] * 50.0 * expected.norm();
                QVERIFY2((ours - expected).norm() <= tolerance,
                         qPrintable(QString("%1x%2, q = %3: error %4, tolerance %5")
                                        .arg(rows).arg(cols).arg(q).arg((ours - expected).norm()).arg(tolerance)));
            }
        }
        Eigen::MatrixXd bad = Eigen::MatrixXd::Ones(3, 3);
        bad(0, 0) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(ComputeError, ImplicitSvd{bad});
    }

    void truncatedWeightsOnRankDeficientAndTiedSpectra() {
        // Rank 3 in a 40 × 30 matrix (like a centred neighbour block: trailing values at
        // rounding level): keeping the 3 real triplets gives the pseudo-inverse of the rank-3 part.
        Eigen::VectorXd s(3);
        s << 4.0, 1.0, 0.25;
        const Eigen::MatrixXd P = randomOrthonormal(40, 3, 5), Q = randomOrthonormal(30, 3, 6);
        const Eigen::MatrixXd A = P * s.asDiagonal() * Q.transpose();
        const ImplicitSvd implicit(A);
        const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(30, 1.0, -2.0);
        const Eigen::VectorXd expected = P * s.cwiseInverse().cwiseProduct(Q.transpose() * x);
        QVERIFY((implicit.truncatedWeights(x, 3) - expected).norm() < 1e-13 * expected.norm());
        // Two equal singular values inside the kept block (2, 1, 1 kept, 0.5 dropped): their
        // vectors are not unique, the truncated pseudo-inverse is.
        Eigen::VectorXd tied(4);
        tied << 2.0, 1.0, 1.0, 0.5;
        const Eigen::MatrixXd P2 = randomOrthonormal(12, 4, 8), Q2 = randomOrthonormal(9, 4, 9);
        const ImplicitSvd tiedSvd(P2 * tied.asDiagonal() * Q2.transpose());
        const Eigen::VectorXd x2 = Eigen::VectorXd::LinSpaced(9, 0.5, 1.5);
        const Eigen::VectorXd expected3 = P2.leftCols(3) * tied.head(3).cwiseInverse().cwiseProduct(Q2.leftCols(3).transpose() * x2);
        QVERIFY((tiedSvd.truncatedWeights(x2, 3) - expected3).norm() < 1e-13 * expected3.norm());
        QVERIFY_THROWS_EXCEPTION(ComputeError, tiedSvd.truncatedWeights(x2, 10));
        QVERIFY_THROWS_EXCEPTION(ComputeError, tiedSvd.truncatedWeights(Eigen::VectorXd::Ones(8), 2));
        // No columns: no singular values, and the weights of any query are zero.
        const ImplicitSvd empty(Eigen::MatrixXd(3, 0));
        QCOMPARE(empty.singularValues().size(), Eigen::Index(0));
        QVERIFY(empty.truncatedWeights(Eigen::VectorXd(0), 0) == Eigen::VectorXd::Zero(3));
        QVERIFY(empty.filteredWeights(Eigen::VectorXd(0), Eigen::VectorXd(0)) == Eigen::VectorXd::Zero(3));
    }

    void emptyAndNonFiniteInput() {
        const ThinSvd empty = thinSvd(Eigen::MatrixXd(0, 5));
        QCOMPARE(empty.s.size(), Eigen::Index(0));
        QCOMPARE(empty.V.rows(), Eigen::Index(5));
        Eigen::MatrixXd bad = Eigen::MatrixXd::Ones(4, 3);
        bad(2, 1) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(ComputeError, thinSvd(bad));
    }
};

QTEST_APPLESS_MAIN(TestThinSvd)
#include "test_thin_svd.moc"
