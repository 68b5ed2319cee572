// GFRE/GFRD/LFRE on awkward synthetic inputs (n < d, rank deficiency, ill-conditioning,
// float32, k ≥ n_train, duplicated rows, constant columns, explicit indices, other
// estimators), against values from the independent numpy reference (make_fixtures.py),
// plus hand-checkable cases: Y = X·rotation and zero variance.
#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <Eigen/QR>

#include "core/metrics/pair_measures.h"
#include "core/util/error.h"
#include "core/io/npy.h"

using namespace le;

static std::string generated(const QString& name) {
    return std::string(LE_TEST_DATA_DIR) + "/metrics/generated/" + name.toStdString();
}
static bool close(double ours, double ref) { return std::abs(ours - ref) <= 1e-7 * std::abs(ref) + 1e-9; }

class TestMetricsSynthetic : public QObject {
    Q_OBJECT
private slots:
    void matchesNumpyReference_data() {
        QTest::addColumn<QJsonObject>("spec");
        QFile f(QString::fromStdString(std::string(LE_TEST_DATA_DIR) + "/metrics/expected.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QJsonValue& v : QJsonDocument::fromJson(f.readAll()).object()["cases"].toArray()) {
            const QJsonObject c = v.toObject();
            QTest::newRow((c["name"].toString() + "/" + c["measure"].toString()).toUtf8()) << c;
        }
    }
    void matchesNumpyReference() {
        QFETCH(QJsonObject, spec);
        const NpyArray xa = readNpy(generated(spec["source"].toString()));
        const MatrixD X = xa.toMatrixD(), Y = readNpy(generated(spec["target"].toString())).toMatrixD();
        if (spec["name"].toString() == "float32") QCOMPARE(xa.type, NpyType::Float32);

        MetricSettings settings;
        settings.lfreK = spec["k"].toInt();
        const QJsonObject est = spec["estimator"].toObject();
        if (est["kind"] == "lstsq") settings.estimator.kind = EstimatorKind::LeastSquares;
        if (est["kind"] == "ridge") {
            settings.estimator.kind = EstimatorKind::RidgeFixedAlpha;
            settings.estimator.regularization = Regularization::Tikhonov;
            settings.estimator.fixedAlpha = est["relative_alpha"].toDouble();
        }
        if (est["regularization"] == "tikhonov") settings.estimator.regularization = Regularization::Tikhonov;

        std::vector<long long> train, test;
        if (spec["train_idx"].isString()) train = readNpy(generated(spec["train_idx"].toString())).toIndices();
        if (spec["test_idx"].isString()) test = readNpy(generated(spec["test_idx"].toString())).toIndices();
        const TrainTestSplit split = train.empty() && test.empty() ? skmatterDefaultSplit(X.rows())
                                                                   : explicitSplit(X.rows(), train, test);
        const QString m = spec["measure"].toString();
        const Measure measure = m == "gfre" ? Measure::GFRE : m == "gfrd" ? Measure::GFRD : Measure::LFRE;
        const PairMeasure r = computePairMeasure(measure, X, Y, split, settings);

        const Eigen::VectorXd ref = readNpy(generated(spec["pointwise"].toString())).toMatrixD().col(0);
        QCOMPARE(r.pointwise.size(), ref.size());
        for (Eigen::Index i = 0; i < ref.size(); ++i)
            if (!close(r.pointwise[i], ref[i]))
                QFAIL(qPrintable(QString("pointwise %1: ours %2, reference %3")
                                     .arg(i).arg(r.pointwise[i], 0, 'g', 17).arg(ref[i], 0, 'g', 17)));
        const double value = spec["value"].toDouble();
        QVERIFY2(close(r.value, value), qPrintable(QString("ours %1, reference %2")
                                                       .arg(r.value, 0, 'g', 17).arg(value, 0, 'g', 17)));
    }

    void rotationIsReconstructedExactly() {
        // Y = X·R with R orthogonal: the linear map is exact (GFRE ≈ 0) and orthogonal (GFRD ≈ 0).
        std::srand(3);
        const MatrixD X = Eigen::MatrixXd::Random(120, 10);
        const Eigen::MatrixXd R = Eigen::HouseholderQR<Eigen::MatrixXd>(Eigen::MatrixXd::Random(10, 10)).householderQ();
        const MatrixD Y = X * R;
        const TrainTestSplit split = skmatterDefaultSplit(120);
        MetricSettings s;
        QVERIFY(computePairMeasure(Measure::GFRE, X, Y, split, s).value < 1e-10);
        QVERIFY(computePairMeasure(Measure::GFRD, X, Y, split, s).value < 1e-10);
        s.lfreK = 40; // k well above d: the local fits are exact too
        QVERIFY(computePairMeasure(Measure::LFRE, X, Y, split, s).value < 1e-10);
    }

    void zeroVarianceIsAClearError() {
        const MatrixD X = MatrixD::Constant(20, 3, 1.5);
        const MatrixD Y = Eigen::MatrixXd::Random(20, 2);
        try {
            computePairMeasure(Measure::GFRE, X, Y, skmatterDefaultSplit(20), MetricSettings{});
            QFAIL("zero variance accepted");
        } catch (const ComputeError& e) {
            QVERIFY(QString(e.what()).contains("zero variance"));
            QVERIFY(QString(e.what()).contains("source"));
        }
    }

    void lfreRejectsBadK() {
        const MatrixD X = Eigen::MatrixXd::Random(20, 3), Y = Eigen::MatrixXd::Random(20, 2);
        MetricSettings s;
        s.lfreK = 21; // more than the 20 samples (skmatter checks the whole X)
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 computePairMeasure(Measure::LFRE, X, Y, skmatterDefaultSplit(20), s));
        s.lfreK = 0; // default min(dx, dy) = 2 is valid
        QCOMPARE(computePairMeasure(Measure::LFRE, X, Y, skmatterDefaultSplit(20), s).k, 2LL);
    }
};

QTEST_APPLESS_MAIN(TestMetricsSynthetic)
#include "test_metrics_synthetic.moc"
