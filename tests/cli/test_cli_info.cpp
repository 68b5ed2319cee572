// `latent-explorer info`: output on stdout, exit 0; errors on stderr naming file and line, exit 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString demoDir = LE_TEST_DATA_DIR "/../../resources/demo/";

struct Run {
    int exitCode;
    QString out, err;
};

Run run(const QStringList& args) {
    QProcess p;
    p.start(LE_EXECUTABLE, QStringList{"info"} + args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

class TestCliInfo : public QObject {
    Q_OBJECT
private slots:
    void textSummaryOfTheDemo() {
        const Run r = run({demoDir + "manif-minus-plus.extxyz", demoDir + "degenerate_CH4_manifold.npz"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.contains("frames:   162\n"));
        QVERIFY(r.out.contains("atoms:    810\n"));
        QVERIFY(r.out.contains("species:  H 648, C 162\n")); // 162 CH4: ordered by Z
        QVERIFY(r.out.contains("periodic: no\n"));
        QVERIFY(r.out.contains("feature sets: 2\n"));
        QVERIFY(r.out.contains(QRegularExpression("SOAP_bispectrum +structure +162 x 12 +float64")));
    }
    void jsonOutput() {
        const Run r = run({demoDir + "manif-minus-plus.extxyz", demoDir + "degenerate_CH4_manifold.npz", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["frames"].toInt(), 162);
        QCOMPARE(o["atoms"].toInt(), 810);
        QCOMPARE(o["species"].toObject()["C"].toInt(), 162);
        QCOMPARE(o["periodic_frames"].toInt(), 0);
        const QJsonObject ps = o["feature_sets"].toArray()[0].toObject();
        QCOMPARE(ps["name"].toString(), QString("SOAP_power_spectrum"));
        QCOMPARE(ps["dtype"].toString(), QString("float64"));
        QCOMPARE(ps["shape"].toArray()[1].toInt(), 12);
        QCOMPARE(o["properties"].toArray().size(), 2); // forces (atom), energy (structure)
    }
    void lonelyArrayFileListsArrays() {
        const Run r = run({LE_TEST_DATA_DIR "/io/deflated.npz", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray arrays = QJsonDocument::fromJson(r.out.toUtf8()).object()["arrays"].toArray();
        QCOMPARE(arrays.size(), 3);
        QCOMPARE(arrays[1].toObject()["dtype"].toString(), QString("float32"));
    }
    void errorsGoToStderrWithExitCode2() {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.xyz");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("2\n\nH 0 0 0\nH 0 x 0\n");
        f.close();
        const Run r = run({bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("bad.xyz, line 4, frame 1"), qPrintable(r.err));
        QCOMPARE(run({}).exitCode, 2);
        QCOMPARE(run({dir.filePath("missing.xyz")}).exitCode, 2);
        QCOMPARE(run({demoDir + "manif-minus-plus.extxyz", "--bogus"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "test_cli_info.moc"
