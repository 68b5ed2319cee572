// The all-pairs engine and on-demand pointwise LFRE: the shared source factorisations give
// the same numbers as computing each pair alone (and as skmatter's reference for CH4),
// progress is reported, cancellation stops the work, and on-demand LFRE equals the standard
// pointwise LFRE for test rows and leaves a training row out of its own neighbourhood.
// The diagonal (a set against itself) is computed and equals ref_fre.py's X → X.
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
        // A set against itself (the diagonal): CH4 is rank-deficient, ref_fre.py gives ~4.5e-10 / 2.9e-10.
        QVERIFY(std::abs(r.matrices.at(Measure::GFRE)(0, 0)) < 1e-8);
        QVERIFY(std::abs(r.matrices.at(Measure::LFRE)(0, 0)) < 1e-8);

        // Every pair equals the same pair computed alone (no sharing), pointwise. A set against
        // itself is rounding on this rank-deficient data (~1e-9, as asserted above), and the
        // engine's train factorisation is built by blocks of rows (streamed_folds.h) where the
        // pair alone factorises each fold whole: the diagonal is held to 1e-8, like the value.
        const TrainTestSplit split = skmatterDefaultSplit(162);
        for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE})
            for (std::size_t s = 0; s < 3; ++s)
                for (std::size_t t = 0; t < 3; ++t) {
                    const PairMeasure alone = computePairMeasure(m, sets[s].toDouble(), sets[t].toDouble(), split,
                                                                 MetricSettings{});
                    const PairMeasure& shared = r.pairs.at(m)[s][t];
                    QCOMPARE(shared.pointwise.size(), alone.pointwise.size());
                    for (Eigen::Index i = 0; i < alone.pointwise.size(); ++i)
                        QVERIFY(s == t ? std::abs(shared.pointwise[i] - alone.pointwise[i]) < 1e-8
                                       : close(shared.pointwise[i], alone.pointwise[i]));
                }
        QVERIFY(!progress.empty());
        QCOMPARE(progress.back().first, 1.0);
        for (const auto& [f, m] : progress) QVERIFY(f >= 0.0 && f <= 1.0);
    }

    void diagonalIsSelfReconstruction() {
        // Smooth deterministic full-rank data, 120 rows × 8 columns (60 train > d = 8).
        MatrixD x(120, 8);
        for (int i = 0; i < 120; ++i)
            for (int j = 0; j < 8; ++j)
                x(i, j) = std::sin(1.3 * i + 0.7 * j * j + 0.11 * i * j) + 0.05 * std::cos(0.37 * i * (j + 1));
        MatrixD y = x;
        y.col(0) = x.col(0).array().square(); // a second set so that the engine has a pair
        const std::vector<FeatureSet> two{FeatureSet{"x", Level::Atom, x, "x.npy"},
                                          FeatureSet{"y", Level::Atom, y, "y.npy"}};
        const AllPairsResult r = computeAllPairs({&two[0], &two[1]}, MetricSettings{}, {}, silentContext());
        QVERIFY(r.matrices.at(Measure::GFRE)(0, 0) < 1e-8);
        QVERIFY(r.matrices.at(Measure::GFRD)(0, 0) < 1e-8);
        // LFRE X → X with k = 8: the local 2-fold CV on 8 neighbours truncates, so it is not 0.
        // ref_fre.py lfre X.npy X.npy --k 8 (same X): 0.2255044425723073; pointwise[0], [17], [59].
        const PairMeasure& self = r.pairs.at(Measure::LFRE)[0][0];
        QCOMPARE(self.k, 8LL);
        QVERIFY(close(self.value, 0.2255044425723073));
        QVERIFY(close(self.pointwise[0], 0.4330992788227557));
        QVERIFY(close(self.pointwise[17], 0.7100647817940382));
        QVERIFY(close(self.pointwise[59], 0.06851849498431908));
        QCOMPARE(self.chosenAlphaCounts.at(1e-9), 59LL);
        const PairMeasure alone = computePairMeasure(Measure::LFRE, x, x, skmatterDefaultSplit(120), MetricSettings{});
        for (Eigen::Index i = 0; i < alone.pointwise.size(); ++i) QVERIFY(close(self.pointwise[i], alone.pointwise[i]));

        // Switched off: the diagonal is NaN (not computed), the pairs keep their values.
        MetricSettings noDiagonal;
        noDiagonal.includeDiagonal = false;
        const AllPairsResult off = computeAllPairs({&two[0], &two[1]}, noDiagonal, {}, silentContext());
        for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE}) {
            QVERIFY(std::isnan(off.matrices.at(m)(0, 0)) && std::isnan(off.matrices.at(m)(1, 1)));
            QVERIFY(std::isnan(off.pairs.at(m)[1][1].value));
            QCOMPARE(off.pairs.at(m)[0][0].pointwise.size(), Eigen::Index(0));
            QCOMPARE(off.matrices.at(m)(0, 1), r.matrices.at(m)(0, 1));
            QCOMPARE(off.matrices.at(m)(1, 0), r.matrices.at(m)(1, 0));
        }
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
