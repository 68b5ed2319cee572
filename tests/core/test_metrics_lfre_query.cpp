// The reusable on-demand LFRE context: the streamed scaler equals the one fitted on the
// gathered rows, and one context serves several targets and query batches with the same
// values as the standard pointwise LFRE (skmatter's CH4 reference pair included).
#include <QtTest>

#include "core/io/npy.h"
#include "core/metrics/lfre_on_demand.h"
#include "core/metrics/pair_measures.h"
#include "core/util/error.h"

using namespace le;

static MatrixD load(const std::string& name) {
    return readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/" + name).toMatrixD();
}
static bool close(double ours, double ref) { return std::abs(ours - ref) <= 1e-7 * std::abs(ref) + 1e-9; }

class TestMetricsLfreQuery : public QObject {
    Q_OBJECT

private slots:
    void streamedScalingEqualsTheGatheredFit() {
        // 10 000 rows so that several chunks and threads take part; float32 storage.
        MatrixF data(10000, 3);
        for (int i = 0; i < 10000; ++i)
            for (int j = 0; j < 3; ++j) data(i, j) = float(1e3 * (j + 1) + std::sin(0.37 * i * (j + 2)));
        const FeatureSet set{"s", Level::Atom, data, "s.npy"};
        std::vector<long long> rows;
        for (long long i = 9999; i >= 0; i -= 3) rows.push_back(i);
        const Scaling gathered =
            fitScaling(MatrixD(data.cast<double>())(rows, Eigen::all), ScalerKind::StandardFlexible, "s");
        const Scaling streamed = streamedScaling(set, rows, ScalerKind::StandardFlexible, "s");
        QVERIFY(std::abs(streamed.scale - gathered.scale) <= 1e-12 * gathered.scale);
        QVERIFY((streamed.mean - gathered.mean).cwiseAbs().maxCoeff() <= 1e-12 * 3e3);
        // Hand value: the mean of column 0 is 1000 + mean(sin), total variance = Σ_j var(sin).
        QVERIFY(std::abs(streamed.mean[0] - 1000.0) < 0.05);
        const Scaling none = streamedScaling(set, rows, ScalerKind::None, "s");
        QCOMPARE(none.scale, 1.0);
        QCOMPARE(none.mean.size(), Eigen::Index(3));
        QCOMPARE(none.mean.norm(), 0.0);
        const FeatureSet flat{"flat", Level::Atom, MatrixD(MatrixD::Constant(10, 2, 4.0)), "flat.npy"};
        QVERIFY_THROWS_EXCEPTION(ComputeError, streamedScaling(flat, {0, 1, 2}, ScalerKind::StandardFlexible, "flat"));
    }

    void oneContextServesSeveralTargetsAndBatches() {
        const MatrixD ps = load("ch4_power_spectrum.npy"), bs = load("ch4_bispectrum.npy");
        const FeatureSet x{"ps", Level::Atom, ps, "ps.npy"}, y{"bs", Level::Atom, bs, "bs.npy"};
        const FeatureSet y32{"bs32", Level::Atom, MatrixF(bs.cast<float>()), "bs32.npy"};
        const TrainTestSplit split = skmatterDefaultSplit(162);
        const LfreQueryContext context(x, split.train, MetricSettings{}, silentContext());
        // skmatter's pointwise LFRE PS → BS (k = 12) aggregates to 0.18986453550375007 (metrics.json).
        const Eigen::VectorXd all = context.pointwise(y, split.test, silentContext());
        QVERIFY(close(rootMeanSquare(all), 0.18986453550375007));
        const PairMeasure standard = computePairMeasure(Measure::LFRE, ps, bs, split, MetricSettings{});
        for (Eigen::Index i = 0; i < all.size(); ++i) QVERIFY(close(all[i], standard.pointwise[i]));
        // A second batch and a float32 target through the same context.
        const Eigen::VectorXd two = context.pointwise(y, {split.test[3], split.test[70]}, silentContext());
        QVERIFY(close(two[0], standard.pointwise[3]));
        QVERIFY(close(two[1], standard.pointwise[70]));
        const PairMeasure standard32 =
            computePairMeasure(Measure::LFRE, ps, MatrixD(bs.cast<float>().cast<double>()), split, MetricSettings{});
        const Eigen::VectorXd one32 = context.pointwise(y32, {split.test[11]}, silentContext());
        QVERIFY(close(one32[0], standard32.pointwise[11]));
        QVERIFY_THROWS_EXCEPTION(ComputeError, context.pointwise(y, {162}, silentContext()));
        QCOMPARE(context.pointwise(y, {}, silentContext()).size(), Eigen::Index(0));

        // The target's scaler computed once and passed in gives the same values.
        const Scaling scaling = context.targetScaling(y);
        const Eigen::VectorXd reused = context.pointwise(y, scaling, {split.test[3], split.test[70]}, silentContext());
        QCOMPARE(reused[0], two[0]);
        QCOMPARE(reused[1], two[1]);
        const Scaling wrongWidth{Eigen::RowVectorXd::Zero(3), 1.0}; // BS has 12 columns
        QVERIFY_THROWS_EXCEPTION(ComputeError, context.pointwise(y, wrongWidth, {split.test[0]}, silentContext()));
    }
};

QTEST_APPLESS_MAIN(TestMetricsLfreQuery)
#include "test_metrics_lfre_query.moc"
