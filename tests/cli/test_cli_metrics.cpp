// `latent-explorer metrics` and `compare`: the printed values equal scikit-matter's reference
// (metrics.json), index files and --pointwise work, the paper-style stratified split is
// exact, and user errors exit 2 naming the file.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/hdf5_project.h"
#include "core/io/stored_comparison.h"
#include "core/io/npy.h"
#include "helpers/cli_process.h"

namespace {

const QString data = LE_TEST_DATA_DIR "/metrics/";
const QString ps = data + "ch4_power_spectrum.npy";
const QString bs = data + "ch4_bispectrum.npy";
const QString carbons = data + "ch4_carbons.extxyz";

using Run = le::test::CliRun;
Run run(const QString& command, const QStringList& args) { return le::test::runCli(command, args); }
bool close(double ours, double ref) { return le::test::closeToReference(ours, ref); }

} // namespace

class TestCliMetrics : public QObject {
    Q_OBJECT
private slots:
    void metricsPrintsSkmatterValues() {
        const Run gfre = run("metrics", {"--measure", "gfre", "--source", ps, "--target", bs, "--json"});
        QCOMPARE(gfre.exitCode, 0);
        const QJsonObject j = gfre.json();
        QCOMPARE(j["measure"].toString(), QString("gfre"));
        QVERIFY(close(j["value"].toDouble(), 0.22908196202476652));
        QCOMPARE(j["n_train"].toInt(), 81);
        QCOMPARE(j["n_test"].toInt(), 81);
        QVERIFY(j["regularization"].toObject().contains("alpha"));

        const Run gfrd = run("metrics", {"--measure", "gfrd", "--source", bs, "--target", ps});
        QCOMPARE(gfrd.exitCode, 0);
        QVERIFY(close(gfrd.json()["value"].toDouble(), 0.2301912940350481));
    }

    void lfreWithPointwiseOutput() {
        QTemporaryDir dir;
        const QString out = dir.filePath("pw.npy");
        const Run r = run("metrics", {"--measure", "lfre", "--source", ps, "--target", bs, "--k", "20",
                                      "--pointwise", out, "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()["k"].toInt(), 20);
        QVERIFY(close(r.json()["value"].toDouble(), 0.1727092667981977));
        QVERIFY(r.err.contains("LFRE")); // progress on stderr
        const le::MatrixD mine = le::readNpy(out.toStdString()).toMatrixD();
        const le::MatrixD ref = le::readNpy((data + "ch4_ps_to_bs_lfre_k20_pointwise.npy").toStdString()).toMatrixD();
        QCOMPARE(mine.rows(), Eigen::Index(81));
        for (Eigen::Index i = 0; i < 81; ++i) QVERIFY(close(mine(i, 0), ref(i, 0)));
    }

    void indexFilesAreUsedInOrder() {
        // The explicit fixture of make_fixtures.py: custom-order train and test indices.
        const QString g = data + "generated/";
        const Run r = run("metrics", {"--measure", "gfre", "--source", g + "explicit_X.npy", "--target",
                                      g + "explicit_Y.npy", "--train-idx", g + "explicit_train.npy", "--test-idx",
                                      g + "explicit_test.npy", "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(close(r.json()["value"].toDouble(), 0.30484170990615694));
        QCOMPARE(r.json()["n_train"].toInt(), 45);
        QCOMPARE(r.json()["n_test"].toInt(), 25);
    }

    void metricsUserErrorsExit2() {
        const Run missing = run("metrics", {"--measure", "gfre", "--source", data + "nope.npy", "--target", bs});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("nope.npy"));
        const Run rows = run("metrics", {"--measure", "gfre", "--source", data + "csd_soap.npy", "--target", bs});
        QCOMPARE(rows.exitCode, 2);
        QVERIFY(rows.err.contains("ch4_bispectrum.npy") && rows.err.contains("500"));
        const Run measure = run("metrics", {"--measure", "mse", "--source", ps, "--target", bs});
        QCOMPARE(measure.exitCode, 2);
        QVERIFY(measure.err.contains("--measure"));
        const Run k = run("metrics", {"--measure", "lfre", "--source", ps, "--target", bs, "--k", "500"});
        QCOMPARE(k.exitCode, 2);
        QVERIFY(k.err.contains("exceeds"));
        QVERIFY(k.out.isEmpty());
    }

    void compareDefaultSplitMatchesReference() {
        QTemporaryDir dir;
        const QString out = dir.filePath("result.json");
        const Run r = run("compare", {carbons, ps, bs, "--out", out});
        QCOMPARE(r.exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject m = j["measures"].toObject();
        auto value = [&](const char* measure, const char* s, const char* t) {
            return m[measure].toObject()[s].toObject()[t].toDouble();
        };
        QVERIFY(close(value("gfre", "ch4_power_spectrum", "ch4_bispectrum"), 0.22908196202476652));
        QVERIFY(close(value("gfre", "ch4_bispectrum", "ch4_power_spectrum"), 5.063985164870567e-10));
        QVERIFY(close(value("gfrd", "ch4_power_spectrum", "ch4_bispectrum"), 0.02254508186861739));
        QVERIFY(close(value("lfre", "ch4_power_spectrum", "ch4_bispectrum"), 0.18986453550375007)); // k = 12
        // The diagonal (self-reconstruction) is computed: ref_fre.py gfre bs.npy bs.npy gives ~5e-10.
        QVERIFY(m["gfre"].toObject()["ch4_bispectrum"].toObject()["ch4_bispectrum"].isDouble());
        QVERIFY(std::abs(value("gfre", "ch4_bispectrum", "ch4_bispectrum")) < 1e-8);
        QCOMPARE(j["split"].toObject()["n_test"].toInt(), 81);
        QVERIFY(r.out.contains("gfre (rows: source, columns: target)"));
    }

    void compareWithoutDiagonal() {
        QTemporaryDir dir;
        const QString json = dir.filePath("result.json"), csv = dir.filePath("result.csv");
        QCOMPARE(run("compare", {carbons, ps, bs, "--measures", "gfre", "--no-diagonal", "--out", json}).exitCode, 0);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject gfre = QJsonDocument::fromJson(f.readAll()).object()["measures"].toObject()["gfre"].toObject();
        QVERIFY(gfre["ch4_bispectrum"].toObject()["ch4_bispectrum"].isNull());
        QVERIFY(gfre["ch4_power_spectrum"].toObject()["ch4_power_spectrum"].isNull());
        QVERIFY(close(gfre["ch4_power_spectrum"].toObject()["ch4_bispectrum"].toDouble(), 0.22908196202476652));
        // CSV: only the two computed pairs; the printed table shows '-' on the diagonal.
        const Run r = run("compare", {carbons, ps, bs, "--measures", "gfre", "--no-diagonal", "--out", csv});
        QCOMPARE(r.exitCode, 0);
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(c.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].startsWith("gfre,ch4_power_spectrum,ch4_bispectrum,0.2290819620"));
        QVERIFY(lines[2].startsWith("gfre,ch4_bispectrum,ch4_power_spectrum,"));
        QVERIFY(r.out.contains(QRegularExpression("ch4_power_spectrum +- ")));
    }

    void compareStratifiedCsv() {
        QTemporaryDir dir;
        const QString out = dir.filePath("result.csv");
        const Run r = run("compare", {carbons, ps, bs, "--measures", "gfre", "--test-size", "41", "--stratify-by",
                                      "subset", "--seed", "3", "--out", out});
        QCOMPARE(r.exitCode, 0);
        const auto test = le::readNpy(dir.filePath("result.test_idx.npy").toStdString()).toIndices();
        QCOMPARE(test.size(), std::size_t(41));
        // 81 "minus" and 81 "plus": shares 20.5 each, the tie goes to the first label.
        const auto minus = std::count_if(test.begin(), test.end(), [](long long i) { return i < 81; });
        QVERIFY(minus == 20 || minus == 21);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 5); // 2 × 2 pairs, the diagonal (self-reconstruction, ≈ 0) included
        QCOMPARE(lines[0], QString("measure,source,target,value,k"));
        QVERIFY(lines[1].startsWith("gfre,ch4_power_spectrum,ch4_power_spectrum,"));
        QVERIFY(std::abs(lines[1].section(',', 3, 3).toDouble()) < 1e-8);
        QVERIFY(lines[2].startsWith("gfre,ch4_power_spectrum,ch4_bispectrum,0.2"));

        // The same split through `metrics` with the written index files gives the same value.
        const Run single = run("metrics", {"--measure", "gfre", "--source", ps, "--target", bs, "--train-idx",
                                           dir.filePath("result.train_idx.npy"), "--test-idx",
                                           dir.filePath("result.test_idx.npy"), "--json"});
        QCOMPARE(single.exitCode, 0);
        QVERIFY(close(single.json()["value"].toDouble(), lines[2].section(',', 3, 3).toDouble()));
    }

    void compareWritesAProjectFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath("result.h5");
        const Run r = run("compare", {carbons, ps, bs, "--measures", "gfre,lfre", "--out", out});
        QCOMPARE(r.exitCode, 0);
        const le::Project p = le::readProject(out.toStdString());
        QCOMPARE(p.dataset.atomCount(), Eigen::Index(162));
        QCOMPARE(p.results.size(), std::size_t(1));
        const le::StoredResult& s = p.results[0];
        // The comparison as the GUI saves it (core/io/stored_comparison.h), so the GUI opens it.
        QCOMPARE(s.name, std::string("comparison"));
        QCOMPARE(s.attributes.at("models"), std::string("[\"ch4_power_spectrum\",\"ch4_bispectrum\"]"));
        QVERIFY(close(s.arrays.at("gfre")(0, 1), 0.22908196202476652));
        QVERIFY(close(s.arrays.at("lfre")(1, 0), 4.1818300366187064e-10));
        QCOMPARE(s.arrays.at("test_indices").rows(), Eigen::Index(81));
        QVERIFY(!s.arrays.count("gfrd"));
        // Per-pair pointwise values (row s·n + t), their RMS is the matrix entry.
        const le::MatrixD& pointwise = s.arrays.at("lfre_pointwise");
        QCOMPARE(pointwise.cols(), Eigen::Index(81));
        QVERIFY(close(std::sqrt(pointwise.row(1).squaredNorm() / 81.0), s.arrays.at("lfre")(0, 1)));
        QCOMPARE(s.arrays.at("lfre_k")(0, 1), 12.0);
        const le::CompareOutput restored = le::comparisonFromStored(s, out.toStdString());
        QCOMPARE(restored.result->names, (std::vector<std::string>{"ch4_power_spectrum", "ch4_bispectrum"}));
        QCOMPARE(restored.result->settings.measures, (std::vector<le::Measure>{le::Measure::GFRE, le::Measure::LFRE}));
        QCOMPARE(restored.result->testIndices.size(), std::size_t(81));
    }

    void compareUserErrorsExit2() {
        const Run key = run("compare", {carbons, ps, bs, "--test-size", "10", "--stratify-by", "colour"});
        QCOMPARE(key.exitCode, 2);
        QVERIFY(key.err.contains("colour"));
        const Run one = run("compare", {carbons, ps});
        QCOMPARE(one.exitCode, 2);
        QVERIFY(one.err.contains("two"));
        QTemporaryDir dir;
        const QString existing = dir.filePath("keep.txt");
        QFile f(existing);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep");
        f.close();
        const Run format = run("compare", {carbons, ps, bs, "--measures", "gfre", "--out", existing});
        QCOMPARE(format.exitCode, 2);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("keep"));
    }
};

QTEST_GUILESS_MAIN(TestCliMetrics)
#include "test_cli_metrics.moc"
