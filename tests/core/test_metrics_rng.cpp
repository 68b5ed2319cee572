// numpy's legacy RandomState permutation and the splits derived from it, checked against
// permutations exported from numpy itself (tests/data/metrics/perm_seed*_n*.npy).
#include <QtTest>

#include "core/metrics/splits.h"
#include "core/util/error.h"
#include "core/io/npy.h"
#include "core/util/rng.h"

using namespace le;

static std::vector<long long> loadPerm(unsigned seed, long long n) {
    return readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/perm_seed" + std::to_string(seed) + "_n" +
                   std::to_string(n) + ".npy")
        .toIndices();
}

class TestMetricsRng : public QObject {
    Q_OBJECT
private slots:
    void firstDrawsOfMt19937() {
        // Reference MT19937 output for init_genrand(5489) (Matsumoto & Nishimura).
        NumpyRandomState rng(5489);
        QCOMPARE(rng.nextUint32(), 3499211612U);
        QCOMPARE(rng.nextUint32(), 581869302U);
        QCOMPARE(rng.nextUint32(), 3890346734U);
    }
    void permutationsMatchNumpy_data() {
        QTest::addColumn<unsigned>("seed");
        QTest::addColumn<long long>("n");
        for (unsigned seed : {1597463007U, 0U, 42U})
            for (long long n : {1LL, 2LL, 3LL, 10LL, 81LL, 162LL, 1000LL})
                QTest::newRow((std::to_string(seed) + "/" + std::to_string(n)).c_str()) << seed << n;
        QTest::newRow("skmatter/70000") << 1597463007U << 70000LL;
    }
    void permutationsMatchNumpy() {
        QFETCH(unsigned, seed);
        QFETCH(long long, n);
        const auto expected = loadPerm(seed, n);
        QCOMPARE(NumpyRandomState(seed).permutation(n), expected);
    }
    void defaultSplitIsPermutedHalves() {
        const auto perm = loadPerm(kSkmatterSeed, 81);
        const TrainTestSplit s = skmatterDefaultSplit(81);
        QCOMPARE(s.test.size(), std::size_t(41)); // ceil(81/2)
        QCOMPARE(s.train.size(), std::size_t(40));
        QCOMPARE(s.test, std::vector<long long>(perm.begin(), perm.begin() + 41));
        QCOMPARE(s.train, std::vector<long long>(perm.begin() + 41, perm.end()));
    }
    void twoFoldsFromPermutation() {
        // fold2 = sorted(perm[:ceil(m/2)]), fold1 = the rest, for m = 10.
        const auto perm = loadPerm(kSkmatterSeed, 10);
        std::vector<long long> fold2(perm.begin(), perm.begin() + 5);
        std::sort(fold2.begin(), fold2.end());
        const TwoFolds f = twoFoldPositions(10);
        QCOMPARE(f.fold2, fold2);
        QCOMPARE(f.fold1.size(), std::size_t(5));
        for (long long i : f.fold1) QVERIFY(!std::binary_search(fold2.begin(), fold2.end(), i));
        QVERIFY(std::is_sorted(f.fold1.begin(), f.fold1.end()));
    }
    void explicitSplitKeepsOrderAndComplements() {
        const TrainTestSplit a = explicitSplit(6, {}, {4, 1});
        QCOMPARE(a.test, (std::vector<long long>{4, 1}));
        QCOMPARE(a.train, (std::vector<long long>{0, 2, 3, 5}));
        const TrainTestSplit b = explicitSplit(5, {3, 0}, {});
        QCOMPARE(b.train, (std::vector<long long>{3, 0}));
        QCOMPARE(b.test, (std::vector<long long>{1, 2, 4}));
        QVERIFY_THROWS_EXCEPTION(ComputeError, explicitSplit(5, {5}, {}));
    }
    void stratifiedIsExactAndProportional() {
        // 60 "a", 30 "b", 10 "c"; 25 test rows → exact shares 15, 7.5, 2.5: floors 15, 7, 2,
        // the remaining one goes to the largest remainder (tie 0.5/0.5 → larger group "b").
        std::vector<std::string> labels;
        for (int i = 0; i < 100; ++i) labels.push_back(i % 10 < 6 ? "a" : (i % 10 < 9 ? "b" : "c"));
        const TrainTestSplit s = stratifiedSplit(labels, 25, 7);
        QCOMPARE(s.test.size(), std::size_t(25));
        QCOMPARE(s.train.size(), std::size_t(75));
        std::map<std::string, int> count;
        for (long long i : s.test) ++count[labels[std::size_t(i)]];
        QCOMPARE(count["a"], 15);
        QCOMPARE(count["b"], 8);
        QCOMPARE(count["c"], 2);
        QVERIFY(std::is_sorted(s.test.begin(), s.test.end()));
        // Same seed, same split; another seed, another draw.
        QCOMPARE(stratifiedSplit(labels, 25, 7).test, s.test);
        QVERIFY(stratifiedSplit(labels, 25, 8).test != s.test);
        QVERIFY_THROWS_EXCEPTION(ComputeError, stratifiedSplit(labels, 100, 7));
    }
};

QTEST_APPLESS_MAIN(TestMetricsRng)
#include "test_metrics_rng.moc"
