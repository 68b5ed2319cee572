// chemiscope JSON(.gz) reader: a tiny file written by tests/data/io/make_fixtures.py
// (values below are those of the script) and malformed JSON.
#include <QtTest>

#include <cmath>

#include "core/io/chemiscope_reader.h"
#include "core/io/gzip.h"
#include "core/util/error.h"

using namespace le;

namespace {
std::string errorOf(const char* json) {
    try {
        parseChemiscope(QByteArray(json), "bad.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
} // namespace

class TestIoChemiscope : public QObject {
    Q_OBJECT
private slots:
    void tinyFile() {
        const Dataset d = readChemiscope(LE_TEST_DATA_DIR "/io/tiny_chemiscope.json.gz");
        QCOMPARE(d.frameCount(), Eigen::Index(2));
        QCOMPARE(d.atomCount(), Eigen::Index(5));
        QCOMPARE(d.frames()[0].species, (std::vector<int>{8, 1}));
        QCOMPARE(d.frames()[1].species, (std::vector<int>{6, 1, 1}));
        QCOMPARE(d.frames()[0].positions(1, 2), 0.5);
        QCOMPARE(d.frames()[1].positions(2, 0), 2.0);
        QVERIFY(d.frames()[0].isPeriodic());
        QCOMPARE(d.frames()[0].cell(1, 1), 6.0);
        QVERIFY(!d.frames()[1].hasCell);

        QCOMPARE(d.findProperty("energy", Level::Structure)->numbers(1, 0), 2.25);
        QCOMPARE(d.frameLabels("kind").value(), (std::vector<std::string>{"bulk", "surface"}));
        // Environments: atom 1 of frame 0 (global 1), atoms 0 and 2 of frame 1 (global 2, 4).
        const Property* charge = d.findProperty("charge", Level::Atom);
        QCOMPARE(charge->rows(), Eigen::Index(5));
        QVERIFY(std::isnan(charge->numbers(0, 0)));
        QCOMPARE(charge->numbers(1, 0), 0.1);
        QCOMPARE(charge->numbers(2, 0), -0.2);
        QVERIFY(std::isnan(charge->numbers(3, 0)));
        QCOMPARE(charge->numbers(4, 0), 0.3);
        QCOMPARE(d.findProperty("pca", Level::Atom)->numbers(4, 1), 6.0);
        const Property* isEnv = d.findProperty("is_environment", Level::Atom);
        QCOMPARE(isEnv->numbers.col(0).sum(), 3.0);
        QCOMPARE(isEnv->numbers(2, 0), 1.0);
        // 12 components per structure: a per-structure feature set.
        const FeatureSet* dos = d.findFeatureSet("dos");
        QVERIFY(dos && dos->level == Level::Structure);
        QCOMPARE(dos->toDouble()(1, 11), 5.5);
    }
    void malformed_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << "{\"structures\": [\n{\"names\": [}" << "bad.json, line 2: invalid JSON";
        QTest::newRow("not object") << "[1, 2]" << "not a chemiscope file";
        QTest::newRow("no structures") << "{\"meta\": {}}" << "structures: missing or not a list";
        QTest::newRow("short x") << "{\"structures\": [{\"names\": [\"H\", \"H\"], \"x\": [0], \"y\": [0, 0], \"z\": [0, 0]}]}"
                                 << "structures[0]: has 2 names but 1 x coordinates";
        QTest::newRow("text coordinate") << "{\"structures\": [{\"names\": [\"H\"], \"x\": [\"a\"], \"y\": [0], \"z\": [0]}]}"
                                         << "structures[0].x[0]: expected a number";
        QTest::newRow("value count") << "{\"structures\": [{\"names\": [\"H\"], \"x\": [0], \"y\": [0], \"z\": [0]}],"
                                        " \"properties\": {\"e\": {\"target\": \"structure\", \"values\": [1, 2]}}}"
                                     << "properties['e'].values: has 2 values but there are 1 structures";
        QTest::newRow("bad env") << "{\"structures\": [{\"names\": [\"H\"], \"x\": [0], \"y\": [0], \"z\": [0]}],"
                                    " \"environments\": [{\"structure\": 0, \"center\": 4}]}"
                                 << "environments[0].center: atom 4 is not in structure 0";
    }
    void malformed() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const QString message = QString::fromStdString(errorOf(json.toUtf8().constData()));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
    void truncatedGzip() {
        const std::string gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x4b\x4c", 12);
        try {
            gunzip(gz, "cut.json.gz");
            QFAIL("truncated gzip accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("cut.json.gz: corrupt or truncated gzip"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestIoChemiscope)
#include "test_io_chemiscope.moc"
