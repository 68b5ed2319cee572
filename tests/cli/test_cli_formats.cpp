// Model outputs on the command line: `info` lists an HDF5 file's datasets and a metatensor
// file's blocks, `compare` takes file.h5:/group/dataset and .mts arguments (scikit-matter's
// CH4 values come out), and bad inputs exit with code 2 and a message naming file and frame.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "helpers/cli_process.h"

namespace {
const QString formats = LE_TEST_DATA_DIR "/formats/";

using Run = le::test::CliRun;
Run run(const QString& command, const QStringList& args) { return le::test::runCli(command, args); }
bool close(double ours, double ref) { return le::test::closeToReference(ours, ref); }
} // namespace

class TestCliFormats : public QObject {
    Q_OBJECT
private slots:
    void infoListsHdf5Datasets() {
        const Run text = run("info", {formats + "generic.h5"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QRegularExpression("/group/per_atom +\\(7, 5\\) +float64")), qPrintable(text.out));
        QVERIFY(text.out.contains(QRegularExpression("/nested/deep/three_d +\\(3, 3, 4\\) +float64")));
        const Run json = run("info", {formats + "dp_embed.h5", "--json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray arrays = QJsonDocument::fromJson(json.out.toUtf8()).object()["arrays"].toArray();
        QCOMPARE(arrays.size(), 8); // 2 systems × (atom_types, atomic_feature, descriptor, structural_feature)
        QCOMPARE(arrays[2].toObject()["name"].toString(), QString("/sys_a/descriptor"));
        QCOMPARE(arrays[2].toObject()["dtype"].toString(), QString("float32"));
        QCOMPARE(arrays[2].toObject()["shape"].toArray().size(), 3);
        const Run mts = run("info", {formats + "per_species.mts"});
        QCOMPARE(mts.exitCode, 0);
        QVERIFY2(mts.out.contains(QRegularExpression("blocks/0/values.npy \\[samples: system,atom,tensor\\] +\\(4, 4\\) +float64")),
                 qPrintable(mts.out));
    }
    void infoWithFeatureFiles() {
        const Run r = run("info", {formats + "structures.xyz", formats + "pet_features.mts",
                                   formats + "generic.h5:/group/per_frame", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray sets = QJsonDocument::fromJson(r.out.toUtf8()).object()["feature_sets"].toArray();
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets[0].toObject()["name"].toString(), QString("pet_features"));
        QCOMPARE(sets[0].toObject()["level"].toString(), QString("atom"));
        QCOMPARE(sets[1].toObject()["name"].toString(), QString("generic/group/per_frame"));
        QCOMPARE(sets[1].toObject()["level"].toString(), QString("structure"));
        QCOMPARE(sets[1].toObject()["origin"].toString(), QString("generic.h5:/group/per_frame"));
    }
    void compareHdf5DatasetAndMetatensor() {
        QTemporaryDir dir;
        const QString out = dir.filePath("result.json");
        const Run r = run("compare", {LE_TEST_DATA_DIR "/metrics/ch4_carbons.extxyz", formats + "ch4_soap.h5:/soap/power_spectrum",
                                      formats + "ch4_bispectrum.mts", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object()["measures"].toObject();
        auto value = [&](const char* measure, const char* s, const char* t) {
            return m[measure].toObject()[s].toObject()[t].toDouble();
        };
        // scikit-matter's values (tests/data/metrics/metrics.json), as test_cli_metrics gets them from .npy.
        const char* ps = "ch4_soap/soap/power_spectrum";
        QVERIFY(close(value("gfre", ps, "ch4_bispectrum"), 0.22908196202476652));
        QVERIFY(close(value("gfre", "ch4_bispectrum", ps), 5.063985164870567e-10));
        QVERIFY(close(value("gfrd", ps, "ch4_bispectrum"), 0.02254508186861739));
        QVERIFY(close(value("lfre", ps, "ch4_bispectrum"), 0.18986453550375007));
    }
    void badInputsExitWithCode2() {
        const Run missing = run("info", {formats + "structures.xyz", formats + "missing_atom.mts"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.out.isEmpty());
        QVERIFY2(missing.err.contains("missing_atom.mts: frame 2 has 3 atoms in structures.xyz but 2 in missing_atom.mts"),
                 qPrintable(missing.err));
        const Run frames = run("compare", {formats + "deepmd_frame2_has_4_atoms.xyz", formats + "deepmd_desc.npy",
                                           formats + "dp_embed.h5"});
        QCOMPARE(frames.exitCode, 2);
        QVERIFY2(frames.err.contains("frame 2 has 4 atoms in deepmd_frame2_has_4_atoms.xyz but 3 in deepmd_desc.npy"),
                 qPrintable(frames.err));
        QTemporaryDir dir;
        QFile bad(dir.filePath("unknown.xyz"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("1\n\nXx 0 0 0\n");
        bad.close();
        const Run element = run("info", {bad.fileName()});
        QCOMPARE(element.exitCode, 2);
        QVERIFY2(element.err.contains("unknown.xyz, line 3, frame 1: column 1 (species) of atom 1 is \"Xx\", expected an element symbol"),
                 qPrintable(element.err));
        const Run dataset = run("info", {formats + "structures.xyz", formats + "generic.h5:/group/nothing"});
        QCOMPARE(dataset.exitCode, 2);
        QVERIFY2(dataset.err.contains("generic.h5, /group/nothing: no such dataset"), qPrintable(dataset.err));
    }
};

QTEST_GUILESS_MAIN(TestCliFormats)
#include "test_cli_formats.moc"
