// `latent-explorer describe`: per-atom rows in file order, descriptors concatenated in the
// order given, values checked against a hand calculation; user errors exit 2 and never touch
// an existing output file.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <numbers>

#include "core/io/npy.h"

namespace {

const QString ch4 = LE_TEST_DATA_DIR "/descriptors/manif-minus-plus.extxyz";

struct Run {
    int exitCode;
    QString out, err;
};

Run run(const QStringList& args) {
    QProcess p;
    p.start(LE_EXECUTABLE, QStringList{"describe"} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

double fc(double r, double rc) { return r < rc ? 0.5 * (std::cos(std::numbers::pi * r / rc) + 1) : 0.0; }

} // namespace

class TestCliDescribe : public QObject {
    Q_OBJECT
private slots:
    void soapAndAcsfPerAtom() {
        QTemporaryDir dir;
        const QString out = dir.filePath("ch4.npy");
        const Run r = run({ch4, "--soap", "n_max=2,l_max=2,r_cut=4,sigma=0.5,normalize=false", "--acsf",
                           "r_cut=4,n_radial=2,r_start=1,angular=false", "--out", out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("wrote " + out + ": 810 x 34 float64"), qPrintable(r.out));
        QVERIFY(r.out.contains("columns 0-29: soap:n_max=2,l_max=2,r_cut=4"));
        QVERIFY(r.out.contains("columns 30-33: acsf:r_cut=4,n_radial=2"));
        QVERIFY(r.err.contains("100 %"));
        const le::MatrixD x = le::readNpy(out.toStdString()).toMatrixD();
        QCOMPARE(x.rows(), Eigen::Index(810));
        QCOMPARE(x.cols(), Eigen::Index(34));
        // Frame 0 (file lines 3-7): C at the origin and four H. ACSF columns 30-31 are the H
        // channel G2 of the carbon (centres 1 and 2.5 Å, Δ = 1.5, η = 1/(2Δ²)).
        const double h[4][3] = {{-0.41712494, 0.0, 1.00702869}, {0.76368590, -0.55485029, -0.54500000},
                                {0.76368590, 0.55485029, 0.54500000}, {-0.60932852, -0.83866876, 0.33682852}};
        const double eta = 1.0 / (2 * 1.5 * 1.5);
        for (int k = 0; k < 2; ++k) {
            double g2 = 0;
            for (const auto& p : h) {
                const double r = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
                g2 += std::exp(-eta * std::pow(r - (1.0 + 1.5 * k), 2)) * fc(r, 4.0);
            }
            QVERIFY(std::abs(x(0, 30 + k) - g2) < 1e-7); // file positions have 8 decimals
        }
        // Degenerate manifold: carbons of frames 4 and 85 (rows 20 and 425) have the same SOAP.
        const double diff = (x.row(20).head(30) - x.row(425).head(30)).norm();
        QVERIFY2(diff < 1e-6 * x.row(20).head(30).norm(), qPrintable(QString::number(diff)));
        QVERIFY((x.row(25).head(30) - x.row(430).head(30)).norm() > 1e-3 * x.row(25).head(30).norm());
    }
    void float32Output() {
        QTemporaryDir dir;
        const QString out = dir.filePath("f.npy");
        const Run r = run({ch4, "--acsf", "r_cut=3,angular=false", "--out", out, "--float32"});
        QCOMPARE(r.exitCode, 0);
        const le::NpyArray a = le::readNpy(out.toStdString());
        QCOMPARE(QString(a.dtypeName()), QString("float32"));
        QCOMPARE(a.rows(), 810LL);
        QCOMPARE(a.cols(), 16LL); // species H, C × 8 radial
    }
    void userErrorsExit2AndKeepExistingOutput() {
        QTemporaryDir dir;
        const QString out = dir.filePath("keep.npy");
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        Run r = run({ch4, "--soap", "n_max=8,lmax=6", "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown SOAP option 'lmax'"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        r = run({dir.filePath("missing.xyz"), "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("missing.xyz"), qPrintable(r.err));
        r = run({ch4});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--out"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }
};

QTEST_GUILESS_MAIN(TestCliDescribe)
#include "test_cli_describe.moc"
