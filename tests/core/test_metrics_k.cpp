// LFRE's k: the automatic choice min(d_source, d_target) is capped at the number of rows,
// an explicit k is checked as scikit-matter checks it.
#include <QtTest>

#include "core/metrics/all_pairs.h"
#include "core/metrics/pair_measures.h"
#include "core/util/error.h"

using namespace le;

class TestMetricsK : public QObject {
    Q_OBJECT
private slots:
    void automaticKIsMinOfDimensions() { QCOMPARE(resolveLfreK(0, 12, 30, 162), Eigen::Index(12)); }
    void automaticKIsCappedAtRows() { QCOMPARE(resolveLfreK(0, 192, 40, 20), Eigen::Index(20)); }
    void explicitKAboveRowsIsAnError() {
        QVERIFY_THROWS_EXCEPTION(ComputeError, resolveLfreK(21, 192, 40, 20));
    }
    void explicitKIsKept() { QCOMPARE(resolveLfreK(5, 192, 40, 20), Eigen::Index(5)); }

    // 20 rows of 30-d features (wider than the data) that lie in a 3-d subspace: LFRE with
    // the automatic k uses the whole training set (10 rows), whose centred rows span that
    // subspace, so a linear copy is reconstructed to rounding.
    void smallWideDatasetGetsAnAnswer() {
        const MatrixD x = MatrixD::Random(20, 3) * MatrixD::Random(3, 30);
        MatrixD y = x * 3.0;
        FeatureSet a{"a", Level::Structure, x, "a"};
        FeatureSet b{"b", Level::Structure, y, "b"};
        MetricSettings settings;
        settings.measures = {Measure::LFRE};
        const AllPairsResult r = computeAllPairs({&a, &b}, settings, {}, silentContext());
        const PairMeasure& p = r.pairs.at(Measure::LFRE)[0][1];
        QCOMPARE(p.k, 10LL);
        QVERIFY2(p.value < 1e-8, qPrintable(QString::number(p.value)));
    }
};

QTEST_GUILESS_MAIN(TestMetricsK)
#include "test_metrics_k.moc"
