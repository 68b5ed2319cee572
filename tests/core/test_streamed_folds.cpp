// The train factorisation built by blocks of rows (core/metrics/streamed_folds.h, TSQR with
// LAPACK dtpqrt/dtpmqrt) gives the numbers of the whole-fold QR route (RegressionPlan on the
// train block itself, each fold one Householder QR):
//  * on ill-conditioned data (singular values over 12 decades) with targets whose held-out
//    RMSEs depend on the part outside the folds' span, for blocks smaller than d, equal to d,
//    with a last partial block, and larger than a fold; and for a fold's rows split into parts
//    (one of them empty) accumulated apart and merged, as ranks do: the same alpha and kept
//    count for every target, W and GFRE/GFRD within 1e-12 relative (W: see below), and each
//    prediction within eps·κ of a long-double fit;
//  * the block-streamed scaler equals fitScaling on the whole copy bit for bit (both sum with
//    compensation), also with the rows split over 3 ranks (tests/core/helpers/thread_ranks.h),
//    and the sums are exact where plain float64 sums are not;
//  * computeAllPairs with the rows partitioned over P = 2, 3 ranks gives every GFRE/GFRD of the
//    single-process run within 1e-12 relative, pointwise too, with the same chosen alphas.
#include <QtTest>

#include <cmath>
#include <set>

#include "core/metrics/all_pairs.h"
#include "core/metrics/block_scaling.h"
#include "core/metrics/compensated_sums.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/scaled_rows.h"
#include "core/metrics/splits.h"
#include "core/metrics/streamed_folds.h"
#include "core/util/error.h"

#include "helpers/regression_problem.h"
#include "helpers/thread_ranks.h"

using namespace le;
using namespace le::test;

namespace {

double relativeDifference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return (a - b).norm() / std::max(b.norm(), 1e-300);
}

bool within(double ours, double reference, double tolerance) {
    return std::abs(ours - reference) <= tolerance * std::abs(reference) + 1e-300;
}

// A reconstruction error is a difference of predictions of the size of the target's rows (their
// root mean square norm): where it is itself at rounding level (a set reconstructing itself,
// GFRE ~1e-15), a relative comparison means nothing, so errors are compared relative to the
// larger of the value and that scale.
double rowScale(const Eigen::MatrixXd& rows) { return std::sqrt(rows.squaredNorm() / double(rows.rows())); }

// The two folds of X's rows (twoFoldPositions) and the targets' same rows streamed through
// FoldAccumulator in blocks of `block` rows. With parts > 1, each fold's rows are cut into that
// many consecutive runs (with more than two, the second one empty), accumulated apart and
// merged in order, as the ranks of a distributed run do.
StreamedFolds streamByBlocks(const Eigen::MatrixXd& X, const std::vector<Eigen::MatrixXd>& targets,
                             Eigen::Index block, int parts) {
    std::vector<Eigen::Index> targetCols;
    for (const Eigen::MatrixXd& y : targets) targetCols.push_back(y.cols());
    const FoldAccumulator empty(X.cols(), targetCols);
    StreamedFolds out{{empty, empty}};
    const TwoFolds folds = twoFoldPositions(X.rows());
    for (int a = 0; a < 2; ++a) {
        const std::vector<long long>& rows = a == 0 ? folds.fold1 : folds.fold2;
        std::vector<std::pair<std::size_t, std::size_t>> ranges; // [first, last) of each part
        for (int part = 0; part < parts; ++part)
            ranges.emplace_back(rows.size() * std::size_t(part) / std::size_t(parts),
                                rows.size() * std::size_t(part + 1) / std::size_t(parts));
        if (parts > 2) { // part 2 takes part 1's rows: a rank without rows of this fold
            ranges[2].first = ranges[1].first;
            ranges[1].second = ranges[1].first;
        }
        for (const auto& [first, last] : ranges) {
            FoldAccumulator acc = empty;
            for (std::size_t from = first; from < last; from += std::size_t(block)) {
                const std::vector<long long> blockRows(rows.begin() + std::ptrdiff_t(from),
                                                       rows.begin() + std::ptrdiff_t(std::min(last, from + std::size_t(block))));
                std::vector<Eigen::MatrixXd> Y;
                for (const Eigen::MatrixXd& y : targets) Y.push_back(y(blockRows, Eigen::all));
                acc.addBlock(X(blockRows, Eigen::all), std::move(Y), silentContext());
            }
            out.folds[std::size_t(a)].merge(acc, silentContext());
        }
    }
    return out;
}

// rows × d float32-representable data with singular values over `decades`, offset from the origin.
MatrixF illConditionedFloat(Eigen::Index rows, Eigen::Index d, unsigned seed, double decades) {
    Problem p = makeProblem(rows, d, 1, seed, decades);
    Eigen::MatrixXd x = p.X * 30.0;
    x.rowwise() += Eigen::RowVectorXd::LinSpaced(d, 2.0, 5.0);
    return x.cast<float>();
}

} // namespace

class TestStreamedFolds : public QObject {
    Q_OBJECT
private slots:
    void blocksGiveTheWholeFoldRoute_data() {
        QTest::addColumn<int>("nTrain");
        QTest::addColumn<int>("d");
        QTest::addColumn<unsigned>("seed");
        // Folds of 200 rows for 30 columns (test_regression_plan's case, where leaving out the
        // part outside the folds' span changes some choices) and of 500 rows for 40 columns.
        QTest::newRow("400 x 30") << 400 << 30 << 1230u;
        QTest::newRow("1000 x 40") << 1000 << 40 << 41u;
    }
    void blocksGiveTheWholeFoldRoute() {
        QFETCH(int, nTrain);
        QFETCH(int, d);
        QFETCH(unsigned, seed);
        const Eigen::Index nTest = 300; // 12 decades
        const Problem p = makeProblem(nTrain + nTest, d, 12, seed);
        const Eigen::MatrixXd Xtr = p.X.topRows(nTrain), Xte = p.X.bottomRows(nTest);
        // Targets: twelve smooth functions with noise from 1e-4 to 1; a column X reproduces
        // exactly next to each of the four noisiest (no part outside any fold's span next to a
        // large one: the outside parts then weigh differently per column and decide the
        // choice); X itself (the diagonal); one column alone.
        const Eigen::VectorXd exact = p.X * Eigen::VectorXd::LinSpaced(d, -1.0, 1.0);
        std::vector<Eigen::MatrixXd> all{p.Y, p.X, p.Y.col(2)};
        for (int c = 8; c < 12; ++c) {
            Eigen::MatrixXd pair(p.X.rows(), 2);
            pair << exact, p.Y.col(c);
            all.push_back(pair);
        }
        std::vector<Eigen::MatrixXd> train, test;
        for (const Eigen::MatrixXd& y : all) {
            train.push_back(y.topRows(nTrain));
            test.push_back(y.bottomRows(nTest));
        }
        const EstimatorSettings settings;
        const RegressionPlan whole(Xtr, settings); // folds ≥ d: the whole-fold QR route
        const ScaledBlocks x{Eigen::MatrixXd(), Xte};
        std::set<double> alphasSeen;
        double worstW = 0, worstMeasure = 0, worstWellConditioned = 0;
        for (auto [block, parts] : {std::pair{7, 1}, std::pair{40, 1}, std::pair{333, 1}, std::pair{4096, 1},
                                    std::pair{64, 2}, std::pair{29, 4}}) {
            const StreamedFolds folds = streamByBlocks(Xtr, train, block, parts);
            QCOMPARE(folds.folds[0].rows() + folds.folds[1].rows(), (long long)nTrain);
            const RegressionPlan streamed(folds.triangles(), settings);
            for (std::size_t t = 0; t < all.size(); ++t) {
                const RegressionSolution ref = whole.solve(train[t]);
                const RegressionSolution ours = streamed.solve(folds.coordinates(t));
                QCOMPARE(ours.relativeAlpha, ref.relativeAlpha);
                QCOMPARE(ours.keptSingularValues, ref.keptSingularValues);
                alphasSeen.insert(ref.relativeAlpha);
                worstW = std::max(worstW, relativeDifference(ours.W, ref.W));
                // W's rounding is ~eps·κ of the kept spectrum in both routes (κ up to 1/alpha).
                QVERIFY2(relativeDifference(ours.W, ref.W) <= 1e-12 + 1e-15 / ref.relativeAlpha,
                         qPrintable(QString("block %1 × %2, target %3: W differs by %4 (alpha %5)")
                                        .arg(block).arg(parts).arg(t).arg(relativeDifference(ours.W, ref.W))
                                        .arg(ref.relativeAlpha)));
                PairMeasure gfreRef, gfrdRef, gfre, gfrd;
                globalMeasures(x, whole, ref, test[t], &gfreRef, &gfrdRef);
                globalMeasures(x, streamed, ours, test[t], &gfre, &gfrd);
                // Errors relative to max(value, the target rows' scale), to 1e-12 + eps·κ with
                // κ ≤ 1/alpha the condition of the kept spectrum: two backward-stable routes
                // differ by that much on a 12-decade spectrum (W too).
                const double scale = rowScale(test[t]), tolerance = 1e-12 + 1e-15 / ref.relativeAlpha;
                for (auto [a, b] : {std::pair{&gfre, &gfreRef}, std::pair{&gfrd, &gfrdRef}}) {
                    const double difference = std::abs(a->value - b->value) / std::max(b->value, scale);
                    (ref.relativeAlpha >= 1e-3 ? worstWellConditioned : worstMeasure) =
                        std::max(ref.relativeAlpha >= 1e-3 ? worstWellConditioned : worstMeasure, difference);
                    QVERIFY2(std::abs(a->value - b->value) <= tolerance * std::max(b->value, scale),
                             qPrintable(QString("block %1 × %2, target %3: %4 vs %5").arg(block).arg(parts).arg(t)
                                            .arg(a->value, 0, 'g', 17).arg(b->value, 0, 'g', 17)));
                    for (Eigen::Index i = 0; i < nTest; ++i)
                        QVERIFY2(std::abs(a->pointwise[i] - b->pointwise[i]) <= tolerance * std::max(b->pointwise[i], scale),
                                 qPrintable(QString("block %1 × %2, target %3, point %4: %5 vs %6").arg(block).arg(parts)
                                                .arg(t).arg(i).arg(a->pointwise[i], 0, 'g', 17)
                                                .arg(b->pointwise[i], 0, 'g', 17)));
                }
                // Each prediction against the same fit in long double (the bound of
                // test_regression_plan: eps·κ of the terms' scale).
                for (Eigen::Index c = 0; c < train[t].cols() && (block == 7 || parts == 4); c += 7) {
                    const LongDoubleFit fit = longDoublePrediction(Xtr, train[t].col(c), p.x, ours.absoluteAlpha);
                    const double prediction = (p.x * ours.W.col(c))(0);
                    QVERIFY(double(std::abs(prediction - fit.prediction)) <=
                            (1e-15 / ours.relativeAlpha + 1e-13) * double(fit.scale));
                }
                const Eigen::MatrixXd gram = Xtr.transpose() * (Xtr * ours.W);
                QVERIFY(relativeDifference(streamed.gramTimes(ours.W), gram) <= 1e-12);
            }
        }
        qInfo("worst relative difference to the whole-fold route: W %.2e, GFRE/GFRD %.2e (alpha < 1e-3), %.2e (alpha ≥ 1e-3)",
              worstW, worstMeasure, worstWellConditioned);
        QVERIFY(alphasSeen.size() >= 3); // the choice depends on the target
    }

    void leastSquaresFromTriangles() {
        // The estimators without CV take the same route (only the stacked triangle is used).
        const Problem p = makeProblem(600, 30, 3, 5, 6.0);
        EstimatorSettings settings;
        settings.kind = EstimatorKind::LeastSquares;
        const RegressionPlan whole(p.X, settings);
        const StreamedFolds folds = streamByBlocks(p.X, {p.Y}, 50, 1);
        const RegressionPlan streamed(folds.triangles(), settings);
        const RegressionSolution ref = whole.solve(p.Y), ours = streamed.solve(folds.coordinates(0));
        QCOMPARE(ours.keptSingularValues, ref.keptSingularValues);
        QVERIFY(relativeDifference(ours.W, ref.W) <= 1e-9); // κ = 1e6 kept: eps·κ
    }

    void wideFoldsAreRefused() {
        const Problem p = makeProblem(60, 40, 1, 3);
        const StreamedFolds folds = streamByBlocks(p.X, {p.Y}, 16, 1);
        QVERIFY_THROWS_EXCEPTION(ComputeError, RegressionPlan(folds.triangles(), EstimatorSettings{}));
    }

    void compensatedSumsAreExact() {
        // 1e16, 1, −1e16, 3 repeated: a plain float64 sum loses the small terms, the compensated
        // one gives the exact 4·reps in any order or grouping.
        const int reps = 1000;
        Eigen::MatrixXd rows(4 * reps, 1);
        for (int i = 0; i < reps; ++i) rows.middleRows(4 * i, 4) << 1e16, 1.0, -1e16, 3.0;
        double plain = 0;
        for (Eigen::Index i = 0; i < rows.rows(); ++i) plain += rows(i, 0);
        QVERIFY(plain != 4.0 * reps);
        CompensatedSums whole(1), parts(1);
        whole.addRows(rows);
        QCOMPARE(whole.rounded()[0], 4.0 * reps);
        for (int first = 0; first < rows.rows(); first += 333) { // another grouping, reversed order
            const Eigen::MatrixXd part = rows.middleRows(first, std::min<Eigen::Index>(333, rows.rows() - first)).colwise().reverse();
            CompensatedSums s(1);
            s.addRows(part);
            parts.add(CompensatedSums::unpacked(s.packed()));
        }
        QCOMPARE(parts.rounded()[0], 4.0 * reps);
        CompensatedSums squares(1);
        squares.addCentredSquares(rows.topRows(4), Eigen::RowVectorXd::Constant(1, 1.0)); // (1e16−1)² + 0 + (1e16+1)² + 4
        QCOMPARE(squares.roundedTotal(), 2e32 + 6.0);
    }

    void blockScalerEqualsTheWholeCopy() {
        const FeatureSet set{"x", Level::Atom, illConditionedFloat(5000, 24, 9, 6.0), ""};
        const TrainTestSplit split = skmatterDefaultSplit(5000);
        const Scaling ref = fitScaling(gatherRows(set, split.train), ScalerKind::StandardFlexible, "x");
        // Both sum with compensation (rounded once): the same scaler bit for bit, in practice,
        // whatever the blocks, the order (file order here, split order there) or the ranks.
        auto check = [&](const Scaling& s) {
            QCOMPARE(s.scale, ref.scale);
            QVERIFY((s.mean.array() == ref.mean.array()).all());
        };
        // And the scaler itself: mean and variance of the float64 copy in long double.
        const Eigen::MatrixXd copy = gatherRows(set, split.train);
        for (Eigen::Index j = 0; j < copy.cols(); ++j) {
            long double sum = 0;
            for (Eigen::Index i = 0; i < copy.rows(); ++i) sum += copy(i, j);
            QVERIFY(within(ref.mean[j], double(sum / copy.rows()), 1e-15));
        }
        const Eigen::MatrixXd centred = copy.rowwise() - copy.colwise().mean();
        QVERIFY(within(ref.scale, std::sqrt(centred.squaredNorm() / double(copy.rows())), 1e-13));
        for (Eigen::Index block : {7, 2048, 100000})
            check(fitScalingByBlocks(set, split.train, ScalerKind::StandardFlexible, "x", WorkShare{}, block));
        // Rows over 3 ranks: each sums its own, every rank ends with the same scaler.
        std::vector<Scaling> perRank(3);
        ThreadRanks(3).run([&](const Communicator& comm) {
            const WorkShare share{comm.rank(), comm.size(), &comm};
            perRank[std::size_t(comm.rank())] =
                fitScalingByBlocks(set, split.train, ScalerKind::StandardFlexible, "x", share, 300);
        });
        for (const Scaling& s : perRank) check(s);
        // No scaler: untouched; a constant set: the zero-variance error.
        const Scaling none = fitScalingByBlocks(set, split.train, ScalerKind::None, "x", WorkShare{}, 64);
        QVERIFY(none.mean.isZero() && none.scale == 1.0);
        const FeatureSet flat{"flat", Level::Atom, MatrixF(MatrixF::Constant(100, 3, 2.5f)), ""};
        QVERIFY_THROWS_EXCEPTION(ComputeError, fitScalingByBlocks(flat, skmatterDefaultSplit(100).train,
                                                                  ScalerKind::StandardFlexible, "flat", WorkShare{}, 16));
    }

    void partitionedRowsEqualOneProcess_data() {
        QTest::addColumn<int>("ranks");
        QTest::addColumn<int>("rows");
        QTest::addColumn<bool>("diagonal");
        // 9000 rows: folds of 2250 train rows, two blocks each in one process.
        QTest::newRow("P=2, 9000 rows") << 2 << 9000 << true;
        QTest::newRow("P=3, 9000 rows, no diagonal") << 3 << 9000 << false;
        // 260 rows: the 90-wide set's folds (65 rows) are wide, so it takes the gathered route.
        QTest::newRow("P=3, 260 rows") << 3 << 260 << true;
    }
    void partitionedRowsEqualOneProcess() {
        QFETCH(int, ranks);
        QFETCH(int, rows);
        QFETCH(bool, diagonal);
        std::vector<FeatureSet> sets{FeatureSet{"a", Level::Atom, illConditionedFloat(rows, 16, 1, 6.0), ""},
                                     FeatureSet{"b", Level::Atom, illConditionedFloat(rows, 11, 2, 6.0), ""},
                                     FeatureSet{"c", Level::Atom, illConditionedFloat(rows, 6, 5, 6.0), ""}};
        if (rows < 1000) sets.push_back(FeatureSet{"wide", Level::Atom, illConditionedFloat(rows, 90, 7, 6.0), ""});
        std::vector<const FeatureSet*> pointers;
        for (const FeatureSet& s : sets) pointers.push_back(&s);
        MetricSettings settings;
        settings.measures = {Measure::GFRE, Measure::GFRD};
        settings.includeDiagonal = diagonal;
        const AllPairsResult one = computeAllPairs(pointers, settings, {}, silentContext());
        std::vector<AllPairsResult> results(static_cast<std::size_t>(ranks));
        ThreadRanks(ranks).run([&](const Communicator& comm) {
            results[std::size_t(comm.rank())] =
                computeAllPairs(pointers, settings, {}, silentContext(), WorkShare{comm.rank(), comm.size(), &comm});
        });
        // Scaled features (total variance 1): every error is a difference of rows of norm ~1,
        // so values are compared relative to max(value, 1), to 1e-12 + eps·κ as in
        // blocksGiveTheWholeFoldRoute (κ ≤ 1/alpha: the ranks add their rows in another order,
        // which moves an ill-conditioned fit by that much; alpha ≥ 1e-3 leaves 1e-12). A set
        // against itself is the exception for GFRD: its value is rounding (~1e-12: X W and the
        // Procrustes X Q, Q the polar factor of XᵀX W whose condition is κ(X)² ≈ 1e12 here, differ
        // only by rounding), and any change of summation order moves it by as much; held to 1e-10.
        double worstOff = 0, worstIll = 0, worstDiagonal = 0;
        int compared = 0;
        for (Measure m : {Measure::GFRE, Measure::GFRD})
            for (std::size_t s = 0; s < sets.size(); ++s)
                for (std::size_t t = 0; t < sets.size(); ++t) {
                    if (s == t && !diagonal) continue;
                    const PairMeasure& ref = one.pairs.at(m)[s][t];
                    const PairMeasure& ours = results[s % std::size_t(ranks)].pairs.at(m)[s][t];
                    const double tolerance =
                        std::max(s == t && m == Measure::GFRD ? 1e-10 : 0.0, 1e-12 + 1e-15 / ref.chosenRelativeAlpha);
                    auto close = [&](double a, double b) { return std::abs(a - b) <= tolerance * std::max(std::abs(b), 1.0); };
                    double& worst = s == t ? worstDiagonal : ref.chosenRelativeAlpha >= 1e-3 ? worstOff : worstIll;
                    worst = std::max(worst, std::abs(ours.value - ref.value) / std::max(ref.value, 1.0));
                    QVERIFY2(close(ours.value, ref.value),
                             qPrintable(QString("%1 %2→%3: %4 vs %5").arg(measureName(m)).arg(s).arg(t)
                                            .arg(ours.value, 0, 'g', 17).arg(ref.value, 0, 'g', 17)));
                    QCOMPARE(ours.chosenRelativeAlpha, ref.chosenRelativeAlpha);
                    QCOMPARE(ours.keptSingularValues, ref.keptSingularValues);
                    QCOMPARE(ours.pointwise.size(), ref.pointwise.size());
                    for (Eigen::Index i = 0; i < ref.pointwise.size(); ++i) {
                        worst = std::max(worst, std::abs(ours.pointwise[i] - ref.pointwise[i]) / std::max(ref.pointwise[i], 1.0));
                        QVERIFY2(close(ours.pointwise[i], ref.pointwise[i]),
                                 qPrintable(QString("%1 %2→%3, point %4: %5 vs %6 (alpha %7)").arg(measureName(m)).arg(s).arg(t)
                                                .arg(i).arg(ours.pointwise[i], 0, 'g', 17).arg(ref.pointwise[i], 0, 'g', 17).arg(ref.chosenRelativeAlpha)));
                    }
                    // Another rank's source is not computed here.
                    QVERIFY(std::isnan(results[(s + 1) % std::size_t(ranks)].pairs.at(m)[s][t].value));
                    ++compared;
                }
        qInfo("%d pairs × measures; worst difference relative to max(value, 1): %.2e off the diagonal "
              "(alpha ≥ 1e-3), %.2e (alpha < 1e-3), %.2e on the diagonal",
              compared, worstOff, worstIll, worstDiagonal);
        QCOMPARE(compared, 2 * int(sets.size() * sets.size() - (diagonal ? 0 : sets.size())));
        // Regularisation matters on these data: some fit keeps fewer than all singular values.
        QVERIFY(one.pairs.at(Measure::GFRE)[0][1].keptSingularValues < 16);
    }
};

QTEST_APPLESS_MAIN(TestStreamedFolds)
#include "test_streamed_folds.moc"
