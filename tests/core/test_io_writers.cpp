// Writers: extxyz with extra per-atom columns (read back by our reader, values exact thanks
// to shortest round-trip formatting), CSV / JSON named matrices (exact text), and the
// "never destroy an existing file" rule.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/io/extxyz_reader.h"
#include "core/io/extxyz_writer.h"
#include "core/io/file_bytes.h"
#include "core/io/matrix_writer.h"
#include "core/util/error.h"

using namespace le;

namespace {
const std::string source =
    "2\nLattice=\"4.1 0 0 0 5 0 0.1 0 6\" Properties=species:S:1:pos:R:3:forces:R:3:kind:S:1 "
    "energy=-12.345678901234567 subset=\"bulk cell\" steps=\"1 2 3\" ok=T pbc=\"T T F\"\n"
    "Si 0.1 0.2 0.30000000000000004 1 2 3 core\n"
    "O -1e-300 2.5 3 4 5 6 shell\n"
    "1\nProperties=species:S:1:pos:R:3:forces:R:3:kind:S:1 energy=1 subset=mol steps=\"4 5 6\" ok=F\n"
    "H 0 0 0 7 8 9 core\n";
} // namespace

class TestIoWriters : public QObject {
    Q_OBJECT
private slots:
    void extxyzRoundTripWithExtraColumns() {
        const Dataset d = parseExtxyz(source, "src.xyz");
        MatrixD lfre(3, 1);
        lfre << 0.125, std::nan(""), 1e-17;
        MatrixD pca = MatrixD::Random(3, 12); // 12 wide: read back as a feature set
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.extxyz").toStdString();
        writeExtxyz(path, d, {{"LFRE mace->pet", lfre}, {"pca", pca}});

        const Dataset back = readExtxyz(path);
        QCOMPARE(back.frameCount(), Eigen::Index(2));
        QCOMPARE(back.frames()[0].species, d.frames()[0].species);
        QVERIFY(back.frames()[0].positions == d.frames()[0].positions); // exact
        QVERIFY(back.frames()[0].cell == d.frames()[0].cell);
        QCOMPARE(back.frames()[0].pbc, (std::array<bool, 3>{true, true, false}));
        QVERIFY(!back.frames()[1].hasCell);
        QCOMPARE(back.findProperty("energy", Level::Structure)->numbers(0, 0), -12.345678901234567);
        QCOMPARE(back.frameLabels("subset").value(), (std::vector<std::string>{"bulk cell", "mol"}));
        QCOMPARE(std::get<std::vector<long long>>(back.frames()[1].info.at("steps").value),
                 (std::vector<long long>{4, 5, 6}));
        QCOMPARE(std::get<bool>(back.frames()[1].info.at("ok").value), false);
        QVERIFY(back.findProperty("forces", Level::Atom)->numbers == d.findProperty("forces", Level::Atom)->numbers);
        QCOMPARE(back.findProperty("kind", Level::Atom)->labels, (std::vector<std::string>{"core", "shell", "core"}));
        const Property* written = back.findProperty("LFRE_mace->pet", Level::Atom); // space → '_'
        QVERIFY(written);
        QCOMPARE(written->numbers(0, 0), 0.125);
        QVERIFY(std::isnan(written->numbers(1, 0)));
        QCOMPARE(written->numbers(2, 0), 1e-17);
        QVERIFY(back.findFeatureSet("pca")->toDouble() == pca);
    }
    void extxyzRejectsMisalignedColumnAndKeepsOldFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.extxyz").toStdString();
        {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old content");
        }
        const Dataset d = parseExtxyz(source, "src.xyz");
        bool threw = false;
        try {
            writeExtxyz(path, d, {{"short", MatrixD::Zero(2, 1)}});
        } catch (const std::invalid_argument&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(readFileBytes(path), std::string("old content"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left behind
    }
    void matrixCsvAndJson() {
        MatrixD m(2, 2);
        m << 0.5, 1e-10, std::nan(""), -3;
        const std::vector<std::string> rows{"MACE", "PET, v2"}, cols{"MACE", "PET \"mad\""};
        QCOMPARE(QString::fromStdString(matrixToCsv(m, rows, cols)),
                 QString(",MACE,\"PET \"\"mad\"\"\"\nMACE,0.5,1e-10\n\"PET, v2\",nan,-3\n"));
        QCOMPARE(QString::fromStdString(matrixToJson(m, rows, cols)),
                 QString("{\n  \"MACE\": {\"MACE\": 0.5, \"PET \\\"mad\\\"\": 1e-10},\n"
                         "  \"PET, v2\": {\"MACE\": null, \"PET \\\"mad\\\"\": -3}\n}\n"));
        QCOMPARE(QString::fromStdString(matrixToCsv(m, {}, {})), QString(",0,1\n0,0.5,1e-10\n1,nan,-3\n"));
        QTemporaryDir dir;
        const std::string path = dir.filePath("gfre.json").toStdString();
        writeMatrixJson(path, m, rows, cols);
        QCOMPARE(readFileBytes(path), matrixToJson(m, rows, cols));
        try {
            writeMatrixCsv(dir.filePath("no/such/folder.csv").toStdString(), m, rows, cols);
            QFAIL("write into a missing folder succeeded");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("folder.csv"));
        }
    }
};

QTEST_GUILESS_MAIN(TestIoWriters)
#include "test_io_writers.moc"
