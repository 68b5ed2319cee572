// Repeats and per-group breakdown (core/metrics/repeated_pairs.h, group_breakdown.h,
// core/dataset/row_labels.h): each repeat is bit for bit the single run with seed S + r, the
// mean and sample s.d. match a hand calculation, groups combine to the global value, a small
// breakdown is checked by hand, and the statistics survive a project file round trip.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <mutex>

#include "core/dataset/row_labels.h"
#include "core/io/npy.h"
#include "core/io/stored_repeats.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/repeated_pairs.h"
#include "core/util/error.h"

using namespace le;

static MatrixD load(const std::string& name) {
    return readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/" + name).toMatrixD();
}

// Two frames: CH₂O (C H H O) labelled "a" and NH₃ (N H H H) labelled "b".
static Dataset smallDataset() {
    Dataset d;
    for (const auto& [species, label] : std::vector<std::pair<std::vector<int>, std::string>>{
             {{6, 1, 1, 8}, "a"}, {{7, 1, 1, 1}, "b"}}) {
        Frame f;
        f.species = species;
        f.positions = Positions::Zero(Eigen::Index(species.size()), 3);
        f.info["subset"] = InfoValue{label};
        d.addFrame(std::move(f));
    }
    return d;
}

class TestMetricsRepeats : public QObject {
    Q_OBJECT

    std::vector<FeatureSet> sets;
    std::vector<std::string> labels; // "minus" / "plus" halves, as in ch4_carbons.extxyz
    std::vector<const FeatureSet*> pointers() const {
        std::vector<const FeatureSet*> p;
        for (const auto& s : sets) p.push_back(&s);
        return p;
    }
    static MetricSettings stratified(unsigned int seed) {
        MetricSettings s;
        s.split.kind = SplitKind::Stratified;
        s.split.testSize = 41;
        s.split.seed = seed;
        return s;
    }

private slots:
    void initTestCase() {
        const MatrixD ps = load("ch4_power_spectrum.npy"), bs = load("ch4_bispectrum.npy");
        sets.push_back(FeatureSet{"ps", Level::Atom, ps, "ps.npy"});
        sets.push_back(FeatureSet{"bs", Level::Atom, MatrixF(bs.cast<float>()), "bs.npy"});
        for (int i = 0; i < 162; ++i) labels.push_back(i < 81 ? "minus" : "plus");
    }

    void eachRepeatIsTheSingleRunWithItsSeed() {
        const RepeatedPairsResult rep = computeRepeatedPairs(pointers(), stratified(7), labels, 3, nullptr,
                                                             silentContext());
        QCOMPARE(rep.summary.count, 3);
        QCOMPARE(rep.summary.firstSeed, 7u);
        for (int r = 0; r < 3; ++r) {
            const AllPairsResult single = computeAllPairs(pointers(), stratified(7 + r), labels, silentContext());
            for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE}) {
                const Eigen::MatrixXd& repeat = rep.summary.measures.at(m).repeats[std::size_t(r)];
                for (Eigen::Index i = 0; i < repeat.size(); ++i) // bit for bit
                    QCOMPARE(repeat.data()[i], single.matrices.at(m).data()[i]);
            }
            if (r == 0) { // the first run is kept whole
                QCOMPARE(rep.first.testIndices, single.testIndices);
                QCOMPARE(rep.first.trainIndices, single.trainIndices);
                const auto& a = rep.first.pairs.at(Measure::LFRE)[0][1].pointwise;
                const auto& b = single.pairs.at(Measure::LFRE)[0][1].pointwise;
                QCOMPARE(a.size(), Eigen::Index(41));
                for (Eigen::Index i = 0; i < a.size(); ++i) QCOMPARE(a[i], b[i]);
            }
        }
        // Different seeds give different test sets, so the repeats differ.
        const auto& g = rep.summary.measures.at(Measure::GFRE);
        QVERIFY(g.repeats[0](0, 1) != g.repeats[1](0, 1));
        // Mean and s.d. of the three GFRE ps → bs values, written out.
        const double a = g.repeats[0](0, 1), b = g.repeats[1](0, 1), c = g.repeats[2](0, 1);
        const double mean = (a + b + c) / 3;
        QVERIFY(std::abs(g.mean(0, 1) - mean) < 1e-15);
        const double sd = std::sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 2);
        QVERIFY(std::abs(g.std(0, 1) - sd) < 1e-15);
    }

    void meanAndSampleDeviationByHand() {
        Eigen::MatrixXd a(1, 3), b(1, 3), c(1, 3);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        a << 1, 2, nan;
        b << 3, 6, nan;
        c << 5, 7, 4;
        const RepeatedMatrices s = summarizeRepeats({a, b, c});
        QCOMPARE(s.mean(0, 0), 3.0);
        QCOMPARE(s.std(0, 0), 2.0); // deviations −2, 0, 2: sqrt(8 / 2)
        QCOMPARE(s.mean(0, 1), 5.0);
        QVERIFY(std::abs(s.std(0, 1) - std::sqrt(7.0)) < 1e-15); // (9 + 1 + 4) / 2
        QCOMPARE(s.mean(0, 2), 4.0); // the only finite repeat
        QVERIFY(std::isnan(s.std(0, 2)));
        const RepeatedMatrices one = summarizeRepeats({a});
        QCOMPARE(one.mean(0, 1), 2.0);
        QVERIFY(std::isnan(one.std(0, 1))); // one value has no sample s.d.
        QVERIFY_THROWS_EXCEPTION(ComputeError, summarizeRepeats({}));
    }

    void repeatsNeedASeededSplit() {
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 computeRepeatedPairs(pointers(), MetricSettings{}, labels, 2, nullptr, silentContext()));
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 computeRepeatedPairs(pointers(), stratified(0), labels, 0, nullptr, silentContext()));
        MetricSettings late = stratified(std::numeric_limits<unsigned int>::max());
        QVERIFY_THROWS_EXCEPTION(ComputeError, computeRepeatedPairs(pointers(), late, labels, 2, nullptr, silentContext()));
        // One repeat of the default split is the plain run.
        MetricSettings gfre;
        gfre.measures = {Measure::GFRE};
        const RepeatedPairsResult one = computeRepeatedPairs(pointers(), gfre, labels, 1, nullptr, silentContext());
        QCOMPARE(one.first.testIndices, skmatterDefaultSplit(162).test);
        QVERIFY(std::isnan(one.summary.measures.at(Measure::GFRE).std(0, 1)));
    }

    void progressSpansTheRepeatsAndCancelStops() {
        MetricSettings s = stratified(0);
        s.measures = {Measure::GFRE};
        std::vector<std::pair<double, std::string>> seen;
        std::mutex mutex;
        CancelToken token;
        TaskContext ctx;
        ctx.cancel = &token;
        ctx.progress = [&](double f, std::string_view m) {
            std::lock_guard<std::mutex> lock(mutex);
            seen.emplace_back(f, std::string(m));
        };
        computeRepeatedPairs(pointers(), s, labels, 4, nullptr, ctx);
        bool third = false;
        for (const auto& [f, m] : seen) {
            QVERIFY(f >= 0 && f <= 1);
            if (m.rfind("repeat 3/4: ", 0) == 0) {
                third = true;
                QVERIFY(f >= 0.5 - 1e-12 && f <= 0.75 + 1e-12);
            }
        }
        QVERIFY(third);
        QCOMPARE(seen.back().first, 1.0);

        ctx.progress = [&](double, std::string_view m) {
            if (std::string(m).rfind("repeat 2/4", 0) == 0) token.cancel();
        };
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, computeRepeatedPairs(pointers(), s, labels, 4, nullptr, ctx));
    }

    void smallBreakdownByHand() {
        AllPairsResult r;
        r.names = {"a", "b"};
        r.testIndices = {0, 2, 3, 5};
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (Measure m : {Measure::GFRE, Measure::GFRD}) {
            r.pairs[m].assign(2, std::vector<PairMeasure>(2));
            r.pairs[m][0][0].value = r.pairs[m][1][1].value = nan; // diagonal not computed
        }
        PairMeasure& ab = r.pairs[Measure::GFRE][0][1];
        ab.pointwise = Eigen::Vector4d(1, 2, 3, 4);
        ab.value = std::sqrt(7.5); // (1 + 4 + 9 + 16) / 4
        PairMeasure& ba = r.pairs[Measure::GFRE][1][0];
        ba.pointwise = Eigen::Vector4d(2, 0, 0, 2);
        ba.value = std::sqrt(2.0);
        // GFRD here: a value that is not the RMS of its per-point values → no breakdown.
        r.pairs[Measure::GFRD][0][1].pointwise = Eigen::Vector4d(1, 1, 1, 1);
        r.pairs[Measure::GFRD][0][1].value = 0.5;
        r.pairs[Measure::GFRD][1][0].pointwise = Eigen::Vector4d(1, 1, 1, 1);
        r.pairs[Measure::GFRD][1][0].value = 1.0;

        // Rows 0..5 are H C H O C H: test rows 0, 2, 5 are H, row 3 is O, no C is tested.
        const RowGroups groups = makeRowGroups("species", {"H", "C", "H", "O", "C", "H"});
        QCOMPARE(groups.names, (std::vector<std::string>{"H", "C", "O"})); // by atomic number
        const GroupValues v = groupValues(r, groups);
        QCOMPARE(v.testRows, (std::vector<long long>{3, 0, 1}));
        QCOMPARE(v.values.size(), std::size_t(1)); // GFRE only
        const auto& g = v.values.at(Measure::GFRE);
        QVERIFY(std::abs(g[0](0, 1) - std::sqrt(7.0)) < 1e-15); // H: (1 + 4 + 16) / 3
        QVERIFY(std::isnan(g[1](0, 1)));                        // C: no test row
        QCOMPARE(g[2](0, 1), 3.0);                              // O: the single value
        QVERIFY(std::abs(g[0](1, 0) - std::sqrt(8.0 / 3)) < 1e-15); // (4 + 0 + 4) / 3
        QCOMPARE(g[2](1, 0), 0.0);
        QVERIFY(std::isnan(g[0](0, 0))); // not computed stays NaN
        // Groups combine to the global value: (3 · 7 + 1 · 9) / 4 = 7.5.
        QVERIFY(std::abs((3 * g[0](0, 1) * g[0](0, 1) + 1 * g[2](0, 1) * g[2](0, 1)) / 4 - 7.5) < 1e-14);

        const RowGroups few = makeRowGroups("species", {"H", "C"});
        QVERIFY_THROWS_EXCEPTION(ComputeError, groupValues(r, few)); // test row 5 has no label
    }

    void groupsCombineToTheGlobalValue() {
        // Three groups of uneven size over the 162 CH4 rows, through two repeats.
        std::vector<std::string> third;
        for (int i = 0; i < 162; ++i) third.push_back(std::to_string(i % 7 == 0 ? 10 : i % 2 + 1));
        const RowGroups groups = makeRowGroups("k", third);
        QCOMPARE(groups.names, (std::vector<std::string>{"1", "2", "10"})); // numeric order
        const RepeatedPairsResult rep = computeRepeatedPairs(pointers(), stratified(3), labels, 2, &groups,
                                                             silentContext());
        QCOMPARE(rep.summary.groups, groups.names);
        QCOMPARE(rep.summary.groupTestRows.size(), std::size_t(2));
        for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE}) {
            const auto& perGroup = rep.summary.byGroup.at(m);
            QCOMPARE(perGroup.size(), std::size_t(3));
            for (int r = 0; r < 2; ++r) {
                const Eigen::MatrixXd& global = rep.summary.measures.at(m).repeats[std::size_t(r)];
                for (Eigen::Index s = 0; s < 2; ++s)
                    for (Eigen::Index t = 0; t < 2; ++t) {
                        double weighted = 0;
                        long long n = 0;
                        for (std::size_t g = 0; g < 3; ++g) {
                            const long long rows = rep.summary.groupTestRows[std::size_t(r)][g];
                            const double v = perGroup[g].repeats[std::size_t(r)](s, t);
                            weighted += double(rows) * v * v;
                            n += rows;
                        }
                        QCOMPARE(n, 41LL);
                        const double combined = std::sqrt(weighted / double(n));
                        QVERIFY(std::abs(combined - global(s, t)) <= 1e-12 * global(s, t) + 1e-300);
                    }
            }
        }
        // The first repeat's groups from its own per-point values, directly.
        const GroupValues direct = groupValues(rep.first, groups);
        QCOMPARE(direct.values.at(Measure::LFRE)[2](0, 1),
                 rep.summary.byGroup.at(Measure::LFRE)[2].repeats[0](0, 1));
    }

    void rowLabelsOfADataset() {
        const Dataset d = smallDataset();
        QCOMPARE(rowLabels(d, "species", Level::Atom),
                 (std::vector<std::string>{"C", "H", "H", "O", "N", "H", "H", "H"}));
        QCOMPARE(rowLabels(d, "subset", Level::Atom), // a frame key, repeated for its atoms
                 (std::vector<std::string>{"a", "a", "a", "a", "b", "b", "b", "b"}));
        QCOMPARE(rowLabels(d, "subset", Level::Structure), (std::vector<std::string>{"a", "b"}));
        QVERIFY_THROWS_EXCEPTION(InputError, rowLabels(d, "species", Level::Structure));
        try {
            rowLabels(d, "colour", Level::Atom);
            QFAIL("no error for an unknown key");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("'colour'") != std::string::npos);
        }
        const RowGroups species = makeRowGroups("species", rowLabels(d, "species", Level::Atom));
        QCOMPARE(species.names, (std::vector<std::string>{"H", "C", "N", "O"}));
        QCOMPARE(species.groupOfRow, (std::vector<int>{1, 0, 0, 3, 2, 0, 0, 0}));
        QCOMPARE(makeRowGroups("subset", {"b", "a", "b"}).names, (std::vector<std::string>{"a", "b"}));
    }

    void summaryRoundTripsThroughAProject() {
        const RowGroups groups = makeRowGroups("subset", labels);
        MetricSettings s = stratified(11);
        s.measures = {Measure::GFRE, Measure::LFRE};
        const RepeatedPairsResult rep = computeRepeatedPairs(pointers(), s, labels, 3, &groups, silentContext());
        Project project;
        Frame f;
        f.species = {6};
        f.positions = Positions::Zero(1, 3);
        project.dataset.addFrame(std::move(f));
        StoredResult stored;
        stored.name = "compare";
        storeRepeatSummary(rep.summary, stored);
        project.results.push_back(stored);
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.h5").toStdString();
        writeProject(path, project);
        const Project back = readProject(path);
        const auto summary = readRepeatSummary(back.results.at(0), 2, path);
        QVERIFY(summary.has_value());
        QCOMPARE(summary->count, 3);
        QCOMPARE(summary->firstSeed, 11u);
        QCOMPARE(summary->groupKey, std::string("subset"));
        QCOMPARE(summary->groups, groups.names);
        QCOMPARE(summary->groupTestRows, rep.summary.groupTestRows);
        for (Measure m : {Measure::GFRE, Measure::LFRE}) {
            for (int r = 0; r < 3; ++r)
                QVERIFY(summary->measures.at(m).repeats[std::size_t(r)] == rep.summary.measures.at(m).repeats[std::size_t(r)]);
            const auto& a = summary->byGroup.at(m), & b = rep.summary.byGroup.at(m);
            for (std::size_t g = 0; g < 2; ++g) {
                QVERIFY(a[g].mean.isApprox(b[g].mean, 0));
                QVERIFY(a[g].std.isApprox(b[g].std, 0));
            }
        }
        QVERIFY(!summary->measures.count(Measure::GFRD));
        QVERIFY(!readRepeatSummary(StoredResult{}, 2, path).has_value()); // no repeats stored
        RepeatSummary odd = rep.summary; // group names with quotes, commas, slashes
        odd.groups = {"say \"hi\"", "x,y/z"};
        StoredResult oddStored;
        storeRepeatSummary(odd, oddStored);
        QCOMPARE(readRepeatSummary(oddStored, 2, path)->groups, odd.groups);
        StoredResult bad = back.results.at(0);
        bad.arrays["gfre_repeats"] = MatrixD::Zero(2, 4);
        QVERIFY_THROWS_EXCEPTION(InputError, readRepeatSummary(bad, 2, path));
    }
};

QTEST_GUILESS_MAIN(TestMetricsRepeats)
#include "test_metrics_repeats.moc"
