// The k-nearest train rows of the LFRE neighbourhoods (core/metrics/neighbours.h) against an
// independent reference: every distance summed exactly in long double, equal distances ordered
// by train position (metrics.md §12). The data have exact duplicate rows (ties) scattered over
// several train blocks of the search, queries that are train rows themselves (excluded from
// their own lists), and an odd width, so rows sit at different memory alignments. The same
// lists must come out of a search with rows partitioned over P = 2, 3 ranks (threads standing
// for MPI processes) and from any number of threads or grouping of the queries.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <stdexcept>

#include <omp.h>

#include "core/metrics/neighbours.h"
#include "core/util/error.h"
#include "helpers/thread_ranks.h"

using namespace le;

namespace {

constexpr Eigen::Index kWidth = 13;

// 9 000 train rows (three gather blocks of the search: 4 096, 4 096, 808): rows 5 000…5 299
// repeat rows 0…299 (other blocks), rows 8 500…8 599 repeat rows 4 000…4 099, rows 9 + 10 m
// repeat rows 10 m within a block. Columns have different scales and an offset.
MatrixD trainRows() {
    std::mt19937_64 rng(17);
    std::normal_distribution<double> normal;
    MatrixD t(9000, kWidth);
    for (Eigen::Index i = 0; i < t.rows(); ++i)
        for (Eigen::Index j = 0; j < kWidth; ++j) t(i, j) = 0.3 + (1.0 + 0.2 * double(j)) * normal(rng);
    for (Eigen::Index i = 0; i < 300; ++i) t.row(5000 + i) = t.row(i);
    for (Eigen::Index i = 0; i < 100; ++i) t.row(8500 + i) = t.row(4000 + i);
    for (Eigen::Index i = 0; i + 9 < 3000; i += 10) t.row(i + 9) = t.row(i);
    return t;
}

// 1 100 queries (two chunks of the search): fresh rows, near the duplicated train rows so the
// ties are among the nearest, and every 7th query a train row itself (query q = train row 3q).
Eigen::MatrixXd queryRows(const MatrixD& train, std::vector<long long>& excludeSelf) {
    std::mt19937_64 rng(29);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd q(1100, kWidth);
    excludeSelf.assign(std::size_t(q.rows()), -1);
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        if (i % 7 == 0) {
            q.row(i) = train.row(3 * i);
            excludeSelf[std::size_t(i)] = 3 * i;
            continue;
        }
        for (Eigen::Index j = 0; j < kWidth; ++j) q(i, j) = train((i * 37) % 300, j) + 0.4 * normal(rng);
    }
    return q;
}

TrainRows gatherFrom(const MatrixD& train) {
    return {train.rows(), [&train](const std::vector<long long>& positions) { return MatrixD(train(positions, Eigen::all)); }};
}

// Independent reference: exact long double distances, stable order by position.
std::vector<std::vector<long long>> referenceLists(const MatrixD& train, const Eigen::MatrixXd& queries, Eigen::Index k,
                                                   const std::vector<long long>& excludeSelf) {
    std::vector<std::vector<long long>> lists;
    for (Eigen::Index i = 0; i < queries.rows(); ++i) {
        std::vector<std::pair<long double, long long>> all;
        for (Eigen::Index t = 0; t < train.rows(); ++t) {
            if (t == excludeSelf[std::size_t(i)]) continue;
            long double sum = 0;
            for (Eigen::Index j = 0; j < kWidth; ++j) {
                const long double diff = (long double)queries(i, j) - (long double)train(t, j);
                sum += diff * diff;
            }
            all.emplace_back(sum, t);
        }
        std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        // The reference decides only where distances are far apart or exactly equal: near ties
        // (closer than rounding could separate) would make the comparison meaningless.
        for (Eigen::Index j = 0; j < k; ++j) {
            const long double gap = all[std::size_t(j + 1)].first - all[std::size_t(j)].first;
            if (gap != 0 && gap < 1e-9L * all[std::size_t(j + 1)].first) throw std::logic_error("near tie in the fixture");
        }
        std::vector<long long> list;
        for (Eigen::Index j = 0; j < k; ++j) list.push_back(all[std::size_t(j)].second);
        lists.push_back(std::move(list));
    }
    return lists;
}

std::vector<long long> listOf(const NeighbourLists& n, Eigen::Index query) { return {n.of(query), n.of(query) + n.k}; }

// Near ties: rows 4 200…4 499 repeat rows 0…299 of another block with their last column moved
// by one unit in the last place, so their distances to a query differ from the originals' by
// rounding-sized amounts, which a matrix product may round either way depending on its shape.
MatrixD nearTieRows() {
    MatrixD t = trainRows().topRows(5000);
    for (Eigen::Index i = 0; i < 300; ++i) {
        t.row(4200 + i) = t.row(i);
        t(4200 + i, kWidth - 1) = std::nextafter(t(i, kWidth - 1), 10.0);
    }
    return t;
}

// Reference for the near ties: every pair ranked by the documented per-pair distance
// (rankingSquaredDistance), brute force, stable by position.
std::vector<std::vector<long long>> rankingReference(const MatrixD& train, const Eigen::MatrixXd& queries, Eigen::Index k) {
    std::vector<std::vector<long long>> lists;
    for (Eigen::Index i = 0; i < queries.rows(); ++i) {
        const Eigen::RowVectorXd q = queries.row(i);
        std::vector<std::pair<double, long long>> all;
        for (Eigen::Index t = 0; t < train.rows(); ++t)
            all.emplace_back(rankingSquaredDistance(q.data(), train.row(t).data(), kWidth), t);
        std::sort(all.begin(), all.end());
        std::vector<long long> list;
        for (Eigen::Index j = 0; j < k; ++j) list.push_back(all[std::size_t(j)].second);
        lists.push_back(std::move(list));
    }
    return lists;
}

} // namespace

class TestNearestTrainRows : public QObject {
    Q_OBJECT

    MatrixD train_;
    Eigen::MatrixXd queries_;
    std::vector<long long> excludeSelf_;
    const Eigen::Index k_ = 24;
    std::vector<std::vector<long long>> reference_;

private slots:
    void initTestCase() {
        train_ = trainRows();
        queries_ = queryRows(train_, excludeSelf_);
        reference_ = referenceLists(train_, queries_, k_, excludeSelf_);
        // The fixture really has ties among the neighbours, across blocks, and self rows.
        int crossBlockTies = 0;
        for (const auto& list : reference_)
            crossBlockTies += int(std::count_if(list.begin(), list.end(), [](long long p) { return p >= 5000 && p < 5300; }));
        QVERIFY(crossBlockTies > 1000);
    }

    void singleSearchEqualsReference() {
        const NeighbourLists n = nearestTrainRows(gatherFrom(train_), queries_, k_, excludeSelf_, silentContext());
        QCOMPARE(n.k, k_);
        for (Eigen::Index i = 0; i < queries_.rows(); ++i) QCOMPARE(listOf(n, i), reference_[std::size_t(i)]);
        // A duplicated pair is listed lower position first, and a query that is a train row
        // does not list itself but its duplicate first (distance 0).
        const std::vector<long long> first = listOf(n, 0); // query 0 = train row 0 = row 9 = row 5000
        QCOMPARE(first[0], 9LL);
        QCOMPARE(first[1], 5000LL);
    }

    void independentOfThreadsAndQueryGrouping() {
        const int threads = omp_get_max_threads();
        for (int t : {1, 3}) {
            omp_set_num_threads(t);
            const NeighbourLists n = nearestTrainRows(gatherFrom(train_), queries_, k_, excludeSelf_, silentContext());
            for (Eigen::Index i = 0; i < queries_.rows(); ++i) QCOMPARE(listOf(n, i), reference_[std::size_t(i)]);
        }
        omp_set_num_threads(threads);
        // Queries searched alone or five at a time: other products, same lists.
        for (Eigen::Index i0 : {Eigen::Index(0), Eigen::Index(1), Eigen::Index(7), Eigen::Index(700)}) {
            const Eigen::Index count = i0 == 700 ? 5 : 1;
            const std::vector<long long> exclude(excludeSelf_.begin() + i0, excludeSelf_.begin() + i0 + count);
            const NeighbourLists n =
                nearestTrainRows(gatherFrom(train_), queries_.middleRows(i0, count), k_, exclude, silentContext());
            for (Eigen::Index i = 0; i < count; ++i) QCOMPARE(listOf(n, i), reference_[std::size_t(i0 + i)]);
        }
    }

    void partitionedSearchEqualsOneSearch_data() {
        QTest::addColumn<int>("ranks");
        QTest::newRow("P=2") << 2;
        QTest::newRow("P=3") << 3;
    }
    void partitionedSearchEqualsOneSearch() {
        QFETCH(int, ranks);
        // Train positions are a shuffle of data rows (as a split's are); rank r owns the r-th
        // contiguous run of data rows, so its train positions are scattered, and every
        // duplicated pair of rows has its two copies on different ranks for some P.
        std::vector<long long> dataRowOf(std::size_t(train_.rows()));
        for (std::size_t p = 0; p < dataRowOf.size(); ++p) dataRowOf[p] = (long long)p;
        std::shuffle(dataRowOf.begin(), dataRowOf.end(), std::mt19937_64(3));
        std::vector<NeighbourLists> results(static_cast<std::size_t>(ranks));
        test::ThreadRanks(ranks).run([&](const Communicator& comm) {
            const int r = comm.rank();
            SearchPartition partition;
            partition.comm = &comm;
            for (std::size_t p = 0; p < dataRowOf.size(); ++p)
                if (dataRowOf[p] * ranks / train_.rows() == r) partition.searched.push_back((long long)p);
            // Each rank keeps the lists of its own run of queries (one keeps none for P = 3).
            const Eigen::Index n = queries_.rows();
            partition.keptQueries = r == 2 ? std::pair<Eigen::Index, Eigen::Index>(n, n)
                                           : std::pair<Eigen::Index, Eigen::Index>(n * r / 2, n * (r + 1) / 2);
            results[std::size_t(r)] = nearestTrainRows(gatherFrom(train_), queries_, k_, excludeSelf_, silentContext(), &partition);
        });
        Eigen::Index covered = 0;
        for (const NeighbourLists& n : results) {
            QCOMPARE(n.k, k_);
            const Eigen::Index kept = Eigen::Index(n.positions.size()) / k_;
            for (Eigen::Index i = n.firstQuery; i < n.firstQuery + kept; ++i) QCOMPARE(listOf(n, i), reference_[std::size_t(i)]);
            covered += kept;
        }
        QCOMPARE(covered, queries_.rows());
    }

    void nearTiesRankedByTheirOwnDistance_data() {
        QTest::addColumn<int>("ranks");
        QTest::addColumn<int>("queriesPerSearch");
        QTest::newRow("one search") << 1 << 300;
        QTest::newRow("queries one at a time") << 1 << 1;
        QTest::newRow("queries three at a time") << 1 << 3;
        QTest::newRow("P=2") << 2 << 300;
        QTest::newRow("P=3") << 3 << 300;
    }
    void nearTiesRankedByTheirOwnDistance() {
        // Whatever the grouping of the queries and the rows, the pairs closer than rounding
        // come out in the order of their own distance: a pair's distance does not depend on
        // which product it was in.
        QFETCH(int, ranks);
        QFETCH(int, queriesPerSearch);
        const MatrixD train = nearTieRows();
        std::mt19937_64 rng(5);
        std::normal_distribution<double> normal;
        Eigen::MatrixXd queries(300, kWidth);
        for (Eigen::Index i = 0; i < queries.rows(); ++i)
            for (Eigen::Index j = 0; j < kWidth; ++j) queries(i, j) = train(i, j) + 0.05 * normal(rng);
        const Eigen::Index k = 6;
        const std::vector<std::vector<long long>> reference = rankingReference(train, queries, k);
        int nearTies = 0; // rows whose nudged copy is also among the neighbours
        for (Eigen::Index i = 0; i < queries.rows(); ++i)
            nearTies += int(std::count(reference[std::size_t(i)].begin(), reference[std::size_t(i)].end(), 4200 + i));
        QVERIFY(nearTies > 250);
        std::atomic<int> differing{0};
        test::ThreadRanks(ranks).run([&](const Communicator& comm) {
            SearchPartition partition;
            partition.comm = &comm;
            for (long long p = 0; p < train.rows(); ++p)
                if ((p * 7919) % ranks == comm.rank()) partition.searched.push_back(p); // interleaved ownership
            for (Eigen::Index i0 = 0; i0 < queries.rows(); i0 += queriesPerSearch) {
                const Eigen::Index count = std::min<Eigen::Index>(queriesPerSearch, queries.rows() - i0);
                const NeighbourLists n = nearestTrainRows(gatherFrom(train), queries.middleRows(i0, count), k, {},
                                                          silentContext(), ranks > 1 ? &partition : nullptr);
                for (Eigen::Index i = 0; i < count; ++i)
                    differing += listOf(n, i) != reference[std::size_t(i0 + i)];
            }
        });
        QCOMPARE(differing.load(), 0);
    }

    void rankingDistanceIgnoresWhereRowsAre() {
        // The same two rows at other addresses (off by one double: other alignment) give the
        // same bits; the value is the distance to rounding.
        std::vector<double> a(40), b(40);
        for (Eigen::Index j = 0; j < kWidth; ++j) {
            a[std::size_t(j)] = a[std::size_t(j + 20 + 1)] = queries_(1, j);
            b[std::size_t(j)] = b[std::size_t(j + 20 + 3)] = train_(2, j);
        }
        const double here = rankingSquaredDistance(a.data(), b.data(), kWidth);
        QCOMPARE(rankingSquaredDistance(a.data() + 21, b.data() + 23, kWidth), here);
        QVERIFY(std::abs(here - (queries_.row(1) - train_.row(2)).squaredNorm()) < 1e-12 * here);
    }

    void rejectsBadArguments() {
        const TrainRows rows = gatherFrom(train_);
        QVERIFY_THROWS_EXCEPTION(ComputeError, nearestTrainRows(rows, queries_, k_, {1, 2}, silentContext()));
        SearchPartition outside;
        outside.searched = {0, 1, 2};
        outside.keptQueries = {5, queries_.rows() + 1};
        QVERIFY_THROWS_EXCEPTION(ComputeError, nearestTrainRows(rows, queries_, k_, {}, silentContext(), &outside));
        const TrainRows narrow{train_.rows(), [this](const std::vector<long long>& p) {
                                   return MatrixD(train_(p, Eigen::seq(0, kWidth - 2)));
                               }};
        QVERIFY_THROWS_EXCEPTION(ComputeError, nearestTrainRows(narrow, queries_, k_, {}, silentContext()));
    }
};

QTEST_APPLESS_MAIN(TestNearestTrainRows)
#include "test_nearest_train_rows.moc"
