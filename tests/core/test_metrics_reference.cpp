// GFRE, GFRD and LFRE against scikit-matter's own numbers (tests/data/metrics/metrics.json,
// computed by skmatter v0.2.0 with its defaults): every aggregate and every pointwise value
// within 1e-7·|ref| + 1e-9.
//
// One exception, csd_soap_to_shielding LFRE k=50 (the case metrics.json marks "exact
// distance ties"): at test points 136 and 148 the neighbourhood holds duplicated source
// rows with different targets, and the reference ordered two of them differently from the
// stable rule of metrics.md §12 (checked by hand: swapping one tied pair reproduces the
// reference there). The independent ref_fre.py with the stable rule gives exactly our
// values at all 250 points; test_metrics_synthetic checks that case in full
// ("csd_stable_ties"). Here the other 248 points must match skmatter.
#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <set>

#include "core/metrics/pair_measures.h"
#include "core/io/npy.h"

using namespace le;

static std::string dataPath(const std::string& name) {
    return std::string(LE_TEST_DATA_DIR) + "/metrics/" + name;
}
static MatrixD loadMatrix(const std::string& name) { return readNpy(dataPath(name)).toMatrixD(); }

static bool close(double ours, double ref) { return std::abs(ours - ref) <= 1e-7 * std::abs(ref) + 1e-9; }

class TestMetricsReference : public QObject {
    Q_OBJECT
private slots:
    void matchesScikitMatter_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("measure");
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("pointwise");
        QTest::addColumn<bool>("tieCase");
        QFile f(QString::fromStdString(dataPath("metrics.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        const std::map<QString, QString> files{{"ch4_ps", "ch4_power_spectrum.npy"},
                                               {"ch4_bs", "ch4_bispectrum.npy"},
                                               {"csd_soap", "csd_soap.npy"},
                                               {"csd_shielding", "csd_shielding.npy"}};
        for (const QJsonValue& v : root["cases"].toArray()) {
            const QJsonObject c = v.toObject();
            const QStringList parts = c["case"].toString().split("_to_");
            const QString prefix = parts[0].section('_', 0, 0) + "_";
            const QString name = c["case"].toString() + "/" + c["measure"].toString() + "/k" +
                                 QString::number(c["k"].toInt());
            QTest::newRow(name.toUtf8()) << files.at(parts[0]) << files.at(prefix + parts[1])
                                         << c["measure"].toString() << c["k"].toInt()
                                         << c["value"].toDouble() << c["pointwise"].toString()
                                         << c["note"].toString().contains("ties");
        }
    }
    void matchesScikitMatter() {
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, measure);
        QFETCH(int, k);
        QFETCH(double, value);
        QFETCH(QString, pointwise);
        QFETCH(bool, tieCase);
        const MatrixD X = loadMatrix(source.toStdString()), Y = loadMatrix(target.toStdString());
        MetricSettings settings;
        settings.lfreK = k;
        const Measure m = measure == "gfre" ? Measure::GFRE : measure == "gfrd" ? Measure::GFRD : Measure::LFRE;
        const PairMeasure r = computePairMeasure(m, X, Y, skmatterDefaultSplit(X.rows()), settings);
        const Eigen::VectorXd ref = readNpy(dataPath(pointwise.toStdString())).toMatrixD().col(0);
        QCOMPARE(r.pointwise.size(), ref.size());
        const std::set<Eigen::Index> tiedOrderDiffers = tieCase ? std::set<Eigen::Index>{136, 148}
                                                                : std::set<Eigen::Index>{};
        for (Eigen::Index i = 0; i < ref.size(); ++i)
            if (!close(r.pointwise[i], ref[i]) && !tiedOrderDiffers.count(i))
                QFAIL(qPrintable(QString("pointwise %1: ours %2, skmatter %3")
                                     .arg(i).arg(r.pointwise[i], 0, 'g', 17).arg(ref[i], 0, 'g', 17)));
        if (tieCase) {
            QVERIFY(!close(r.pointwise[136], ref[136])); // still the documented difference
            return;
        }
        QVERIFY2(close(r.value, value), qPrintable(QString("ours %1, skmatter %2")
                                                       .arg(r.value, 0, 'g', 17).arg(value, 0, 'g', 17)));
    }
};

QTEST_APPLESS_MAIN(TestMetricsReference)
#include "test_metrics_reference.moc"
