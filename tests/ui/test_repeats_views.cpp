// Repeats and per-group breakdown in the app: heatmap cells read "mean±s.d." and fit their
// cells, exports carry the s.d., the pair details list the repeat values and draw one bar per
// group, the settings panel offers and checks the new settings (also in the cache key),
// runCompare computes them (species groups by atomic number, repeat 0 = a single run), and a
// saved workspace brings them back.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <cmath>

#include "core/util/error.h"
#include "helpers/hand_made_results.h"
#include "ui/dialogs/pair_details_dialog.h"
#include "ui/export/matrix_export.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/tasks/analysis_jobs.h"
#include "ui/tasks/workspace_project.h"
#include "ui/views/heatmap_view.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

// Three repeats of the hand-made GFRE matrix shifted by 0, 0.01, 0.02 (mean + 0.01, s.d. 0.01),
// and groups H, C, O whose GFRE MACE → PET is 0.2 / 0.3 / 0.4 + the same shifts.
RepeatSummary handMadeSummary() {
    const Eigen::MatrixXd gfre = test::handMadeResult().matrices.at(Measure::GFRE);
    RepeatSummary s;
    s.count = 3;
    s.firstSeed = 10;
    s.measures[Measure::GFRE] = summarizeRepeats({gfre, gfre.array() + 0.01, gfre.array() + 0.02});
    s.groupKey = "species";
    s.groups = {"H", "C", "O"};
    s.groupTestRows = {{3, 1, 1}, {3, 1, 1}, {2, 1, 2}};
    for (double base : {0.2, 0.3, 0.4}) {
        std::vector<Eigen::MatrixXd> perRepeat;
        for (double shift : {0.0, 0.01, 0.02}) perRepeat.push_back(Eigen::MatrixXd::Constant(3, 3, base + shift));
        s.byGroup[Measure::GFRE].push_back(summarizeRepeats(perRepeat));
    }
    return s;
}

QStringList printedTexts(QCustomPlot* plot) {
    QStringList texts;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i))) texts << t->text();
    return texts;
}

// A per-atom dataset of 10 CH₂O-like frames (C H H O) with two smooth feature sets.
std::shared_ptr<const Dataset> featureDataset() {
    Dataset d = le::test::formaldehydeLikeFrames(10);
    MatrixD a(40, 4), b(40, 3);
    for (int i = 0; i < 40; ++i) {
        for (int j = 0; j < 4; ++j) a(i, j) = std::sin(1.3 * i + 0.7 * j) + 0.1 * j;
        for (int j = 0; j < 3; ++j) b(i, j) = std::tanh(a(i, j) + a(i, j + 1) * a(i, 0)) + 0.05 * std::cos(3.1 * i * (j + 1));
    }
    d.addFeatureSet(FeatureSet{"a", Level::Atom, a, "a.npy"});
    d.addFeatureSet(FeatureSet{"b", Level::Atom, b, "b.npy"});
    return std::make_shared<const Dataset>(std::move(d));
}

CompareRequest repeatedRequest() {
    CompareRequest request;
    request.features = {FeatureChoice{0, "a", true}, FeatureChoice{1, "b", true}};
    request.settings.measures = {Measure::GFRE, Measure::GFRD};
    request.settings.split.kind = SplitKind::Stratified;
    request.settings.split.testSize = 12;
    request.settings.split.stratifyBy = "species"; // element symbols (a GUI split by species works too)
    request.settings.split.seed = 3;
    request.repeats = 3;
    request.breakdownBy = "species";
    return request;
}

} // namespace

class TestRepeatsViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_repeats_views");
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void heatmapCellsShowMeanAndDeviation() {
        const AllPairsResult result = test::handMadeResult();
        const RepeatSummary summary = handMadeSummary();
        const NamedMatrix m = matrixFromResult(result, Measure::GFRE, &summary);
        QVERIFY(std::abs(m.values(0, 1) - 0.4342) < 1e-12); // mean of 0.4242, 0.4342, 0.4442
        QVERIFY(std::abs(m.spread(0, 1) - 0.01) < 1e-12);
        QCOMPARE(m.repeats, 3);
        QCOMPARE(matrixFromResult(result, Measure::LFRE, &summary).spread.size(), Eigen::Index(0)); // no repeats of LFRE

        HeatmapView view;
        view.resize(640, 420);
        view.setPanels({m, matrixFromResult(result, Measure::LFRE, &summary)});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.cellText(0, 0, 1), QString("0.43±0.01"));
        QCOMPARE(view.cellText(0, 1, 0), QString("0.96±0.01"));
        QCOMPARE(view.cellText(1, 0, 1), QString("0.31")); // single-run panel unchanged
        // Printed on one line, or as "0.43" over "±0.01" when that allows a larger font.
        QVERIFY(printedTexts(view.plot()).replaceInStrings("\n", "").contains("0.43±0.01"));
        QVERIFY(view.tooltipText(view.cellAt(view.cellCenter(0, 0, 1))).contains("over 3 repeats"));
        // Every label fits inside its cell (cells are square; the widest text decides the font).
        const double cell = std::abs(view.cellCenter(0, 0, 1).x() - view.cellCenter(0, 0, 0).x());
        for (int i = 0; i < view.plot()->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(view.plot()->item(i)))
            {
                const QRectF box = QFontMetricsF(t->font()).boundingRect(QRectF(), Qt::TextDontClip | Qt::AlignCenter, t->text());
                QVERIFY2(box.width() <= 0.95 * cell && box.height() <= 0.95 * cell, qPrintable(t->text()));
            }

        // One repeat: no spread, plain cells.
        RepeatSummary single = summary;
        single.count = 1;
        QCOMPARE(matrixFromResult(result, Measure::GFRE, &single).spread.size(), Eigen::Index(0));
    }

    void exportsCarryTheDeviation() {
        const AllPairsResult result = test::handMadeResult();
        const RepeatSummary summary = handMadeSummary();
        const NamedMatrix m = matrixFromResult(result, Measure::GFRE, &summary);
        const QString csv = matricesToCsv({m});
        const QStringList lines = csv.split('\n');
        const int header = int(lines.indexOf("# GFRE sample s.d. over 3 repeats"));
        QVERIFY(header > 0);
        QCOMPARE(lines[header + 2].section(',', 0, 0), QString("MACE"));
        QVERIFY(std::abs(lines[header + 2].section(',', 2, 2).toDouble() - 0.01) < 1e-12);
        QVERIFY(std::abs(lines[2].section(',', 2, 2).toDouble() - 0.4342) < 1e-12); // the mean
        const QJsonObject json = QJsonDocument::fromJson(matrixToJson(m)).object();
        const QJsonObject entry = json["PET"].toObject()["MACE"].toObject(); // target PET, source MACE
        QVERIFY(std::abs(entry["A_to_B"].toDouble() - 0.4342) < 1e-12);
        QVERIFY(std::abs(entry["A_to_B_std"].toDouble() - 0.01) < 1e-12);
        QVERIFY(std::abs(entry["B_to_A_std"].toDouble() - 0.01) < 1e-12);
    }

    void pairDetailsListRepeatsAndDrawGroups() {
        Workspace workspace;
        workspace.setDataset(test::handMadeDataset());
        auto result = std::make_shared<const AllPairsResult>(test::handMadeResult());
        workspace.setMetrics(result, {}, Level::Atom, std::make_shared<const RepeatSummary>(handMadeSummary()));
        PairDetailsDialog dialog(workspace);
        workspace.setCurrentPair(0, 1, Measure::GFRE);
        QVERIFY(dialog.windowTitle().contains("Pair details"));
        QVERIFY(dialog.tableTabs()->isTabEnabled(1));
        QVERIFY(dialog.plotTabs()->isTabEnabled(1));
        QCOMPARE(dialog.plotTabs()->tabText(1), QString("By species"));
        QVERIFY(dialog.summaryText().contains("over 3 test sets (seeds 10–12"));
        auto* repeats = dialog.repeatsTable();
        QCOMPARE(repeats->rowCount(), 3);
        QCOMPARE(repeats->item(0, 0)->text(), QString("10"));
        QCOMPARE(repeats->item(2, 0)->text(), QString("12"));
        QCOMPARE(repeats->item(0, 1)->text(), QString("0.4242"));
        QCOMPARE(repeats->item(1, 1)->text(), QString("0.4342"));
        QCOMPARE(repeats->item(2, 1)->text(), QString("0.4442"));
        // The histogram is still the first repeat's pointwise values.
        QCOMPARE(dialog.statistics().count, 5LL);

        QCustomPlot* chart = dialog.groupChart();
        auto* bars = qobject_cast<QCPBars*>(chart->plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->data()->size(), 3);
        const double expected[] = {0.21, 0.31, 0.41}; // means over the repeats
        for (int g = 0; g < 3; ++g) QVERIFY(std::abs((bars->data()->begin() + g)->value - expected[g]) < 1e-12);
        auto* errors = qobject_cast<QCPErrorBars*>(chart->plottable(1));
        QVERIFY(errors && errors->visible());
        QVERIFY(std::abs(errors->data()->at(0).errorPlus - 0.01) < 1e-12);
        auto ticker = chart->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QCOMPARE(ticker->ticks().value(0), QString::fromUtf8("H\nn ≈ 2.7")); // 3, 3, 2 test atoms
        QCOMPARE(ticker->ticks().value(1), QString("C\nn = 1"));

        // Without a summary: no repeats, no groups.
        workspace.setMetrics(result);
        QVERIFY(!dialog.tableTabs()->isTabEnabled(1));
        QVERIFY(!dialog.plotTabs()->isTabEnabled(1));
        QCOMPARE(dialog.repeatsTable()->rowCount(), 0);
        QCOMPARE(dialog.groupChart()->plottableCount(), 0);
    }

    void settingsOfferRepeatsAndBreakdown() {
        AnalysisSettingsPanel panel;
        panel.setLabelKeys({"subset"});
        auto* repeats = panel.findChild<QSpinBox*>("repeats");
        auto* by = panel.findChild<QComboBox*>("breakdownBy");
        QVERIFY(repeats && by);
        QCOMPARE(by->count(), 3); // none, species, subset
        QCOMPARE(panel.repeats(), 1);
        QCOMPARE(panel.breakdownBy(), std::string());
        repeats->setValue(4);
        QVERIFY_THROWS_EXCEPTION(InputError, panel.repeats()); // the default split has a fixed seed
        panel.setState(QJsonObject{{"split", 1}, {"repeats", 4}, {"breakdownBy", "subset"}});
        QCOMPARE(panel.repeats(), 4);
        QCOMPARE(panel.breakdownBy(), std::string("subset"));
        const QJsonObject state = panel.state();
        QCOMPARE(state["repeats"].toInt(), 4);
        QCOMPARE(state["breakdownBy"].toString(), QString("subset"));
        panel.save();
        AnalysisSettingsPanel again;
        again.setLabelKeys({"subset"});
        again.restore();
        QCOMPARE(again.repeats(), 4);
        QCOMPARE(again.breakdownBy(), std::string("subset"));
    }

    void runCompareComputesRepeatsAndGroups() {
        const auto dataset = featureDataset();
        const CompareRequest request = repeatedRequest();
        CompareRequest single = request;
        single.repeats = 1;
        single.breakdownBy.clear();
        const QSet<QString> keys{compareCacheKey(*dataset, request), compareCacheKey(*dataset, single),
                                 compareCacheKey(*dataset, [&] { auto r = request; r.repeats = 2; return r; }()),
                                 compareCacheKey(*dataset, [&] { auto r = request; r.breakdownBy.clear(); return r; }())};
        QCOMPARE(keys.size(), 4);

        const CompareOutput out = runCompare(*dataset, request, silentContext());
        QVERIFY(out.summary);
        QCOMPARE(out.summary->count, 3);
        QCOMPARE(out.summary->groups, (std::vector<std::string>{"H", "C", "O"})); // by atomic number
        for (const auto& rows : out.summary->groupTestRows) // 12 of 40 atoms: 6 H, 3 C, 3 O
            QCOMPARE(rows, (std::vector<long long>{6, 3, 3}));
        const CompareOutput plain = runCompare(*dataset, single, silentContext());
        QVERIFY(!plain.summary);
        QCOMPARE(plain.result->testIndices, out.result->testIndices); // repeat 0 = seed 3
        QCOMPARE(plain.result->matrices.at(Measure::GFRE)(0, 1), out.summary->measures.at(Measure::GFRE).repeats[0](0, 1));
        CompareRequest notStratified = request;
        notStratified.settings.split.kind = SplitKind::SkmatterDefault;
        QVERIFY_THROWS_EXCEPTION(ComputeError, runCompare(*dataset, notStratified, silentContext()));
    }

    void savedWorkspaceBringsTheStatisticsBack() {
        const auto dataset = featureDataset();
        const CompareOutput out = runCompare(*dataset, repeatedRequest(), silentContext());
        WorkspaceSnapshot snapshot;
        snapshot.dataset = dataset;
        snapshot.features = repeatedRequest().features;
        snapshot.comparison = out;
        QTemporaryDir dir;
        const QString path = dir.filePath("w.h5");
        writeWorkspace(path, snapshot, silentContext());
        const RestoredWorkspace back = restoreWorkspace(readProject(path.toStdString()), path.toStdString());
        QVERIFY(back.comparison && back.comparison->summary);
        const RepeatSummary& s = *back.comparison->summary;
        QCOMPARE(s.count, 3);
        QCOMPARE(s.firstSeed, 3u);
        QCOMPARE(s.groups, out.summary->groups);
        QCOMPARE(s.measures.at(Measure::GFRD).std(1, 0), out.summary->measures.at(Measure::GFRD).std(1, 0));
        QCOMPARE(s.byGroup.at(Measure::GFRE)[2].mean(0, 1), out.summary->byGroup.at(Measure::GFRE)[2].mean(0, 1));
        QCOMPARE(back.comparison->result->matrices.at(Measure::GFRE)(0, 1), out.result->matrices.at(Measure::GFRE)(0, 1));
    }
};

QTEST_MAIN(TestRepeatsViews)
#include "test_repeats_views.moc"
