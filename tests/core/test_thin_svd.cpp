// The thin SVD (LAPACK dgesdd through OpenBLAS) on tall, wide, square, rank-deficient and
// ill-conditioned matrices: singular values equal those the matrix was built with, the
// factors reconstruct it and are orthonormal, and the Jacobi fallback agrees. The factored
// form (ImplicitSvd) gives the same singular values and the same actions Vᵀx and U y.
#include <QtTest>

#include <random>

#include <Eigen/QR>

#include "core/metrics/implicit_svd.h"
#include "core/metrics/thin_svd.h"
#include "core/util/error.h"

using namespace le;

namespace {

Eigen::MatrixXd randomOrthonormal(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd g(rows, cols);
    for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = normal(rng);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(g);
    return qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
}

// A = P diag(s) Qᵀ with known singular values s (descending).
Eigen::MatrixXd withSpectrum(Eigen::Index rows, Eigen::Index cols, const Eigen::VectorXd& s, unsigned seed) {
    return randomOrthonormal(rows, s.size(), seed) * s.asDiagonal() *
           randomOrthonormal(cols, s.size(), seed + 1).transpose();
}

double orthonormalityError(const Eigen::MatrixXd& Q) {
    return (Q.transpose() * Q - Eigen::MatrixXd::Identity(Q.cols(), Q.cols())).cwiseAbs().maxCoeff();
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
            const Eigen::MatrixXd A = withSpectrum(rows, cols, s, 21);
            const ImplicitSvd implicit(A);
            const ThinSvd svd = thinSvd(A);
            for (int i = 0; i < 10; ++i) QVERIFY(std::abs(implicit.singularValues()[i] - s[i]) < 1e-14);
            // Vᵀx and U y are defined up to the sign of each singular pair, so compare
            // U diag(w) Vᵀ x: with w = s it is A x (stable whatever the conditioning) ...
            const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(cols, -1.0, 2.0);
            const Eigen::VectorXd ax =
                implicit.leftTimes(implicit.singularValues().cwiseProduct(implicit.rightTransposeTimes(x)));
            QCOMPARE(ax.size(), Eigen::Index(rows));
            QVERIFY((ax - A * x).norm() < 1e-14 * x.norm());
            // ... and with any w on the well-separated leading triplets (vectors of the tiny,
            // closely spaced ones are only determined to eps·s_max/gap, in either form).
            const Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(4, 0.5, 3.0);
            const Eigen::VectorXd ours = implicit.leftTimes(w.cwiseProduct(implicit.rightTransposeTimes(x).head(4)));
            const Eigen::VectorXd explicitForm = svd.U.leftCols(4) * w.cwiseProduct(svd.V.leftCols(4).transpose() * x);
            QVERIFY((ours - explicitForm).norm() < 1e-12 * explicitForm.norm());
            // Fewer coefficients than singular values: the trailing ones count as zero.
            const Eigen::VectorXd head = implicit.leftTimes(Eigen::VectorXd::Ones(3));
            QVERIFY((head - svd.U.leftCols(3).rowwise().sum()).norm() > 0.0); // signs may differ per column
            QVERIFY(std::abs(head.norm() - std::sqrt(3.0)) < 1e-13);          // orthonormal columns
        }
        Eigen::MatrixXd bad = Eigen::MatrixXd::Ones(3, 3);
        bad(0, 0) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(ComputeError, ImplicitSvd{bad});
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
