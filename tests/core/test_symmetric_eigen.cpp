// Eigenpairs by LAPACK dsyevd: on Q diag(λ) Qᵀ built from a known orthogonal Q and known λ
// (a repeated pair and a near-zero one included, as in a landmark kernel) the values come back
// ascending to rounding, the vectors are orthonormal and satisfy A v = λ v; errors are clear.
#include <QtTest>

#include <Eigen/QR>

#include "core/linalg/symmetric_eigen.h"
#include "core/util/error.h"
#include "helpers/gaussian_matrix.h"

using namespace le;

class TestSymmetricEigen : public QObject {
    Q_OBJECT
private slots:
    void recoversKnownEigenpairs() {
        const Eigen::Index n = 300;
        const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(gaussianMatrix(n, n, 3)).householderQ();
        Eigen::VectorXd lambda(n);
        for (Eigen::Index i = 0; i < n; ++i) lambda[i] = std::pow(10.0, -14.0 + 16.0 * double(i) / double(n - 1));
        lambda[100] = lambda[101]; // a repeated eigenvalue
        const Eigen::MatrixXd A = Q * lambda.asDiagonal() * Q.transpose();
        const SymmetricEigen eig = symmetricEigen(A);
        Eigen::VectorXd expected = lambda;
        std::sort(expected.begin(), expected.end());
        const double scale = lambda.maxCoeff(); // 100: absolute accuracy ~ n ε ‖A‖
        QVERIFY((eig.values - expected).cwiseAbs().maxCoeff() <= 1e-12 * scale);
        QVERIFY((eig.values.tail(n - 1) - eig.values.head(n - 1)).minCoeff() >= -1e-12 * scale);
        QVERIFY((eig.vectors.transpose() * eig.vectors - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff() <= 1e-12);
        QVERIFY((A * eig.vectors - eig.vectors * eig.values.asDiagonal()).cwiseAbs().maxCoeff() <= 1e-12 * scale);
        // The top eigenvector is the known one up to sign (well separated from the rest).
        QVERIFY(std::abs(std::abs(eig.vectors.col(n - 1).dot(Q.col(n - 1))) - 1.0) <= 1e-12);
    }
    void twoByTwoClosedForm() {
        Eigen::MatrixXd A(2, 2);
        A << 2.0, 1.0, 1.0, 2.0; // eigenvalues 1 and 3, vectors (1, −1)/√2 and (1, 1)/√2
        const SymmetricEigen eig = symmetricEigen(A);
        QVERIFY(std::abs(eig.values[0] - 1.0) <= 1e-15 && std::abs(eig.values[1] - 3.0) <= 1e-15);
        QVERIFY(std::abs(std::abs(eig.vectors(0, 1)) - std::sqrt(0.5)) <= 1e-15);
        QVERIFY(std::abs(eig.vectors(0, 0) + eig.vectors(1, 0)) <= 1e-15);
    }
    void rejectsBadInput() {
        QVERIFY_THROWS_EXCEPTION(ComputeError, symmetricEigen(Eigen::MatrixXd::Zero(2, 3)));
        Eigen::MatrixXd A = Eigen::MatrixXd::Identity(3, 3);
        A(1, 0) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(ComputeError, symmetricEigen(A));
    }
};

QTEST_GUILESS_MAIN(TestSymmetricEigen)
#include "test_symmetric_eigen.moc"
