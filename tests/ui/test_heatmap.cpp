// The heatmap widget and its data: cell values and printed text against hand-made
// results, readable text colour, axes, hover text, clicks, published JSON import, difference.
#include <QSignalSpy>
#include <QTest>

#include <qcustomplot.h>

#include <cmath>

#include "core/util/error.h"
#include "helpers/hand_made_results.h"
#include "ui/views/heatmap_view.h"

using namespace le;
using namespace le::ui;

namespace {

QStringList tickLabels(QCPAxis* axis) {
    auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? QStringList(ticker->ticks().values()) : QStringList();
}

QStringList printedTexts(QCustomPlot* plot) {
    QStringList texts;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i))) texts << t->text();
    return texts;
}

} // namespace

class TestHeatmap : public QObject {
    Q_OBJECT
private slots:
    void matrixFromResultKeepsSourceRowsTargetColumns() {
        const auto result = test::handMadeResult();
        const NamedMatrix m = matrixFromResult(result, Measure::GFRE);
        QCOMPARE(m.title, QString("GFRE"));
        QCOMPARE(m.rowNames, (QStringList{"MACE", "PET", "UMA"}));
        QCOMPARE(m.values(0, 1), 0.4242); // MACE → PET
        QCOMPARE(m.values(1, 0), 0.95);   // PET → MACE
        AllPairsResult partial = result;
        partial.matrices.erase(Measure::GFRD);
        QVERIFY(std::isnan(matrixFromResult(partial, Measure::GFRD).values(0, 1)));
    }

    void printsEveryCellWithTwoDecimals() {
        const auto result = test::handMadeResult();
        HeatmapView view;
        view.setPanels({matrixFromResult(result, Measure::GFRE), matrixFromResult(result, Measure::LFRE)});
        QCOMPARE(view.cellText(0, 0, 1), QString("0.42"));
        QCOMPARE(view.cellText(0, 1, 2), QString("0.56")); // 0.555 rounds half up
        QCOMPARE(view.cellText(1, 1, 0), QString("0.88"));
        QCOMPARE(view.cellText(0, 0, 0), QString("0.00"));
        const QStringList texts = printedTexts(view.plot());
        QCOMPARE(texts.size(), 18); // 2 panels × 9 cells
        QCOMPARE(texts.count("0.42"), 1);
        QCOMPARE(texts.count("0.95"), 1);
        // Two colour maps (one per panel) sharing one colour scale fixed to 0–1.
        QCOMPARE(view.plot()->plottableCount(), 2);
        auto* map = qobject_cast<QCPColorMap*>(view.plot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(map->dataRange().lower, 0.0);
        QCOMPARE(map->dataRange().upper, 1.0);
        QCOMPARE(map->data()->cell(1, 0), 0.4242); // key = column (target), value = row (source)
        QCOMPARE(map->colorScale(), qobject_cast<QCPColorMap*>(view.plot()->plottable(1))->colorScale());
    }

    void textColourIsReadableOnDarkAndLightCells() {
        const auto result = test::handMadeResult();
        HeatmapView view;
        view.setPanels({matrixFromResult(result, Measure::GFRE)});
        // viridis: 0.05 is dark purple, 0.95 bright yellow.
        QCOMPARE(view.cellTextColor(0, 0, 2), QColor(Qt::white));
        QCOMPARE(view.cellTextColor(0, 1, 0), QColor(Qt::black));
        view.setColorRange(0.0, 0.1); // 0.05 is now mid-range teal-green, 0.95 clamps to yellow
        QCOMPARE(view.colorRange().max, 0.1);
        QCOMPARE(view.cellTextColor(0, 1, 0), QColor(Qt::black));
    }

    void axesCarryModelNamesAndTitles() {
        const auto result = test::handMadeResult();
        HeatmapView view;
        view.setPanels({matrixFromResult(result, Measure::GFRE)});
        auto* rect = view.plot()->axisRect(0);
        QCOMPARE(rect->axis(QCPAxis::atBottom)->label(), QString("target"));
        QCOMPARE(rect->axis(QCPAxis::atLeft)->label(), QString("source"));
        QCOMPARE(tickLabels(rect->axis(QCPAxis::atBottom)), (QStringList{"MACE", "PET", "UMA"}));
        QCOMPARE(tickLabels(rect->axis(QCPAxis::atLeft)), (QStringList{"MACE", "PET", "UMA"}));
        QVERIFY(rect->axis(QCPAxis::atLeft)->rangeReversed()); // first source on top
    }

    void hoverAndClickFindTheCell() {
        const auto result = test::handMadeResult();
        HeatmapView view;
        view.resize(900, 420);
        view.setPanels({matrixFromResult(result, Measure::GFRE), matrixFromResult(result, Measure::LFRE)});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        for (int p = 0; p < 2; ++p)
            for (int r = 0; r < 3; ++r)
                for (int c = 0; c < 3; ++c) {
                    const auto hit = view.cellAt(view.cellCenter(p, r, c));
                    QCOMPARE(hit.panel, p);
                    QCOMPARE(hit.row, r);
                    QCOMPARE(hit.column, c);
                }
        const QString tip = view.tooltipText(view.cellAt(view.cellCenter(1, 1, 0)));
        QVERIFY2(tip.contains("PET → MACE") && tip.contains("0.88") && tip.contains("LFRE"),
                 qPrintable(tip));
        QSignalSpy clicked(&view, &HeatmapView::cellClicked);
        const QPoint target = view.plot()->mapFrom(&view, view.cellCenter(0, 2, 1));
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, target);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 0);
        QCOMPARE(clicked.at(0).at(1).toInt(), 2);
        QCOMPARE(clicked.at(0).at(2).toInt(), 1);
        QVERIFY(!view.cellAt(QPoint(2, 2)).valid()); // outside every panel
    }

    void readsPublishedMatrixInFileOrder() {
        const NamedMatrix m = readPublishedMatrix(LE_TEST_DATA_DIR "/ui/published_gfre_small.json");
        QCOMPARE(m.title, QString("GFRE (published)"));
        QCOMPARE(m.rowNames, (QStringList{"ZETA", "ALPHA", "MID"}));
        QCOMPARE(m.columnNames, m.rowNames);
        // value(source, target) = results[target][source].A_to_B
        QCOMPARE(m.values(1, 0), 0.25);  // ALPHA → ZETA
        QCOMPARE(m.values(0, 1), 0.75);  // ZETA → ALPHA
        QCOMPARE(m.values(2, 0), 0.5);   // MID → ZETA
        QCOMPARE(m.values(0, 2), 0.125); // ZETA → MID
        QCOMPARE(m.values(2, 1), 0.375); // MID → ALPHA
        QCOMPARE(m.values(1, 2), 0.625); // ALPHA → MID
        QCOMPARE(m.values(0, 0), 1e-15);
    }

    void readsRectangularPublishedMatrix() {
        const NamedMatrix m = readPublishedMatrix(LE_TEST_DATA_DIR "/ui/published_lfre_rectangular.json");
        QCOMPARE(m.title, QString("LFRE (published)"));
        QCOMPARE(m.columnNames, (QStringList{"X_BB", "Y_BB"})); // targets
        QCOMPARE(m.rowNames, (QStringList{"Y_LL", "X_LL"}));    // sources, file order
        QCOMPARE(m.values(0, 0), 0.3);  // Y_LL → X_BB
        QCOMPARE(m.values(1, 0), 0.1);  // X_LL → X_BB
        QCOMPARE(m.values(1, 1), 0.4);  // X_LL → Y_BB
        QCOMPARE(m.values(0, 1), 0.05); // Y_LL → Y_BB
        HeatmapView view;
        view.setPanels({m});
        QCOMPARE(view.cellText(0, 0, 1), QString("0.05"));
    }

    void publishedErrorsNameTheMember() {
        try {
            readPublishedMatrix(LE_TEST_DATA_DIR "/ui/broken_published.json");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.location()), QString("/A/B"));
            QVERIFY(QString(e.what()).contains("broken_published.json"));
        }
        try {
            readPublishedMatrix(LE_TEST_DATA_DIR "/ui/README.md");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.location()), QString("line 1"));
        }
    }

    void differenceMatchesNamesCaseInsensitively() {
        NamedMatrix a;
        a.title = "GFRE";
        a.rowNames = a.columnNames = {"mace", "pet", "dpa"};
        a.values.resize(3, 3);
        a.values << 0, 0.5, 0.9, 0.4, 0, 0.8, 0.7, 0.6, 0;
        NamedMatrix b;
        b.title = "GFRE (published)";
        b.rowNames = b.columnNames = {"PET", "MACE"};
        b.values.resize(2, 2);
        b.values << 0, 0.375, 0.25, 0;
        const NamedMatrix d = matrixDifference(a, b);
        QCOMPARE(d.rowNames, (QStringList{"mace", "pet"}));
        QCOMPARE(d.values(0, 1), 0.5 - 0.25);  // mace → pet
        QCOMPARE(d.values(1, 0), 0.4 - 0.375); // pet → mace
        QCOMPARE(d.values(0, 0), 0.0);
        b.rowNames = b.columnNames = {"X", "Y"};
        QVERIFY_THROWS_EXCEPTION(ComputeError, matrixDifference(a, b));
    }

    void divergingRangeIsSymmetric() {
        NamedMatrix d;
        d.title = "diff";
        d.rowNames = d.columnNames = {"a", "b"};
        d.values.resize(2, 2);
        d.values << 0, -0.3, 0.12, 0;
        HeatmapView view;
        view.setPanels({d});
        view.useDivergingRange();
        QCOMPARE(view.colorRange().min, -0.3);
        QCOMPARE(view.colorRange().max, 0.3);
        QCOMPARE(view.cellText(0, 0, 1), QString("-0.30"));
        QCOMPARE(view.cellText(0, 0, 0), QString("0.00"));
    }

    void squareNamedTableOfAnySize() {
        NamedMatrix cumulants;
        cumulants.title = "GFRE by cumulant order";
        for (int i = 1; i <= 4; ++i) cumulants.rowNames << QString("order %1").arg(i);
        cumulants.columnNames = cumulants.rowNames;
        cumulants.values = Eigen::MatrixXd::Constant(4, 4, 1.07);
        HeatmapView view;
        view.setPanels({cumulants});
        QCOMPARE(view.cellText(0, 3, 3), QString("1.07")); // values above 1 are printed as is
        QCOMPARE(printedTexts(view.plot()).size(), 16);
    }
};

QTEST_MAIN(TestHeatmap)
#include "test_heatmap.moc"
