// What a new user sees on first open: the default demo is per-atom (50 QM9 molecules, two
// SOAP and two ACSF computed on open), and after Compare the window shows the worst pair
// (the largest off-diagonal LFRE), its outlier table filled with every test atom, and the
// structure of its worst test atom coloured by that pair's pointwise LFRE, the atom selected.
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <cmath>

#include "ui/main_window.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/resource_locator.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/comparison_view.h"
#include "ui/views/heatmap_view.h"
#include "ui/views/outlier_model.h"
#include "ui/views/outlier_table.h"
#include "ui/views/structure_panel.h"
#include "ui/workspace/worst_pair.h"

using namespace le;
using namespace le::ui;

class TestDemoFirstOpen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_demo_first_open");
        QSettings().clear(); // scikit-matter's default settings, as on a first start
    }

    void worstPairHelpersOnAHandMadeResult() {
        AllPairsResult r;
        r.names = {"a", "b", "c"};
        Eigen::MatrixXd lfre(3, 3);
        lfre << 9.0, 0.2, NAN, //
            0.7, 9.0, 0.1,     //
            0.3, 0.69, 9.0;    // the diagonal (9) never counts, NaN is skipped
        r.matrices[Measure::LFRE] = lfre;
        r.matrices[Measure::GFRE] = Eigen::MatrixXd::Constant(3, 3, 0.5);
        r.pairs[Measure::LFRE].assign(3, std::vector<PairMeasure>(3));
        r.pairs[Measure::LFRE][1][0].pointwise = Eigen::Vector4d(0.1, 0.9, NAN, 0.4);
        const auto worst = worstOffDiagonalPair(r);
        QVERIFY(worst);
        QCOMPARE(worst->source, 1);
        QCOMPARE(worst->target, 0);
        QVERIFY(worst->measure == Measure::LFRE);
        QCOMPARE(worstTestPoint(r, *worst).value_or(-1), 1LL);
        // Without LFRE the GFRE matrix decides (first largest off-diagonal cell).
        r.matrices.erase(Measure::LFRE);
        Eigen::MatrixXd gfre = Eigen::MatrixXd::Zero(3, 3);
        gfre(2, 1) = 0.4;
        gfre(0, 2) = 0.3;
        r.matrices[Measure::GFRE] = gfre;
        const auto byGfre = worstOffDiagonalPair(r);
        QVERIFY(byGfre && byGfre->source == 2 && byGfre->target == 1 && byGfre->measure == Measure::GFRE);
        QVERIFY(!worstTestPoint(r, *byGfre)); // no GFRE pointwise values stored here
    }

    void firstOpenComparesAtomByAtomAndShowsTheWorstAtom() {
        MainWindow window; // at its default size, as the app opens
        window.setInteractive(false);
        window.show();
        QCOMPARE(window.size(), QSize(1500, 900));
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openDemo();
        QVERIFY(loaded.wait(60000));
        QCOMPARE(demoCatalog().defaultId, QString("qm9-50-atoms"));
        const auto dataset = window.workspace().dataset();
        QCOMPARE(dataset->frameCount(), Eigen::Index(50));
        QCOMPARE(dataset->atomCount(), Eigen::Index(914));
        // Columns for H, C, N, O: SOAP 4·n(n+1)/2·(l+1) + 6·n²·(l+1); ACSF 4·8 G2 (+ 10 pairs·4 ζ·2 λ).
        const std::vector<std::pair<std::string, Eigen::Index>> expected{
            {"SOAP n2 l2 rc3 σ0.3", 4 * 3 * 3 + 6 * 4 * 3},
            {"SOAP n2 l2 rc5 σ0.5", 4 * 3 * 3 + 6 * 4 * 3},
            {"ACSF rc6 8G2 +G4", 4 * 8 + 10 * 4 * 2},
            {"ACSF rc3.5 8G2", 4 * 8}};
        QCOMPARE(dataset->featureSets().size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const FeatureSet& f = dataset->featureSets()[i];
            QCOMPARE(f.name, expected[i].first);
            QVERIFY(f.level == Level::Atom);
            QCOMPARE(f.rows(), Eigen::Index(914));
            QCOMPARE(f.cols(), expected[i].second);
        }
        QVERIFY(window.settingsPanel()->level() == Level::Atom);

        QSignalSpy shown(&window, &MainWindow::worstPairShown);
        window.compare();
        QVERIFY2(shown.wait(120000), qPrintable(window.lastError()));
        const auto metrics = window.workspace().metrics();
        QCOMPARE(int(metrics->names.size()), 4);
        QCOMPARE(metrics->testIndices.size(), std::size_t(457)); // scikit-matter's 50/50 split of 914

        // The current pair is the largest off-diagonal LFRE, found here cell by cell.
        const Eigen::MatrixXd& lfre = metrics->matrices.at(Measure::LFRE);
        int source = -1, target = -1;
        for (int s = 0; s < 4; ++s)
            for (int t = 0; t < 4; ++t)
                if (s != t && (source < 0 || lfre(s, t) > lfre(source, target))) source = s, target = t;
        QCOMPARE(window.workspace().currentSource(), source);
        QCOMPARE(window.workspace().currentTarget(), target);
        QVERIFY(window.workspace().currentMeasure() == Measure::LFRE);
        QVERIFY(lfre(source, target) > 0.3); // a clearly imperfect reconstruction to look at
        // Its cell is outlined in the LFRE panel, and the outlier dock names it.
        const auto& panels = window.comparisonView()->panelMeasures();
        const int lfrePanel = int(std::find(panels.begin(), panels.end(), Measure::LFRE) - panels.begin());
        const HeatmapCell outlined = window.comparisonView()->computedView()->highlightedCell();
        QCOMPARE(outlined.panel, lfrePanel);
        QCOMPARE(outlined.row, source);
        QCOMPARE(outlined.column, target);

        // The worst test atom of that pair is selected and its frame is open.
        const Eigen::VectorXd& pointwise = metrics->pairs.at(Measure::LFRE)[source][target].pointwise;
        Eigen::Index worst = 0;
        pointwise.maxCoeff(&worst);
        const long long atom = metrics->testIndices[std::size_t(worst)];
        QCOMPARE(window.workspace().selectedAtoms(), (QSet<qint64>{atom}));
        const int frame = int(dataset->frameOfAtom(atom));
        QCOMPARE(window.workspace().currentFrame(), frame);

        // The outlier table lists every test atom, worst first.
        auto* outliers = window.findChild<OutlierTable*>();
        QVERIFY(outliers);
        QCOMPARE(outliers->pairText(), QString("LFRE  %1 → %2").arg(QString::fromStdString(metrics->names[source]),
                                                                     QString::fromStdString(metrics->names[target])));
        QCOMPARE(outliers->model()->rowCount(), 457);
        QCOMPARE(outliers->filter()->rowCount(), 457);
        // The dock is tall enough to read the worst atoms: at least 8 rows in view, measured on
        // the laid-out window, while the heatmaps keep most of the height.
        QTableView* outlierRows = outliers->table();
        const int rowHeight = outlierRows->rowHeight(0);
        QVERIFY(rowHeight >= 15);
        QVERIFY2(outlierRows->viewport()->height() >= 8 * rowHeight,
                 qPrintable(QString("outlier rows in view: %1 px for rows of %2 px")
                                .arg(outlierRows->viewport()->height())
                                .arg(rowHeight)));
        QVERIFY2(window.comparisonView()->height() >= 450,
                 qPrintable(QString("comparison view %1 px high").arg(window.comparisonView()->height())));
        const QModelIndex top = outliers->filter()->mapToSource(outliers->filter()->index(0, 0));
        QCOMPARE(outliers->model()->rows()[std::size_t(top.row())].atom, qint64(atom));
        QCOMPARE(outliers->model()->rows()[std::size_t(top.row())].value, pointwise[worst]);

        // The structure view shows the pair's pointwise LFRE on every atom of that frame; for
        // test atoms the on-demand values equal the comparison's pointwise values.
        auto* structure = window.findChild<StructurePanel*>();
        QVERIFY(structure);
        QTRY_VERIFY_WITH_TIMEOUT(!structure->isComputing(), 60000);
        const auto& choices = structure->colorChoices();
        QVERIFY(std::find(choices.begin(), choices.end(),
                          ColorChoice{ColorSource::LfreOnDemand, "", 0, Measure::LFRE}) != choices.end());
        const std::vector<double>& values = structure->currentValues();
        const Eigen::Index first = dataset->offsets()[std::size_t(frame)];
        QCOMPARE(Eigen::Index(values.size()), dataset->offsets()[std::size_t(frame) + 1] - first);
        int testAtomsInFrame = 0;
        for (std::size_t k = 0; k < metrics->testIndices.size(); ++k) {
            const long long a = metrics->testIndices[k];
            if (a < first || a >= first + Eigen::Index(values.size())) continue;
            ++testAtomsInFrame;
            QVERIFY2(std::abs(values[std::size_t(a - first)] - pointwise[Eigen::Index(k)]) < 1e-9,
                     qPrintable(QString("atom %1: %2 vs %3").arg(a).arg(values[std::size_t(a - first)]).arg(pointwise[Eigen::Index(k)])));
        }
        QVERIFY(testAtomsInFrame >= 1);
        // Every atom of the frame has a value (training atoms too).
        for (double v : values) QVERIFY(std::isfinite(v) && v >= 0);
        // The status bar names what colours the atoms: the pair, and that it is the worst one.
        QCOMPARE(window.stepLabel()->text(),
                 QString("Atoms of frame %1 coloured by pointwise LFRE %2 → %3 (worst pair, LFRE %4)")
                     .arg(frame)
                     .arg(QString::fromStdString(metrics->names[source]), QString::fromStdString(metrics->names[target]))
                     .arg(lfre(source, target), 0, 'f', 2));
    }
};

QTEST_MAIN(TestDemoFirstOpen)
#include "test_demo_first_open.moc"
