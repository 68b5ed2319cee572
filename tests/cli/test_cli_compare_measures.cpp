// `latent-explorer compare` with the measures beyond linear reconstruction: the JSON carries the
// numpy reference values (tests/data/metrics/extended/expected.json, "engine" and "all_rows"),
// intrinsic_dimension, kgfre and model_map; CSV and HDF5 hold the same; bad options exit 2
// with a message naming the option or file.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/hdf5_project.h"
#include "core/io/npy.h"

namespace {

const QString data = LE_TEST_DATA_DIR "/metrics/extended/";
const QStringList inputs{data + "rows80.extxyz", data + "set_A.npy", data + "set_B.npy", data + "set_C.npy"};

struct Run {
    int exitCode;
    QString out, err;
};

Run run(const QStringList& args) {
    QProcess p;
    p.start(LE_EXECUTABLE, QStringList{"compare"} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool close(double ours, double ref) { return std::abs(ours - ref) <= 1e-10 * std::abs(ref); }

} // namespace

class TestCliCompareMeasures : public QObject {
    Q_OBJECT
    const QJsonObject ref = readJson(data + "expected.json");

private slots:
    void jsonHoldsEveryMeasure() {
        QTemporaryDir dir;
        const QString out = dir.filePath("r.json");
        const Run r = run(inputs + QStringList{"--measures", "kgfre,cka,dcka,procrustes,ii,id", "--landmarks", "30",
                                               "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = readJson(out), m = j["measures"].toObject();
        QCOMPARE(m.keys(), (QStringList{"cka", "dcka", "ii", "kgfre", "procrustes"}));
        const QJsonObject engine = ref["engine"].toObject(), all = ref["all_rows"].toObject();
        for (const QString s : {"A", "B", "C"}) {
            QVERIFY(close(j["intrinsic_dimension"].toObject()["set_" + s].toDouble(), engine["id"].toObject()[s].toDouble()));
            QVERIFY(close(j["kgfre"].toObject()["gamma"].toObject()["set_" + s].toDouble(),
                          engine["kgfre_gamma"].toObject()[s].toDouble()));
            for (const QString t : {"A", "B", "C"}) {
                auto value = [&](const char* measure) {
                    return m[measure].toObject()["set_" + s].toObject()["set_" + t].toDouble();
                };
                QVERIFY(close(value("kgfre"), engine["kgfre"].toObject()[s + t].toDouble()));
                QVERIFY(close(value("ii"), engine["ii"].toObject()[s + t].toDouble()));
                QVERIFY(close(value("cka"), all[s + t].toObject()["cka"].toDouble()));
                QVERIFY(close(value("dcka"), all[s + t].toObject()["dcka"].toDouble()));
                if (s != t) QVERIFY(close(value("procrustes"), all[s + t].toObject()["procrustes"].toDouble()));
            }
        }
        QCOMPARE(j["kgfre"].toObject()["landmarks"].toInt(), 30);
        const QJsonObject map = j["model_map"].toObject();
        QCOMPARE(map["names"].toArray().size(), 3);
        QCOMPARE(map["mds"].toArray().size(), 3);
        const QJsonArray merges = map["dendrogram"].toArray();
        QCOMPARE(merges.size(), 2);
        QCOMPARE(merges[0].toObject()["left"].toInt(), 0);
        QCOMPARE(merges[0].toObject()["right"].toInt(), 1);
        QVERIFY(close(merges[0].toObject()["height"].toDouble(), all["AB"].toObject()["procrustes"].toDouble()));
        QCOMPARE(merges[1].toObject()["size"].toInt(), 3);
        // The MDS distance of the first pair is at most its θ (a 2-D projection of a 3-point
        // configuration is exact when the θ matrix is Euclidean, as three points always are).
        const QJsonArray a = map["mds"].toArray()[0].toArray(), b = map["mds"].toArray()[1].toArray();
        QVERIFY(std::abs(std::hypot(a[0].toDouble() - b[0].toDouble(), a[1].toDouble() - b[1].toDouble()) -
                         all["AB"].toObject()["procrustes"].toDouble()) < 1e-10);
    }

    void csvAndProjectFile() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("r.csv"), h5 = dir.filePath("r.h5");
        QCOMPARE(run(inputs + QStringList{"--measures", "procrustes,id", "--out", csv}).exitCode, 0);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 9 + 3);
        QCOMPARE(lines.filter("id,set_B,,").size(), 1);
        const QString idLine = lines.filter("id,set_B,,").value(0);
        QVERIFY(close(idLine.section(',', 3, 3).toDouble(), ref["engine"].toObject()["id"].toObject()["B"].toDouble()));

        QCOMPARE(run(inputs + QStringList{"--measures", "procrustes,id", "--out", h5}).exitCode, 0);
        const le::Project p = le::readProject(h5.toStdString());
        QCOMPARE(p.results.size(), std::size_t(1));
        const auto& arrays = p.results[0].arrays;
        QVERIFY(arrays.count("procrustes") && arrays.count("model_map_mds") && arrays.count("model_map_dendrogram"));
        QCOMPARE(arrays.at("model_map_dendrogram").rows(), 2);
        QCOMPARE(arrays.at("model_map_dendrogram")(0, 2), arrays.at("procrustes")(0, 1)); // A–B merge at θ(A, B)
        QVERIFY(close(arrays.at("intrinsic_dimension")(2, 0), ref["engine"].toObject()["id"].toObject()["C"].toDouble()));
    }

    void badOptionsExitTwo() {
        const auto fails = [&](const QStringList& extra, const QString& mentions) {
            const Run r = run(inputs + extra);
            return r.exitCode == 2 && r.err.contains(mentions);
        };
        QVERIFY(fails({"--measures", "gfre", "--landmarks", "10"}, "only used by the kgfre"));
        QVERIFY(fails({"--measures", "kgfre", "--landmarks", "1"}, "--landmarks"));
        QVERIFY(fails({"--measures", "kgfre", "--gamma", "-1"}, "--gamma"));
        QVERIFY(fails({"--measures", "kgfre", "--landmarks", "5", "--landmarks-idx", data + "kgfre_landmark_rows.npy"},
                      "not both"));
        QVERIFY(fails({"--measures", "kgfre", "--landmarks-idx", data + "missing.npy"}, "missing.npy"));
        QVERIFY(fails({"--measures", "cka,wat"}, "unknown measure 'wat'"));
        // The first row of that file is a test row of the default split: not a landmark.
        QVERIFY(fails({"--measures", "kgfre", "--landmarks-idx", data + "test_row_landmarks.npy"}, "not a train row"));
    }
};

QTEST_GUILESS_MAIN(TestCliCompareMeasures)
#include "test_cli_compare_measures.moc"
