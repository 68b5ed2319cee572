// The structure-level commands end to end (pool, project, orders): a tiny dataset written to a
// temporary folder, the executable run, and the numbers in its output files checked against
// hand calculations.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <Eigen/Eigenvalues>

#include <cmath>

#include "core/io/npy.h"

using namespace le;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run run(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(LE_EXECUTABLE), args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

class TestCliStructure : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    QString xyz, atomFeatures, frameFeatures;

    QString path(const QString& name) const { return dir.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        // Four frames: O H H | H H | O O H O | O; labels bulk/surface/bulk/bulk.
        xyz = path("small.xyz");
        QFile f(xyz);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const char* frames[][5] = {{"O", "H", "H"}, {"H", "H"}, {"O", "O", "H", "O"}, {"O"}};
        const int counts[] = {3, 2, 4, 1};
        const char* labels[] = {"bulk", "surface", "bulk", "bulk"};
        for (int i = 0; i < 4; ++i) {
            f.write(QByteArray::number(counts[i]) + "\n");
            f.write(QByteArray("Properties=species:S:1:pos:R:3 subset=") + labels[i] +
                    " energy=" + QByteArray::number(-1.5 * i + 0.25 * i * i) + "\n");
            for (int a = 0; a < counts[i]; ++a)
                f.write(QByteArray(frames[i][a]) + " " + QByteArray::number(a) + " 0 0\n");
        }
        f.close();
        // Per-atom features (10 atoms × 2): column 0 chosen for easy cumulants, column 1 = ±1.
        MatrixD x(10, 2);
        x << 1, 1, 2, -1, 6, 1, // frame 0
            4, 1, 4, -1,        // frame 1: constant column 0
            2, -1, 7, 1, 5, -1, 0, 1, // frame 2
            3, 1;               // frame 3: one atom
        atomFeatures = path("model.npy");
        writeNpy(atomFeatures.toStdString(), x);
        // Per-structure features on a line through (0.5, 1) along (1, 2).
        MatrixD s(4, 2);
        s << -1, -2, 0, 0, 1, 2, 2, 4;
        frameFeatures = path("frames.npy");
        writeNpy(frameFeatures.toStdString(), s);
    }

    void poolWritesCumulantBlocks() {
        const Run r = run({"pool", xyz, atomFeatures, "--order", "3", "--out", path("p.npy")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["single_atom_structures"].toInt(), 1);
        QVERIFY(r.err.contains("single atom"));
        const MatrixD p = readNpy(path("p.npy").toStdString()).toMatrixD();
        QCOMPARE(p.rows(), Eigen::Index(4));
        QCOMPARE(p.cols(), Eigen::Index(6));
        // frame 0, column 0: {1, 2, 6}: mean 3, μ2 = 14/3, μ3 = 6.
        QCOMPARE(p(0, 0), 3.0);
        QVERIFY(std::abs(p(0, 2) - std::sqrt(14.0 / 3)) < 1e-14);
        QVERIFY(std::abs(p(0, 4) - std::cbrt(6.0)) < 1e-14);
        // frame 0, column 1: {1, −1, 1}: mean 1/3, μ2 = 8/9, μ3 = −16/27 → cbrt −(16/27)^(1/3).
        QVERIFY(std::abs(p(0, 1) - 1.0 / 3) < 1e-15);
        QVERIFY(std::abs(p(0, 3) - std::sqrt(8.0 / 9)) < 1e-14);
        QVERIFY(std::abs(p(0, 5) + std::cbrt(16.0 / 27)) < 1e-14);
        // frame 1: constant column → 0 spread; frame 3: one atom → zeros beyond the mean.
        QCOMPARE(p(1, 0), 4.0);
        QCOMPARE(p(1, 2), 0.0);
        QCOMPARE(p(3, 0), 3.0);
        QCOMPARE(p(3, 2), 0.0);
    }

    void poolPaperKappa8DiffersOnlyInKappa8() {
        // Frame 1, column 1 is {1, −1}: standard κ8 = −272, the paper's formula gives −132.
        QCOMPARE(run({"pool", xyz, atomFeatures, "--out", path("std.npy")}).code, 0);
        const Run r = run({"pool", xyz, atomFeatures, "--paper-kappa8", "--out", path("paper.npy")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.json()["paper_kappa8"].toBool());
        const MatrixD a = readNpy(path("std.npy").toStdString()).toMatrixD();
        const MatrixD b = readNpy(path("paper.npy").toStdString()).toMatrixD();
        QCOMPARE(a.cols(), Eigen::Index(16));
        QVERIFY(std::abs(a(1, 15) + std::pow(272.0, 0.125)) < 1e-13);
        QVERIFY(std::abs(b(1, 15) + std::pow(132.0, 0.125)) < 1e-13);
        QVERIFY((a.leftCols(14) - b.leftCols(14)).cwiseAbs().maxCoeff() == 0.0);
    }

    void poolRestrictedToSpeciesAndSubset() {
        const Run r = run({"pool", xyz, atomFeatures, "--order", "2", "--species", "O",
                           "--subset", "subset=bulk", "--out", path("o.csv")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["subset"].toString(), QString("species O; frames with subset = bulk"));
        QCOMPARE(r.json()["dropped_frames"].toInt(), 1);
        QCOMPARE(r.json()["frames"].toArray().size(), 3);
        QFile csv(path("o.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const auto lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QByteArray("frame,k1_0,k1_1,k2_0,k2_1"));
        // frame 2, O atoms {2, 7, 0}: mean 3, μ2 = (1 + 16 + 9)/3 = 26/3.
        const auto cells = lines[2].split(',');
        QCOMPARE(cells[0], QByteArray("2"));
        QCOMPARE(cells[1].toDouble(), 3.0);
        QVERIFY(std::abs(cells[3].toDouble() - std::sqrt(26.0 / 3)) < 1e-14);
    }

    void projectPcaOfALine() {
        const Run r = run({"project", xyz, frameFeatures, "--level", "structure", "--out", path("c.npy")});
        QCOMPARE(r.code, 0);
        const auto ratio = r.json()["explained_variance_ratio"].toArray();
        QVERIFY(std::abs(ratio[0].toDouble() - 1.0) < 1e-12);
        QVERIFY(std::abs(ratio[1].toDouble()) < 1e-12);
        const MatrixD c = readNpy(path("c.npy").toStdString()).toMatrixD();
        const double t[] = {-1, 0, 1, 2};
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(c(i, 0) - (t[i] - 0.5) * std::sqrt(5.0)) < 1e-12);
    }

    void projectPcovrRegressionLimit() {
        // α = 0: the first coordinate is the (scaled) ridge prediction of the property.
        const Run r = run({"project", xyz, atomFeatures, "--method", "pcovr", "--mixing", "0",
                           "--property", "energy", "--level", "structure", "--out", path("e.npy")});
        QCOMPARE(r.code, 2); // model.npy is per atom, not per structure
        QVERIFY(r.err.contains("no per-structure feature set"));
        const Run s = run({"project", xyz, frameFeatures, "--method", "pcovr", "--mixing", "0",
                           "--property", "energy", "--level", "structure", "--components", "1",
                           "--out", path("e.npy")});
        QCOMPARE(s.code, 0);
        // Energies −1.5i + 0.25i²; features are 1-D along t = i − 1, so Ŷ is the least-squares
        // line through the scaled energies: fitted values of a linear fit of E on t.
        const MatrixD c = readNpy(path("e.npy").toStdString()).toMatrixD();
        Eigen::VectorXd e(4), tt(4);
        for (int i = 0; i < 4; ++i) {
            e(i) = -1.5 * i + 0.25 * i * i;
            tt(i) = i - 1.5;
        }
        const Eigen::VectorXd ec = e.array() - e.mean();
        const Eigen::VectorXd fit = tt * (tt.dot(ec) / tt.squaredNorm());
        const Eigen::VectorXd expected = fit / std::sqrt(ec.squaredNorm() / 4);
        QVERIFY((c.col(0) - expected).cwiseAbs().maxCoeff() < 1e-5 ||
                (c.col(0) + expected).cwiseAbs().maxCoeff() < 1e-5);
    }

    void projectPooledStructures() {
        // --pool-order 1: PCA of the per-frame means, checked with a direct eigen-decomposition.
        const Run r = run({"project", xyz, atomFeatures, "--pool-order", "1", "--components", "1",
                           "--out", path("m.csv")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["level"].toString(), QString("structure"));
        Eigen::MatrixXd means(4, 2);
        means << 3, 1.0 / 3, 4, 0, 3.5, 0, 3, 1;
        const Eigen::MatrixXd centred = means.rowwise() - means.colwise().mean();
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(centred.transpose() * centred);
        Eigen::VectorXd axis = eig.eigenvectors().col(1);
        Eigen::Index big;
        axis.cwiseAbs().maxCoeff(&big);
        if (axis(big) < 0) axis = -axis;
        const Eigen::VectorXd expected = centred * axis;
        QFile csv(path("m.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const auto lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(lines[i + 1].split(',')[1].toDouble() - expected(i)) < 1e-12);
    }

    void ordersTableAndCrossModel() {
        // 36 molecules of 5 atoms, labels a/b/c; model B is the per-feature affine 2·A − 1.
        const QString many = path("many.xyz");
        QFile f(many);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 36; ++i) {
            f.write("5\nProperties=species:S:1:pos:R:3 subset=" + QByteArray(i % 3 ? "b" : "a") + "\n");
            for (int a = 0; a < 5; ++a) f.write("C " + QByteArray::number(a) + " 0 0\n");
        }
        f.close();
        MatrixD a(180, 2);
        for (int i = 0; i < 180; ++i) {
            a(i, 0) = std::fmod(i * 0.6180339887, 1.0) * (1 + i % 7);
            a(i, 1) = std::fmod(i * 0.4142135623, 1.0) + (i % 5 == 0 ? 3.0 : 0.0);
        }
        writeNpy(path("A.npy").toStdString(), a);
        writeNpy(path("B.npy").toStdString(), MatrixD((2 * a.array() - 1).matrix()));

        Run r = run({"orders", many, path("A.npy"), "--max-order", "3", "--out", path("t.json")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("gfre"));
        QFile json(path("t.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject t = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(t["kind"].toString(), QString("orders"));
        QCOMPARE(t["names"].toArray().size(), 3);
        QCOMPARE(t["split"].toObject()["test_frames"].toArray().size(), 18); // skmatter's 50/50 split
        const QJsonObject g = t["measures"].toObject()["gfre"].toObject();
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                const QJsonValue cell = g[QString("phi%1").arg(i + 1)].toObject()[QString("phi%1").arg(j + 1)];
                QVERIFY(cell.isDouble()); // the diagonal too: self-reconstruction
                const double v = cell.toDouble();
                if (j <= i) QVERIFY2(v < 1e-8, qPrintable(QString::number(v)));
                if (j > i) QVERIFY2(v > 0.01, qPrintable(QString::number(v)));
            }
        QVERIFY(t["measures"].toObject().contains("lfre"));

        r = run({"orders", many, path("A.npy"), "--max-order", "2", "--test-size", "9",
                 "--stratify-by", "subset", "--measures", "gfre"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["split"].toObject()["test_frames"].toArray().size(), 9);
        QCOMPARE(r.json()["split"].toObject()["stratify_by"].toString(), QString("subset"));
        QVERIFY(!r.json()["measures"].toObject().contains("lfre"));

        r = run({"orders", many, path("A.npy"), path("B.npy"), "--order", "3", "--measures", "gfre"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["kind"].toString(), QString("cross-model"));
        const QJsonObject c = r.json()["measures"].toObject()["gfre"].toObject();
        QVERIFY(c["A"].toObject()["B"].toDouble() < 1e-6);
        QVERIFY(c["B"].toObject()["A"].toDouble() < 1e-6);
        QVERIFY(c["A"].toObject()["B"].isDouble());

        r = run({"orders", many, path("A.npy"), "--stratify-by", "phase"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("phase"));
    }

    void userErrorsExitWithTwo() {
        Run r = run({"pool", xyz, path("missing.npy"), "--out", path("x.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("missing.npy"));
        r = run({"pool", xyz, atomFeatures, "--order", "9", "--out", path("x.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("--order"));
        r = run({"pool", xyz, atomFeatures, "--subset", "phase=gas", "--out", path("x.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("phase"));
        r = run({"project", xyz, frameFeatures, "--level", "structure", "--method", "tsne", "--out", path("x.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(path("x.npy")));
    }
};

QTEST_GUILESS_MAIN(TestCliStructure)
#include "test_cli_structure.moc"
