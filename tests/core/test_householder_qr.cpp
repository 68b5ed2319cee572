// HouseholderQr: Qᵀ A = [R; 0], Qᵀ preserves every column norm, and threads that share one
// factorisation get the serial answer (LAPACK's dormqr, which applied it at first, writes into
// the reflectors while it works and so gave wrong numbers to concurrent GFRE targets).
#include <QtTest>

#include <vector>

#include <Eigen/QR>

#include "core/linalg/householder_qr.h"
#include "core/util/error.h"
#include "helpers/gaussian_matrix.h"

using namespace le;

class TestHouseholderQr : public QObject {
    Q_OBJECT
private slots:
    void rotatesTheBlockOntoR() {
        const Eigen::MatrixXd A = gaussianMatrix(300, 20, 1);
        const HouseholderQr qr(A);
        const Eigen::MatrixXd R = qr.R();
        QVERIFY(R.isUpperTriangular());
        Eigen::MatrixXd rotated = A;
        qr.applyQt(rotated);
        QVERIFY((rotated.topRows(20) - R).norm() <= 1e-13 * A.norm());
        QVERIFY(rotated.bottomRows(280).norm() <= 1e-13 * A.norm());
        // RᵀR = AᵀA (the Gram matrix of a well-conditioned block).
        QVERIFY((R.transpose() * R - A.transpose() * A).norm() <= 1e-12 * (A.transpose() * A).norm());
        // An orthogonal map: the part inside A's span plus the part outside keep each norm.
        const Eigen::MatrixXd C = gaussianMatrix(300, 7, 2);
        Eigen::MatrixXd QtC = C;
        qr.applyQt(QtC);
        for (Eigen::Index j = 0; j < C.cols(); ++j) QVERIFY(std::abs(QtC.col(j).norm() - C.col(j).norm()) <= 1e-13 * C.col(j).norm());
        // The part outside: C minus its least-squares fit on A.
        const Eigen::MatrixXd fit = A * A.colPivHouseholderQr().solve(C);
        for (Eigen::Index j = 0; j < C.cols(); ++j)
            QVERIFY(std::abs(QtC.col(j).tail(280).norm() - (C.col(j) - fit.col(j)).norm()) <= 1e-12 * C.col(j).norm());
    }

    void sharedByThreadsGivesTheSerialAnswer() {
        // 12 columns: few enough reflectors for dormqr's unblocked path, the one that wrote
        // into them; 64: several blocks.
        for (Eigen::Index n : {12, 64}) {
            const HouseholderQr qr(gaussianMatrix(2000, n, 3));
            const Eigen::MatrixXd C = gaussianMatrix(2000, 16, 4);
            Eigen::MatrixXd serial = C;
            qr.applyQt(serial);
            std::vector<Eigen::MatrixXd> results(200, C);
#pragma omp parallel for num_threads(4) schedule(dynamic, 1)
            for (int i = 0; i < 200; ++i) qr.applyQt(results[std::size_t(i)]);
            for (const Eigen::MatrixXd& r : results) QCOMPARE((r - serial).cwiseAbs().maxCoeff(), 0.0);
        }
    }

    void wideBlockIsRefused() {
        QVERIFY_THROWS_EXCEPTION(ComputeError, HouseholderQr(Eigen::MatrixXd::Ones(3, 5)));
    }
};

QTEST_APPLESS_MAIN(TestHouseholderQr)
#include "test_householder_qr.moc"
