// Leading singular triplets of a bidiagonal matrix by inverse iteration: against a Jacobi SVD
// of the same matrix (subspaces and the truncated pseudo-inverse, which do not depend on the
// choice of vectors inside a repeated value), and the cases the certificate must refuse.
#include <QtTest>

#include <Eigen/SVD>

#include "core/linalg/bidiagonal_triplets.h"
#include "helpers/gaussian_matrix.h"
#include "helpers/orthonormality.h"

using namespace le;

namespace {

struct Bidiagonal {
    Eigen::VectorXd d, e;
    Eigen::MatrixXd dense() const {
        Eigen::MatrixXd B = Eigen::MatrixXd::Zero(d.size(), d.size());
        for (Eigen::Index i = 0; i < d.size(); ++i) {
            B(i, i) = d[i];
            if (i + 1 < d.size()) B(i, i + 1) = e[i];
        }
        return B;
    }
};

Bidiagonal randomBidiagonal(Eigen::Index n, unsigned seed) {
    const Eigen::MatrixXd g = gaussianMatrix(2 * n - 1, 1, seed);
    return {g.col(0).head(n), g.col(0).tail(n - 1)};
}

// diag(B₁, B₂) as one bidiagonal: the super-diagonal entry joining the blocks is zero.
Bidiagonal joined(const Bidiagonal& a, const Bidiagonal& b) {
    const Eigen::Index n = a.d.size() + b.d.size();
    Bidiagonal out{Eigen::VectorXd(n), Eigen::VectorXd::Zero(n - 1)};
    out.d << a.d, b.d;
    out.e.head(a.e.size()) = a.e;
    out.e.tail(b.e.size()) = b.e;
    return out;
}

// Compares the q leading triplets with a Jacobi SVD of the dense matrix: orthonormal vectors,
// the same left and right singular subspaces, and the same U_q S_q⁻¹ V_qᵀ z.
void checkAgainstJacobi(const Bidiagonal& b, Eigen::Index q) {
    const Eigen::MatrixXd B = b.dense();
    const Eigen::JacobiSVD<Eigen::MatrixXd> jacobi(B, Eigen::ComputeFullU | Eigen::ComputeFullV);
    const Eigen::VectorXd& s = jacobi.singularValues();
    const auto t = leadingBidiagonalTriplets(b.d, b.e, s, q);
    QVERIFY2(t.has_value(), qPrintable(QString("q = %1 not certified").arg(q)));
    QCOMPARE(t->U.cols(), q);
    QVERIFY(orthonormalityError(t->U) < 1e-13);
    QVERIFY(orthonormalityError(t->V) < 1e-13);
    QVERIFY((B * t->V - t->U * s.head(q).asDiagonal()).norm() < 1e-13 * s[0]);
    const Eigen::MatrixXd Uq = jacobi.matrixU().leftCols(q), Vq = jacobi.matrixV().leftCols(q);
    QVERIFY((t->U * t->U.transpose() - Uq * Uq.transpose()).norm() < 1e-12);
    QVERIFY((t->V * t->V.transpose() - Vq * Vq.transpose()).norm() < 1e-12);
    const Eigen::VectorXd z = Eigen::VectorXd::LinSpaced(b.d.size(), -1.0, 1.5);
    const Eigen::VectorXd expected = Uq * s.head(q).cwiseInverse().cwiseProduct(Vq.transpose() * z);
    const Eigen::VectorXd ours = t->U * s.head(q).cwiseInverse().cwiseProduct(t->V.transpose() * z);
    QVERIFY2((ours - expected).norm() < 1e-12 * expected.norm(),
             qPrintable(QString("q = %1: relative error %2").arg(q).arg((ours - expected).norm() / expected.norm())));
}

} // namespace

class TestBidiagonalTriplets : public QObject {
    Q_OBJECT
private slots:
    void randomBidiagonalMatchesJacobi() {
        const Bidiagonal b = randomBidiagonal(60, 3);
        for (Eigen::Index q : {1, 5, 20}) checkAgainstJacobi(b, q);
    }

    void repeatedValuesOfSplitBlocks() {
        // diag(B₁, B₁): every singular value twice, and the Golub–Kahan matrix splits. The
        // vectors of a repeated value are any orthonormal pair of its plane; they must
        // still be orthonormal and span the same subspaces as Jacobi's.
        const Bidiagonal one = randomBidiagonal(25, 5);
        const Bidiagonal b = joined(one, one);
        for (Eigen::Index q : {2, 6, 12}) checkAgainstJacobi(b, q);
    }

    void refusesWhatItCannotCertify() {
        const Bidiagonal one = randomBidiagonal(25, 7);
        // Values in pairs 1e-13 apart: a cut between the two of a pair is not determined by
        // the data to 1e-10, a cut between pairs is.
        Bidiagonal nearCopy = one;
        nearCopy.d *= 1.0 + 1e-13;
        nearCopy.e *= 1.0 + 1e-13;
        const Bidiagonal pairs = joined(one, nearCopy);
        const Eigen::JacobiSVD<Eigen::MatrixXd> jacobi(pairs.dense());
        const Eigen::VectorXd& s = jacobi.singularValues();
        QVERIFY(!leadingBidiagonalTriplets(pairs.d, pairs.e, s, 5).has_value());
        QVERIFY(leadingBidiagonalTriplets(pairs.d, pairs.e, s, 6).has_value());
        // Singular values that are not B's (off by 1e-6): residuals of 1e-6, refused.
        const Bidiagonal b = randomBidiagonal(30, 9);
        const Eigen::VectorXd exact = Eigen::JacobiSVD<Eigen::MatrixXd>(b.dense()).singularValues();
        QVERIFY(leadingBidiagonalTriplets(b.d, b.e, exact, 4).has_value());
        QVERIFY(!leadingBidiagonalTriplets(b.d, b.e, exact * (1.0 + 1e-6), 4).has_value());
        // A kept value at rounding level of s₁: +s and −s cannot be told apart, refused.
        Bidiagonal graded = b;
        graded.d[29] = 1e-15;
        graded.e[28] = 0.0;
        const Eigen::VectorXd gradedS = Eigen::JacobiSVD<Eigen::MatrixXd>(graded.dense()).singularValues();
        QVERIFY(gradedS[29] < 1e-14);
        QVERIFY(!leadingBidiagonalTriplets(graded.d, graded.e, gradedS, 30).has_value());
        // Nothing to keep, or more than there is.
        QVERIFY(!leadingBidiagonalTriplets(b.d, b.e, exact, 0).has_value());
        QVERIFY(!leadingBidiagonalTriplets(b.d, b.e, exact, 31).has_value());
    }
};

QTEST_APPLESS_MAIN(TestBidiagonalTriplets)
#include "test_bidiagonal_triplets.moc"
