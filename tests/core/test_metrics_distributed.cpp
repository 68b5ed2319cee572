// The distributed all-pairs engine (core/metrics/distributed_pairs.h) without MPI: P ranks
// are threads of this process (tests/core/helpers/thread_ranks.h) with MPI-like collectives,
// so the rows are partitioned as under mpirun: each rank searches the LFRE neighbours among the
// train rows it owns and the ranks merge their candidates. The merged result must equal the
// single-process result: LFRE (every pointwise value, k, chosen alphas) bit for bit, since
// every number is computed by the same arithmetic on one rank; GFRE/GFRD within 1e-12
// relative. P = 2, 3 and 4 (a rank without test points), diagonal on and off.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>

#include "core/metrics/distributed_pairs.h"
#include "core/util/error.h"
#include "helpers/thread_ranks.h"

using namespace le;

namespace {

// Forwards to a rank's communicator and counts the all-gathers (scalers, train
// factorisations, neighbour candidates): a count of zero means rows were not partitioned.
class CountingRank final : public Communicator {
public:
    CountingRank(const Communicator& rank, std::atomic<int>& allGathers) : rank_(rank), allGathers_(allGathers) {}
    int rank() const override { return rank_.rank(); }
    int size() const override { return rank_.size(); }
    std::vector<std::vector<double>> gatherToRoot(const std::vector<double>& mine) const override {
        return rank_.gatherToRoot(mine);
    }
    std::vector<std::vector<double>> allGather(const std::vector<double>& mine) const override {
        ++allGathers_;
        return rank_.allGather(mine);
    }

private:
    const Communicator& rank_;
    std::atomic<int>& allGathers_;
};

std::vector<FeatureSet> threeSets() {
    const int rows = 600; // 300 test points: three blocks of 128, 128 and 44
    MatrixD a(rows, 10), b(rows, 6), c(rows, 4);
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < 10; ++j) a(i, j) = std::sin(0.37 * i + 1.1 * j + 0.013 * i * j);
        for (int j = 0; j < 6; ++j) b(i, j) = std::tanh(a(i, j) + 0.5 * a(i, j + 4) * a(i, j + 4));
        for (int j = 0; j < 4; ++j) c(i, j) = std::cos(2.0 * a(i, j)) + 0.01 * std::sin(3.7 * i);
    }
    return {FeatureSet{"a", Level::Atom, MatrixF(a.cast<float>()), ""}, FeatureSet{"b", Level::Atom, b, ""},
            FeatureSet{"c", Level::Atom, MatrixF(c.cast<float>()), ""}};
}

bool same(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }
// 1e-12 relative; rounding-level values (the diagonal's GFRE/GFRD on features scaled to unit
// total variance) to 1e-13 absolute, since the ranks' TSQR merge order changes their last digits.
bool close(double x, double y) { return same(x, y) || std::abs(x - y) <= 1e-12 * std::abs(y) + 1e-13; }

} // namespace

class TestMetricsDistributed : public QObject {
    Q_OBJECT
private slots:
    void sharesCoverTheTestPointsInWholeBlocks() {
        QCOMPARE((WorkShare{0, 2}.testPoints(300)), (std::pair<Eigen::Index, Eigen::Index>(0, 128)));
        QCOMPARE((WorkShare{1, 2}.testPoints(300)), (std::pair<Eigen::Index, Eigen::Index>(128, 300)));
        QCOMPARE((WorkShare{1, 3}.testPoints(300)), (std::pair<Eigen::Index, Eigen::Index>(128, 256)));
        // One block for two ranks: rank 0 gets none, rank 1 all of it.
        QCOMPARE((WorkShare{0, 2}.testPoints(81)), (std::pair<Eigen::Index, Eigen::Index>(0, 0)));
        QCOMPARE((WorkShare{1, 2}.testPoints(81)), (std::pair<Eigen::Index, Eigen::Index>(0, 81)));
        QVERIFY(WorkShare({1, 2}).ownsSource(3) && !WorkShare({1, 2}).ownsSource(2));
    }

    void mergedRanksEqualOneProcess_data() {
        QTest::addColumn<int>("ranks");
        QTest::addColumn<bool>("diagonal");
        QTest::newRow("P=2") << 2 << true;
        QTest::newRow("P=3") << 3 << true;
        QTest::newRow("P=2, no diagonal") << 2 << false;
        QTest::newRow("P=4, a rank without test points") << 4 << true;
    }
    void mergedRanksEqualOneProcess() {
        QFETCH(int, ranks);
        QFETCH(bool, diagonal);
        const std::vector<FeatureSet> sets = threeSets();
        const std::vector<const FeatureSet*> pointers{&sets[0], &sets[1], &sets[2]};
        MetricSettings settings;
        settings.includeDiagonal = diagonal;
        const AllPairsResult one = computeAllPairs(pointers, settings, {}, silentContext());
        AllPairsResult merged;
        std::atomic<int> allGathers{0};
        test::ThreadRanks(ranks).run([&](const Communicator& rank) {
            const CountingRank counting(rank, allGathers);
            AllPairsResult result = computeAllPairsDistributed(pointers, settings, {}, counting, silentContext());
            if (rank.isRoot()) merged = std::move(result);
        });
        QVERIFY(allGathers.load() >= 3 * ranks); // every rank, every source's neighbour search
        for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE})
            for (std::size_t s = 0; s < 3; ++s)
                for (std::size_t t = 0; t < 3; ++t) {
                    const PairMeasure& a = merged.pairs.at(m)[s][t];
                    const PairMeasure& b = one.pairs.at(m)[s][t];
                    const QString what = QString("%1 %2→%3").arg(measureName(m)).arg(s).arg(t);
                    const bool lfre = m == Measure::LFRE;
                    QVERIFY2(lfre ? same(a.value, b.value) : close(a.value, b.value), qPrintable(what));
                    QVERIFY(same(merged.matrices.at(m)(s, t), a.value));
                    QCOMPARE(a.pointwise.size(), b.pointwise.size());
                    for (Eigen::Index i = 0; i < a.pointwise.size(); ++i)
                        QVERIFY2(lfre ? a.pointwise[i] == b.pointwise[i] : close(a.pointwise[i], b.pointwise[i]),
                                 qPrintable(what + QString(" point %1").arg(i)));
                    QCOMPARE(a.k, b.k);
                    QCOMPARE(a.chosenAlphaCounts, b.chosenAlphaCounts);
                    QCOMPARE(a.chosenRelativeAlpha, b.chosenRelativeAlpha);
                    QCOMPARE(a.keptSingularValues, b.keptSingularValues);
                }
        QVERIFY(!std::isnan(merged.matrices.at(Measure::LFRE)(0, 1)));
        QCOMPARE(std::isnan(merged.matrices.at(Measure::LFRE)(2, 2)), !diagonal);
    }

    void truncatedShareIsAnError() {
        const std::vector<FeatureSet> sets = threeSets();
        const std::vector<const FeatureSet*> pointers{&sets[0], &sets[1], &sets[2]};
        const WorkShare second{1, 2};
        AllPairsResult whole = computeAllPairs(pointers, MetricSettings{}, {}, silentContext(), WorkShare{0, 2});
        std::vector<double> packed = packShare(computeAllPairs(pointers, MetricSettings{}, {}, silentContext(), second), second);
        packed.pop_back();
        QVERIFY_THROWS_EXCEPTION(ComputeError, mergeShare(whole, packed, second));
    }
};

QTEST_APPLESS_MAIN(TestMetricsDistributed)
#include "test_metrics_distributed.moc"
