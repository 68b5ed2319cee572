// The all-pairs engine keeps float32 sets as float32 and scales only the rows a step needs
// (core/metrics/scaled_rows.h, issue #17). Its numbers must equal those of the path that scales
// a float64 copy of each whole set (computePairMeasure on toDouble(), as the engine did before)
// within 1e-12 relative (of max(value, 1), see within()), pointwise, on ill-conditioned float32 data.
#include <QtTest>

#include <random>

#include <Eigen/QR>

#include "core/metrics/all_pairs.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/scaled_rows.h"

using namespace le;

namespace {

// rows × d float32 with singular values 10^0 … 10^-6 (condition number 1e6 before rounding to
// float32, whose own rounding then sits at the smallest values), offset from the origin.
MatrixF illConditioned(int rows, int d, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd a(rows, d), b(d, d);
    for (Eigen::Index i = 0; i < a.size(); ++i) a.data()[i] = normal(rng);
    for (Eigen::Index i = 0; i < b.size(); ++i) b.data()[i] = normal(rng);
    const Eigen::MatrixXd u = Eigen::HouseholderQR<Eigen::MatrixXd>(a).householderQ() * Eigen::MatrixXd::Identity(rows, d);
    const Eigen::MatrixXd v = Eigen::HouseholderQR<Eigen::MatrixXd>(b).householderQ() * Eigen::MatrixXd::Identity(d, d);
    Eigen::VectorXd s(d);
    for (int j = 0; j < d; ++j) s[j] = std::pow(10.0, -6.0 * j / (d - 1));
    Eigen::MatrixXd x = u * s.asDiagonal() * v.transpose() * 30.0;
    x.rowwise() += Eigen::RowVectorXd::LinSpaced(d, 2.0, 5.0);
    return x.cast<float>();
}

// 1e-12 relative to max(|reference|, 1). The engine builds GFRE/GFRD's train factorisation by
// blocks of rows (core/metrics/streamed_folds.h), the float64 copy path from whole folds, so
// those agree to rounding, no longer bit for bit (LFRE still does: the scalers, fitted by blocks
// and on the copy, agree bit for bit, see core/metrics/compensated_sums.h). Values are in
// units of the scaled features (total variance 1, rows of norm ~1): a set reconstructing itself
// has a GFRE at rounding level (~1e-16), whose relative difference means nothing. Its GFRD is
// rounding too (~1e-12: X W against the Procrustes X Q, Q the polar factor of XᵀX W, whose
// condition is κ(X)² ≈ 1e12 here), and any change of summation order moves it by as much: held
// to 1e-10 (`tolerance`).
bool within(double ours, double reference, double tolerance = 1e-12) {
    return std::abs(ours - reference) <= tolerance * std::max(std::abs(reference), 1.0);
}

} // namespace

class TestMetricsLowMemory : public QObject {
    Q_OBJECT
private slots:
    void scaledRowsEqualAScaledCopy() {
        const FeatureSet set{"x", Level::Atom, illConditioned(50, 7, 3), "x.npy"};
        const std::vector<long long> rows{4, 0, 49, 17, 17, 31};
        Eigen::MatrixXd copy = set.toDouble()(rows, Eigen::all);
        const Scaling scaling = fitScaling(copy, ScalerKind::StandardFlexible, "x");
        copy.rowwise() -= scaling.mean; // Scaling::applyInPlace by hand
        copy /= scaling.scale;
        const ScaledRows scaled(set, scaling);
        QVERIFY((scaled.gather(rows).array() == copy.array()).all()); // bit for bit
        QVERIFY((scaled.gatherRowMajor(rows).array() == copy.array()).all());
        const Eigen::MatrixXd picked = scaled.gather(rows, {5, 1});
        QVERIFY((picked.row(0).array() == copy.row(5).array()).all() && (picked.row(1).array() == copy.row(1).array()).all());
    }

    void engineEqualsTheFloat64CopyPath() {
        // Three float32 sets on 240 rows (120 train > d, so GFRE takes the QR route) of widths
        // 12, 9 and 6: LFRE uses k = 12, 9, 6 and the diagonal of the widest set runs alone.
        const std::vector<FeatureSet> sets{FeatureSet{"a", Level::Atom, illConditioned(240, 12, 1), ""},
                                           FeatureSet{"b", Level::Atom, illConditioned(240, 9, 2), ""},
                                           FeatureSet{"c", Level::Atom, illConditioned(240, 6, 5), ""}};
        const MetricSettings settings;
        const AllPairsResult r = computeAllPairs({&sets[0], &sets[1], &sets[2]}, settings, {}, silentContext());
        const TrainTestSplit split = skmatterDefaultSplit(240);
        int compared = 0;
        for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE})
            for (std::size_t s = 0; s < 3; ++s)
                for (std::size_t t = 0; t < 3; ++t) {
                    const PairMeasure copyPath =
                        computePairMeasure(m, sets[s].toDouble(), sets[t].toDouble(), split, settings);
                    const PairMeasure& engine = r.pairs.at(m)[s][t];
                    const double tolerance = s == t && m == Measure::GFRD ? 1e-10 : 1e-12;
                    QVERIFY2(within(engine.value, copyPath.value, tolerance),
                             qPrintable(QString("%1 %2→%3: %4 vs %5").arg(measureName(m)).arg(s).arg(t)
                                            .arg(engine.value, 0, 'g', 17).arg(copyPath.value, 0, 'g', 17)));
                    QCOMPARE(engine.pointwise.size(), copyPath.pointwise.size());
                    for (Eigen::Index i = 0; i < engine.pointwise.size(); ++i)
                        QVERIFY(within(engine.pointwise[i], copyPath.pointwise[i], tolerance));
                    QCOMPARE(engine.chosenRelativeAlpha, copyPath.chosenRelativeAlpha);
                    if (m == Measure::LFRE) { // same scaler bit for bit (compensated sums): same LFRE
                        QCOMPARE(engine.value, copyPath.value);
                        QVERIFY((engine.pointwise.array() == copyPath.pointwise.array()).all());
                    }
                    ++compared;
                }
        QCOMPARE(compared, 27);
        // The data is ill-conditioned enough that regularisation matters: not every GFRE
        // fit keeps all singular values.
        QVERIFY(r.pairs.at(Measure::GFRE)[0][1].keptSingularValues < 12);
    }
};

QTEST_APPLESS_MAIN(TestMetricsLowMemory)
#include "test_metrics_low_memory.moc"
