// `mpirun -np 2 latent-explorer compare ...` (a build with MPI) writes the same result as the
// single-process run: every matrix and every per-point value within 1e-12 relative, for a
// dataset whose 300 test points span three blocks, so both ranks compute LFRE points and
// each computes the GFRE/GFRD of its own sources.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/dataset/dataset.h"
#include "core/io/extxyz_writer.h"
#include "core/io/hdf5_project.h"
#include "core/io/npy.h"

using namespace le;

namespace {

// 1e-12 relative; values at rounding level (the diagonal's GFRE/GFRD, ~1e-15 on features scaled
// to unit total variance) are compared to 1e-13 absolute: the ranks' TSQR merge order changes
// their last digits.
bool close(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-12 * std::abs(b) + 1e-13;
}

// 600 atoms (six frames of 100) and three related feature sets of widths 10, 6, 4.
QStringList writeInputs(const QString& dir) {
    Dataset d;
    for (int f = 0; f < 6; ++f) {
        Frame frame;
        frame.species.assign(100, 6);
        frame.positions = Positions(100, 3);
        for (int i = 0; i < 100; ++i)
            for (int c = 0; c < 3; ++c) frame.positions(i, c) = 1.7 * i + 0.3 * c + 0.01 * f;
        d.addFrame(std::move(frame));
    }
    const QString structures = dir + "/atoms.extxyz";
    writeExtxyz(structures.toStdString(), d);
    MatrixD a(600, 10), b(600, 6), c(600, 4);
    for (int i = 0; i < 600; ++i) {
        for (int j = 0; j < 10; ++j) a(i, j) = std::sin(0.37 * i + 1.1 * j + 0.013 * i * j);
        for (int j = 0; j < 6; ++j) b(i, j) = std::tanh(a(i, j) + 0.5 * a(i, j + 4) * a(i, j + 4));
        for (int j = 0; j < 4; ++j) c(i, j) = std::cos(2.0 * a(i, j)) + 0.01 * std::sin(3.7 * i);
    }
    writeNpy((dir + "/a.npy").toStdString(), MatrixF(a.cast<float>()));
    writeNpy((dir + "/b.npy").toStdString(), b);
    writeNpy((dir + "/c.npy").toStdString(), MatrixF(c.cast<float>()));
    return {structures, dir + "/a.npy", dir + "/b.npy", dir + "/c.npy"};
}

QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(300000)) return "timed out";
    return p.exitCode() == 0 ? QString() : QString::fromUtf8(p.readAll());
}

} // namespace

class TestMpiCompare : public QObject {
    Q_OBJECT
private slots:
    void twoRanksEqualOneProcess() {
        QTemporaryDir dir;
        const QStringList inputs = writeInputs(dir.path());
        const QString one = dir.filePath("one.h5"), two = dir.filePath("two.h5");
        QString error = run(LE_EXECUTABLE, QStringList{"compare"} + inputs + QStringList{"--out", one});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = run(LE_MPIEXEC, QStringList{"--allow-run-as-root", "--oversubscribe", "-np", "2", LE_EXECUTABLE, "compare"} +
                                    inputs + QStringList{"--out", two});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const StoredResult a = readProject(one.toStdString()).results.at(0);
        const StoredResult b = readProject(two.toStdString()).results.at(0);
        QCOMPARE(a.arrays.size(), b.arrays.size());
        int values = 0;
        for (const auto& [key, matrix] : a.arrays) {
            const MatrixD& other = b.arrays.at(key);
            QCOMPARE(other.rows(), matrix.rows());
            QCOMPARE(other.cols(), matrix.cols());
            for (Eigen::Index i = 0; i < matrix.size(); ++i) {
                QVERIFY2(close(other.data()[i], matrix.data()[i]), qPrintable(QString::fromStdString(key) + QString(" [%1]: %2 vs %3").arg(i).arg(other.data()[i], 0, 'g', 17).arg(matrix.data()[i], 0, 'g', 17)));
                ++values;
            }
        }
        QCOMPARE(a.arrays.at("lfre_pointwise").cols(), Eigen::Index(300));
        QVERIFY(values > 3 * 9 * 300); // every pair's pointwise values were compared
        QVERIFY(a.arrays.at("lfre")(0, 1) > 1e-3); // a real, non-trivial reconstruction error
    }
};

QTEST_APPLESS_MAIN(TestMpiCompare)
#include "test_mpi_compare.moc"
