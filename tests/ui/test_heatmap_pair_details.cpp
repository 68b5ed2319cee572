// Pair details: summary statistics and histogram of pointwise errors (hand-calculated),
// worst points mapped through the subset rows to frame / atom / species, the dialog
// following the workspace's current pair.
#include <QLabel>
#include <QTableWidget>
#include <QTest>

#include <qcustomplot.h>

#include "helpers/hand_made_results.h"
#include "ui/dialogs/pair_details_dialog.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

class TestPairDetails : public QObject {
    Q_OBJECT
private slots:
    void statisticsByHand() {
        PairMeasure pair;
        pair.pointwise.resize(5);
        pair.pointwise << 0.1, 0.9, 0.3, 0.5, 0.2;
        // test points are result rows 1 3 5 7 8; no subset → dataset atoms.
        const auto stats = pairStatistics(pair, {1, 3, 5, 7, 8}, {}, Level::Atom,
                                          test::handMadeDataset().get(), 9, 3);
        QCOMPARE(stats.count, 5LL);
        QVERIFY(std::abs(stats.mean - 0.4) < 1e-15);  // (0.1+0.9+0.3+0.5+0.2)/5
        QCOMPARE(stats.median, 0.3);
        // numpy percentile, linear: rank 0.95·4 = 3.8 → 0.5 + 0.8·(0.9 − 0.5) = 0.82
        QVERIFY(std::abs(stats.p95 - 0.82) < 1e-12);
        QCOMPARE(stats.max, 0.9);
        // 9 bins of width 0.1 from 0: 0.1→bin 1, 0.2→2, 0.3→3 (floating point may round 0.3/0.1 down), 0.5→5, 0.9→8
        QCOMPARE(stats.binStart, 0.0);
        QVERIFY(std::abs(stats.binWidth - 0.1) < 1e-15);
        long long total = 0;
        for (long long c : stats.histogram) total += c;
        QCOMPARE(total, 5LL);
        QCOMPARE(stats.histogram[8], 1LL);
        QCOMPARE(stats.histogram[5], 1LL);
        // Worst 3: 0.9 (row 3 = CH4 atom 3, H), 0.5 (row 7 = H2O atom 2, H), 0.3 (row 5 = O).
        QCOMPARE(stats.worst.size(), std::size_t(3));
        QCOMPARE(stats.worst[0].value, 0.9);
        QCOMPARE(stats.worst[0].row, 3LL);
        QCOMPARE(stats.worst[0].frame, 0LL);
        QCOMPARE(stats.worst[0].atomInFrame, 3LL);
        QCOMPARE(stats.worst[0].species, 1);
        QCOMPARE(stats.worst[1].row, 7LL);
        QCOMPARE(stats.worst[1].frame, 1LL);
        QCOMPARE(stats.worst[1].atomInFrame, 2LL);
        QCOMPARE(stats.worst[2].row, 5LL);
        QCOMPARE(stats.worst[2].species, 8);
    }

    void subsetRowsMapBackToDatasetAtoms() {
        PairMeasure pair;
        pair.pointwise.resize(2);
        pair.pointwise << 0.25, 0.75;
        // The analysis ran on the heavy atoms only: result rows 0,1,2 = atoms 0, 5, 8.
        const auto stats = pairStatistics(pair, {2, 1}, {0, 5, 8}, Level::Atom,
                                          test::handMadeDataset().get());
        QCOMPARE(stats.worst[0].value, 0.75); // result row 1 → atom 5 (O of frame 1)
        QCOMPARE(stats.worst[0].row, 5LL);
        QCOMPARE(stats.worst[0].frame, 1LL);
        QCOMPARE(stats.worst[0].atomInFrame, 0LL);
        QCOMPARE(stats.worst[0].species, 8);
        QCOMPARE(stats.worst[1].row, 8LL); // result row 2 → atom 8, frame 2
        QCOMPARE(stats.worst[1].frame, 2LL);
        QCOMPARE(stats.worst[1].species, 6);
    }

    void structureLevelRowsAreFrames() {
        PairMeasure pair;
        pair.pointwise.resize(2);
        pair.pointwise << 0.4, std::nan("");
        const auto stats = pairStatistics(pair, {2, 0}, {}, Level::Structure, test::handMadeDataset().get());
        QCOMPARE(stats.count, 1LL); // NaN ignored
        QCOMPARE(stats.worst.size(), std::size_t(1));
        QCOMPARE(stats.worst[0].frame, 2LL);
        QCOMPARE(stats.worst[0].atomInFrame, -1LL);
    }

    void regularisationIsDescribed() {
        PairMeasure pair;
        pair.chosenRelativeAlpha = 1e-6;
        pair.keptSingularValues = 7;
        pair.k = 12;
        QVERIFY(regularisationText(pair, Measure::GFRE).contains("1e-06"));
        QVERIFY(regularisationText(pair, Measure::GFRE).contains("7 singular values"));
        QVERIFY(regularisationText(pair, Measure::LFRE).contains("k = 12"));
    }

    void dialogFollowsTheWorkspace() {
        Workspace workspace;
        workspace.setDataset(test::handMadeDataset());
        auto result = std::make_shared<AllPairsResult>(test::handMadeResult());
        workspace.setMetrics(result);
        PairDetailsDialog dialog(workspace);
        QCOMPARE(dialog.statistics().count, 0LL); // no pair yet
        workspace.setCurrentPair(0, 1, Measure::GFRE); // MACE → PET, pointwise 0.1 0.9 0.3 0.5 0.2
        QCOMPARE(dialog.statistics().count, 5LL);
        QCOMPARE(dialog.worstTable()->rowCount(), 5);
        QCOMPARE(dialog.worstTable()->item(0, 0)->text(), QString("0")); // frame of atom 3
        QCOMPARE(dialog.worstTable()->item(0, 1)->text(), QString("3"));
        QCOMPARE(dialog.worstTable()->item(0, 2)->text(), QString("H"));
        QCOMPARE(dialog.worstTable()->item(0, 3)->text(), QString("0.9"));
        QVERIFY(dialog.summaryText().contains("median 0.3"));
        QVERIFY(dialog.summaryText().contains("95th percentile 0.82"));
        QCOMPARE(dialog.histogram()->plottableCount(), 1);
        // Clicking the worst row selects atom 3 and shows frame 0; the second, frame 1.
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* table = dialog.worstTable();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualItemRect(table->item(1, 0)).center());
        QCOMPARE(workspace.currentFrame(), 1);
        QCOMPARE(workspace.selectedAtoms(), (QSet<qint64>{7}));
    }
};

QTEST_MAIN(TestPairDetails)
#include "test_heatmap_pair_details.moc"
