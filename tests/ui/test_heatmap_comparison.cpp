// The Comparison tab: follows the workspace's results (GFRE | LFRE, GFRD on demand),
// clicking sets the current pair, published matrices beside or as a difference.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include "helpers/hand_made_results.h"
#include "ui/export/matrix_export.h"
#include "ui/views/comparison_view.h"
#include "ui/views/heatmap_view.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

class TestComparisonView : public QObject {
    Q_OBJECT
private slots:
    void followsResultsAndClicks() {
        Workspace workspace;
        ComparisonView view(workspace);
        view.resize(1000, 500);
        QVERIFY(view.computedView()->panels().empty());
        workspace.setMetrics(std::make_shared<AllPairsResult>(test::handMadeResult()));
        QCOMPARE(view.panelMeasures(), (std::vector<Measure>{Measure::GFRE, Measure::LFRE}));
        QCOMPARE(view.computedView()->cellText(1, 1, 0), QString("0.88"));
        view.setShowGfrd(true);
        QCOMPARE(view.panelMeasures().back(), Measure::GFRD);
        QCOMPARE(view.computedView()->cellText(2, 2, 1), QString("0.60"));

        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy activated(&view, &ComparisonView::pairActivated);
        HeatmapView* heatmap = view.computedView();
        QTest::mouseClick(heatmap->plot(), Qt::LeftButton, {},
                          heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(1, 2, 0)));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(workspace.currentSource(), 2);
        QCOMPARE(workspace.currentTarget(), 0);
        QCOMPARE(workspace.currentMeasure(), Measure::LFRE);
    }

    void publishedBesideAndDifference() {
        Workspace workspace;
        ComparisonView view(workspace);
        const auto result = test::handMadeResult();
        workspace.setMetrics(std::make_shared<AllPairsResult>(result));
        // A "published" GFRE for two of the models, in the paper's layout.
        NamedMatrix published;
        published.title = "GFRE";
        published.rowNames = published.columnNames = {"PET", "MACE"};
        published.values.resize(2, 2);
        published.values << 0.0, 0.9, 0.5, 0.0; // PET → MACE 0.9, MACE → PET 0.5
        QTemporaryDir dir;
        const QString file = dir.filePath("gfre_subset.json");
        QCOMPARE(writeTextFile(file, matrixToJson(published)), QString());
        QVERIFY(!view.publishedView()->isVisibleTo(&view));
        view.importPublished({file});
        QVERIFY(view.publishedView()->isVisibleTo(&view));
        QCOMPARE(view.publishedView()->panels().size(), std::size_t(1));
        QCOMPARE(view.publishedView()->panels()[0].title, QString("GFRE (published)"));
        QCOMPARE(view.publishedView()->cellText(0, 0, 1), QString("0.90"));

        view.setPublishedMode(ComparisonView::PublishedMode::Difference);
        const NamedMatrix& d = view.publishedView()->panels().at(0);
        QCOMPARE(d.rowNames, (QStringList{"MACE", "PET"})); // computed order
        QVERIFY(std::abs(d.values(0, 1) - (0.4242 - 0.5)) < 1e-15); // MACE → PET
        QVERIFY(std::abs(d.values(1, 0) - (0.95 - 0.9)) < 1e-15);   // PET → MACE
        QCOMPARE(view.publishedView()->colorRange().min, -(0.5 - 0.4242));
        view.clearPublished();
        QVERIFY(!view.publishedView()->isVisibleTo(&view));
    }
};

QTEST_MAIN(TestComparisonView)
#include "test_heatmap_comparison.moc"
