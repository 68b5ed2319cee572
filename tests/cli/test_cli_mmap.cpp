// `compare` on memory-mapped .npy files (float32 and float64 of 1 MiB and more, mapped by
// default) gives the same output, byte for byte, as with --no-mmap (read into memory); the
// values are the expected ones (B is a linear function of A: GFRE A → B ≈ 0; A has twice B's
// independent columns: GFRE B → A is large); a truncated file is refused naming it either way.
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

#include "core/io/npy.h"
#include "helpers/cli_process.h"

using namespace le;

class TestCliMmap : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString path(const char* name) const { return dir_.filePath(name); }

private slots:
    void mappedAndReadGiveTheSameOutput() {
        // 2048 atoms (256 frames of 8): A is 2048 × 128 float32 (1 MiB of values), B = 2 A[:, :64] in float64.
        std::ofstream xyz(path("atoms.xyz").toStdString());
        for (int f = 0; f < 256; ++f) {
            xyz << "8\n\n";
            for (int a = 0; a < 8; ++a) xyz << "C " << a << " " << f << " 0\n";
        }
        xyz.close();
        std::mt19937 random(7);
        std::normal_distribution<float> normal;
        MatrixF a(2048, 128);
        for (Eigen::Index k = 0; k < a.size(); ++k) a.data()[k] = normal(random);
        const MatrixD b = 2.0 * a.leftCols(64).cast<double>();
        writeNpy(path("A.npy").toStdString(), a);
        writeNpy(path("B.npy").toStdString(), b);

        const QStringList args{path("atoms.xyz"), path("A.npy"), path("B.npy"), "--measures", "gfre,gfrd,lfre",
                               "--k", "8", "--no-diagonal"};
        const test::CliRun mapped = test::runCli("compare", args);
        const test::CliRun read = test::runCli("compare", args + QStringList{"--no-mmap"});
        QCOMPARE(mapped.exitCode, 0);
        QCOMPARE(read.exitCode, 0);
        QCOMPARE(mapped.out, read.out);
        const QJsonObject gfre = mapped.json()["measures"].toObject()["gfre"].toObject();
        const double aToB = gfre["A"].toObject()["B"].toDouble(), bToA = gfre["B"].toObject()["A"].toDouble();
        QVERIFY2(aToB < 1e-4, qPrintable(QString::number(aToB)));
        QVERIFY2(bToA > 0.5, qPrintable(QString::number(bToA))); // half of A's independent columns are missing from B
    }

    void truncatedFileIsRefusedNamingIt() {
        std::ofstream(path("two.xyz").toStdString()) << "2\n\nH 0 0 0\nH 0 0 1\n";
        const MatrixF x = MatrixF::Constant(2, 200000, 1.0f); // 1.6 MB
        const std::string bytes = encodeNpy(NpyType::Float32, {2, 200000}, x.data());
        std::ofstream(path("cut.npy").toStdString(), std::ios::binary) << bytes.substr(0, bytes.size() - 100);
        writeNpy(path("whole.npy").toStdString(), x);
        for (const QStringList extra : {QStringList{}, QStringList{"--no-mmap"}}) {
            const test::CliRun r = test::runCli("compare", QStringList{path("two.xyz"), path("whole.npy"), path("cut.npy")} + extra);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(path("cut.npy") + ", npy data: truncated"), qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliMmap)
#include "test_cli_mmap.moc"
