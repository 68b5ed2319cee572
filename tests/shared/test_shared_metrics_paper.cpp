// The paper's protocol end to end on real data (needs ../shared, not in the default suite):
// 3BPA structures (botnet-3bpa/train_300K.xyz, 13 500 atoms) with the NequIP latent
// descriptors of ltau-ff (32 per atom) and a SOAP (234 columns) computed by `describe`; `compare` with a
// stratified 1000-atom test set and k = min(d). Values are checked against the numpy
// reference ../shared/tools/ref_fre.py run on the same arrays and the same split.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

#include "core/io/npy.h"

namespace {

const QString shared = LE_SHARED_DIR;
const QString structures = shared + "/data/botnet-3bpa/train_300K.xyz";
const QString nequip = shared + "/data/ltau-ff/descriptors_3BPA.npy";

struct Run {
    int exitCode;
    QByteArray out, err;
};

Run run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(-1);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

bool close(double ours, double ref) { return std::abs(ours - ref) <= 1e-7 * std::abs(ref) + 1e-9; }

} // namespace

class TestSharedMetricsPaper : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    QJsonObject result;

    // One source → target value against ref_fre.py on the split `compare` wrote.
    void checkAgainstNumpy(const QString& measure, int s) {
        const QStringList files{nequip, dir.filePath("soap.npy")};
        const QStringList names{"descriptors_3BPA", "soap"};
        QStringList args{shared + "/tools/ref_fre.py", measure, files[s], files[1 - s], "--train-idx",
                         dir.filePath("train.npy"), "--test-idx", dir.filePath("test.npy")};
        if (measure == "lfre") args << "--k" << "32";
        const Run ref = run("/usr/bin/python3", args);
        QVERIFY2(ref.exitCode == 0, ref.err.constData());
        const double expected = QJsonDocument::fromJson(ref.out).object()["value"].toDouble();
        const double ours =
            result["measures"].toObject()[measure].toObject()[names[s]].toObject()[names[1 - s]].toDouble();
        QVERIFY2(close(ours, expected), qPrintable(QString("%1 %2: ours %3, numpy %4")
                                                       .arg(measure, names[s]).arg(ours, 0, 'g', 17)
                                                       .arg(expected, 0, 'g', 17)));
    }

private slots:
    void paperProtocolEndToEnd() {
        const QString soap = dir.filePath("soap.npy");
        const Run d = run(LE_EXECUTABLE, {"describe", structures, "--soap", "n_max=3,l_max=2,r_cut=4.5", "--out", soap});
        QVERIFY2(d.exitCode == 0, d.err.constData());

        const QString resultFile = dir.filePath("paper.json");
        const Run c = run(LE_EXECUTABLE, {"compare", structures, nequip, soap, "--test-size", "1000", "--stratify-by",
                                          "species", "--seed", "0", "--out", resultFile});
        QVERIFY2(c.exitCode == 0, c.err.constData());
        QVERIFY(c.err.contains("100%"));
        QFile f(resultFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        result = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject& j = result;

        // The split: exactly 1000 test atoms, each element within one atom of its exact share.
        const QJsonObject split = j["split"].toObject();
        QCOMPARE(split["n_test"].toInt(), 1000);
        QCOMPARE(split["n_train"].toInt(), 12500);
        std::vector<long long> test, train;
        for (const auto& v : split["test_indices"].toArray()) test.push_back((long long)v.toDouble());
        for (const auto& v : split["train_indices"].toArray()) train.push_back((long long)v.toDouble());
        // 3BPA (C12H15N3O... per molecule: 27 atoms) frames repeat the same atom order, so
        // the species of row r is the species of atom r % 27 of the first frame.
        QFile xyz(structures);
        QVERIFY(xyz.open(QIODevice::ReadOnly));
        xyz.readLine();
        xyz.readLine();
        std::vector<QByteArray> species;
        for (int a = 0; a < 27; ++a) species.push_back(xyz.readLine().simplified().split(' ')[0]);
        std::map<QByteArray, int> all, inTest;
        for (int r = 0; r < 13500; ++r) ++all[species[std::size_t(r % 27)]];
        for (long long r : test) ++inTest[species[std::size_t(r % 27)]];
        for (const auto& [s, n] : all) QVERIFY(std::abs(inTest[s] - 1000.0 * n / 13500.0) < 1.0);

        // k = min(32, 234); the split is kept for the numpy checks below.
        QCOMPARE(j["lfre_k"].toObject()["descriptors_3BPA"].toObject()["soap"].toInt(), 32);
        le::writeNpy(dir.filePath("train.npy").toStdString(), train);
        le::writeNpy(dir.filePath("test.npy").toStdString(), test);
    }
    // One function per value: each stays well under QtTest's 5-minute watchdog.
    void gfreNequipToSoapEqualsNumpy() { checkAgainstNumpy("gfre", 0); }
    void gfreSoapToNequipEqualsNumpy() { checkAgainstNumpy("gfre", 1); }
    void lfreNequipToSoapEqualsNumpy() { checkAgainstNumpy("lfre", 0); }
    void lfreSoapToNequipEqualsNumpy() { checkAgainstNumpy("lfre", 1); }
};

// The numpy reference runs on 12 500 train rows with unoptimised BLAS: allow more than
// QtTest's default 5 minutes per function on a busy machine.
int main(int argc, char** argv) {
    qputenv("QTEST_FUNCTION_TIMEOUT", "1200000");
    QCoreApplication app(argc, argv);
    TestSharedMetricsPaper test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_shared_metrics_paper.moc"
