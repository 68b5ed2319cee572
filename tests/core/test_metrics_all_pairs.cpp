// The all-pairs engine and on-demand pointwise LFRE: the shared source factorisations give
// the same numbers as computing each pair alone (and as skmatter's reference for CH4),
// progress is reported, cancellation stops the work, and on-demand LFRE equals the standard
// pointwise LFRE for test rows and leaves a training row out of its own neighbourhood.
#include <QtTest>

#include "core/io/npy.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/pair_measures.h"
#include "core/util/error.h"

using namespace le;

static MatrixD load(const std::string& name) {
    return readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/" + name).toMatrixD();
}
static bool close(double ours, double ref) { return std::abs(ours - ref) <= 1e-7 * std::abs(ref) + 1e-9; }

class TestMetricsAllPairs : public QObject {
    Q_OBJECT

    std::vector<FeatureSet> sets;
    std::vector<const FeatureSet*> pointers() const {
        std::vector<const FeatureSet*> p;
        for (const auto& s : sets) p.push_back(&s);
        return p;
    }

private slots:
    void initTestCase() {
        const MatrixD ps = load("ch4_power_spectrum.npy"), bs = load("ch4_bispectrum.npy");
        // A third, narrower set (6 columns) so that sources see targets with different k.
        const MatrixD mixed = (ps.leftCols(6).array() * 1e4 + bs.leftCols(6).array().square() * 1e8).matrix();
        sets.push_back(FeatureSet{"ps", Level::Atom, ps, "ps.npy"});
        sets.push_back(FeatureSet{"bs", Level::Atom, bs, "bs.npy"});
        sets.push_back(FeatureSet{"mixed", Level::Atom, MatrixF(mixed.cast<float>()), "mixed.npy"});
    }

    void matchesReferenceAndSinglePairs() {
        std::vector<std::pair<double, std::string>> progress;
        TaskContext ctx;
        std::mutex mutex;
        ctx.progress = [&](double f, std::string_view m) {
            std::lock_guard<std::mutex> lock(mutex);
            progress.emplace_back(f, std::string(m));
        };
        const AllPairsResult r = computeAllPairs(pointers(), MetricSettings{}, {}, ctx);
        QCOMPARE(r.names, (std::vector<std::string>{"ps", "bs", "mixed"}));
        QCOMPARE(r.testIndices, skmatterDefaultSplit(162).test);
        // skmatter's values (metrics.json); LFRE default k = min(12, 12) = 12.
        QVERIFY(close(r.matrices.at(Measure::GFRE)(0, 1), 0.22908196202476652));
        QVERIFY(close(r.matrices.at(Measure::GFRE)(1, 0), 5.063985164870567e-10));
        QVERIFY(close(r.matrices.at(Measure::GFRD)(0, 1), 0.02254508186861739));
        QVERIFY(close(r.matrices.at(Measure::GFRD)(1, 0), 0.2301912940350481));
        QVERIFY(close(r.matrices.at(Measure::LFRE)(0, 1), 0.18986453550375007));
        QVERIFY(close(r.matrices.at(Measure::LFRE)(1, 0), 4.1818300366187064e-10));
        QCOMPARE(r.pairs.at(Measure::LFRE)[0][2].k, 6LL);
        QVERIFY(std::isnan(r.matrices.at(Measure::GFRE)(1, 1))); // a set against itself: not computed

        // Every pair equals the same pair computed alone (no sharing), pointwise.
        const TrainTestSplit split = skmatterDefaultSplit(162);
        for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE})
            for (std::size_t s = 0; s < 3; ++s)
                for (std::size_t t = 0; t < 3; ++t) {
                    if (s == t) continue;
                    const PairMeasure alone = computePairMeasure(m, sets[s].toDouble(), sets[t].toDouble(), split,
                                                                 MetricSettings{});
                    const PairMeasure& shared = r.pairs.at(m)[s][t];
                    QCOMPARE(shared.pointwise.size(), alone.pointwise.size());
                    for (Eigen::Index i = 0; i < alone.pointwise.size(); ++i)
                        QVERIFY(close(shared.pointwise[i], alone.pointwise[i]));
                }
        QVERIFY(!progress.empty());
        QCOMPARE(progress.back().first, 1.0);
        for (const auto& [f, m] : progress) QVERIFY(f >= 0.0 && f <= 1.0);
    }

    void stratifiedSplitIsUsed() {
        std::vector<std::string> labels;
        for (int i = 0; i < 162; ++i) labels.push_back(i < 81 ? "minus" : "plus");
        MetricSettings s;
        s.measures = {Measure::GFRE};
        s.split.kind = SplitKind::Stratified;
        s.split.testSize = 40;
        s.split.seed = 0;
        const AllPairsResult r = computeAllPairs(pointers(), s, labels, silentContext());
        QCOMPARE(r.testIndices, stratifiedSplit(labels, 40, 0).test);
        QCOMPARE(r.testIndices.size(), std::size_t(40));
        QCOMPARE(std::count_if(r.testIndices.begin(), r.testIndices.end(), [](long long i) { return i < 81; }), 20L);
        QVERIFY(r.matrices.at(Measure::GFRE)(0, 1) > 0.05); // PS → BS stays hard
        QVERIFY(!r.matrices.count(Measure::LFRE));
    }

    void cancellationStopsTheWork() {
        CancelToken token;
        TaskContext ctx;
        ctx.cancel = &token;
        std::atomic<int> reportsAfterCancel{0};
        ctx.progress = [&](double f, std::string_view) {
            if (token.isCancelled()) ++reportsAfterCancel;
            if (f > 0.35) token.cancel(); // during LFRE
        };
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, computeAllPairs(pointers(), MetricSettings{}, {}, ctx));
        QVERIFY(reportsAfterCancel < 20); // only the points already running finish
        token.cancel();
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, computeAllPairs(pointers(), MetricSettings{}, {}, ctx));
    }

    void onDemandEqualsStandardForTestRows() {
        const TrainTestSplit split = skmatterDefaultSplit(162);
        MetricSettings s;
        s.lfreK = 20;
        const PairMeasure standard = computePairMeasure(Measure::LFRE, sets[0].toDouble(), sets[1].toDouble(), split, s);
        const std::vector<long long> query{split.test[5], split.test[0], split.test[40]};
        const Eigen::VectorXd pw = pointwiseLfreOnDemand(sets[0], sets[1], split.train, query, s, silentContext());
        QVERIFY(close(pw[0], standard.pointwise[5]));
        QVERIFY(close(pw[1], standard.pointwise[0]));
        QVERIFY(close(pw[2], standard.pointwise[40]));
    }

    void onDemandExcludesATrainingRowFromItsOwnNeighbours() {
        // Without scaling, a training row's on-demand value equals the standard LFRE with
        // that row moved from the train set to the test set.
        const TrainTestSplit split = skmatterDefaultSplit(162);
        MetricSettings s;
        s.lfreK = 15;
        s.scaler = ScalerKind::None;
        const long long row = split.train[7];
        std::vector<long long> trainWithout = split.train;
        trainWithout.erase(trainWithout.begin() + 7);
        const PairMeasure expected = computePairMeasure(Measure::LFRE, sets[1].toDouble(), sets[0].toDouble(),
                                                        explicitSplit(162, trainWithout, {row}), s);
        const Eigen::VectorXd pw = pointwiseLfreOnDemand(sets[1], sets[0], split.train, {row}, s, silentContext());
        QVERIFY(close(pw[0], expected.pointwise[0]));
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 pointwiseLfreOnDemand(sets[1], sets[0], split.train, {162}, s, silentContext()));
    }
};

QTEST_APPLESS_MAIN(TestMetricsAllPairs)
#include "test_metrics_all_pairs.moc"
