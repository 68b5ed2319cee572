// The main window end to end: open the bundled demo (CH4 manifold), compare, check the
// heatmap cells against the core's result and scikit-matter's reference numbers, click a
// cell for the pair details, errors leave the workspace intact, cache, filters, renames,
// settings persistence, drag & drop, closing during a computation, no event-loop stall.
#include <QCheckBox>
#include <QCoreApplication>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <qcustomplot.h>

#include <algorithm>
#include <limits>
#include <random>

#include "core/util/error.h"
#include "ui/dialogs/pair_details_dialog.h"
#include "ui/main_window.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/panels/dataset_panel.h"
#include "ui/resource_locator.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/comparison_view.h"
#include "ui/views/heatmap_view.h"

using namespace le;
using namespace le::ui;

namespace {

// scikit-matter reference values for the demo (shared/reference/metrics.json, default
// split with 81 test points, k = min(d) = 12).
constexpr double kGfrePsToBs = 0.22908196202476652;
constexpr double kGfrdPsToBs = 0.02254508186861739;
constexpr double kLfrePsToBs = 0.18986453550375007;

bool openAndWait(MainWindow& window, const QStringList& files) {
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openFiles(files);
    return loaded.wait(20000);
}

bool compareAndWait(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::comparisonFinished);
    window.compare();
    return finished.count() > 0 || finished.wait(60000);
}

// Four random per-atom feature sets big enough that a comparison takes a while.
std::shared_ptr<const Dataset> largeRandomDataset() {
    Dataset d;
    std::mt19937 rng(7);
    std::normal_distribution<double> normal;
    for (int f = 0; f < 400; ++f) {
        Frame frame;
        frame.species.assign(10, 6);
        frame.positions = Positions::Zero(10, 3);
        d.addFrame(std::move(frame));
    }
    for (int s = 0; s < 4; ++s) {
        FeatureSet set;
        set.name = "model" + std::to_string(s);
        MatrixD m(d.atomCount(), 96);
        for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
        set.data = std::move(m);
        d.addFeatureSet(std::move(set));
    }
    return std::make_shared<const Dataset>(std::move(d));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_main_window");
        QSettings().clear();
    }

    void demoComparisonMatchesReference() {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 850);
        window.show();
        QVERIFY(openAndWait(window, demoFiles("ch4-manifold")));
        QVERIFY(window.datasetPanel()->summaryText().contains("162 frames"));
        QCOMPARE(window.datasetPanel()->featureTable()->rowCount(), 2);
        QCOMPARE(window.settingsPanel()->level(), Level::Structure); // the npz rows are frames
        QVERIFY(compareAndWait(window));

        const auto metrics = window.workspace().metrics();
        QVERIFY(metrics);
        QCOMPARE(metrics->names, (std::vector<std::string>{"SOAP_power_spectrum", "SOAP_bispectrum"}));
        QCOMPARE(metrics->testIndices.size(), std::size_t(81));
        QVERIFY(std::abs(metrics->matrices.at(Measure::GFRE)(0, 1) - kGfrePsToBs) < 1e-6);
        QVERIFY(std::abs(metrics->matrices.at(Measure::GFRD)(0, 1) - kGfrdPsToBs) < 1e-6);
        QVERIFY(std::abs(metrics->matrices.at(Measure::LFRE)(0, 1) - kLfrePsToBs) < 1e-6);
        QVERIFY(metrics->matrices.at(Measure::GFRE)(1, 0) < 1e-6); // BS contains PS

        // The heatmap shows exactly the core's numbers: GFRE | LFRE, 2 decimals.
        HeatmapView* heatmap = window.comparisonView()->computedView();
        QCOMPARE(heatmap->panels().size(), std::size_t(2));
        QCOMPARE(heatmap->panels()[0].title, QString("GFRE"));
        QCOMPARE(heatmap->panels()[1].title, QString("LFRE"));
        for (int p = 0; p < 2; ++p) {
            const Measure m = p == 0 ? Measure::GFRE : Measure::LFRE;
            for (int r = 0; r < 2; ++r)
                for (int c = 0; c < 2; ++c)
                    QCOMPARE(heatmap->panels()[p].values(r, c), metrics->matrices.at(m)(r, c));
        }
        QCOMPARE(heatmap->cellText(0, 0, 1), QString("0.23"));
        QCOMPARE(heatmap->cellText(1, 0, 1), QString("0.19"));
        QCOMPARE(heatmap->cellText(0, 1, 0), QString("0.00"));
        window.comparisonView()->setShowGfrd(true);
        QCOMPARE(heatmap->panels().size(), std::size_t(3));
        QCOMPARE(heatmap->cellText(2, 0, 1), QString("0.02"));

        // Clicking PS → BS in the GFRE panel sets the pair and opens its details.
        QTest::qWait(50);
        const QPoint cell = heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(0, 0, 1));
        QTest::mouseClick(heatmap->plot(), Qt::LeftButton, {}, cell);
        QCOMPARE(window.workspace().currentSource(), 0);
        QCOMPARE(window.workspace().currentTarget(), 1);
        QCOMPARE(window.workspace().currentMeasure(), Measure::GFRE);
        PairDetailsDialog* details = window.pairDetails();
        QVERIFY(details->isVisible());
        const Eigen::VectorXd& pointwise = metrics->pairs.at(Measure::GFRE)[0][1].pointwise;
        QCOMPARE(details->statistics().count, 81LL);
        QVERIFY(std::abs(details->statistics().mean - pointwise.mean()) < 1e-12);
        // sqrt(mean(pointwise²)) is the aggregate value, by definition.
        QVERIFY(std::abs(std::sqrt(pointwise.squaredNorm() / 81) - kGfrePsToBs) < 1e-6);
        std::vector<double> sorted(pointwise.data(), pointwise.data() + pointwise.size());
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(details->statistics().median, sorted[40]);
        QCOMPARE(details->worstTable()->rowCount(), 20);
        QCOMPARE(details->worstTable()->item(0, 3)->text().toDouble(),
                 QString::number(sorted.back(), 'g', 6).toDouble());
        // Structure-level rows: the worst "atom" is a frame (test index → frame).
        const auto worst = details->statistics().worst.front();
        const auto at = std::max_element(pointwise.data(), pointwise.data() + pointwise.size()) - pointwise.data();
        QCOMPARE(worst.frame, metrics->testIndices[std::size_t(at)]);
        QVERIFY(details->summaryText().contains("81 test points"));
        // Clicking a worst point selects that frame everywhere.
        QTest::mouseClick(details->worstTable()->viewport(), Qt::LeftButton, {},
                          details->worstTable()->visualItemRect(details->worstTable()->item(0, 0)).center());
        QCOMPARE(window.workspace().currentFrame(), int(worst.frame));
    }

    void sameRequestIsServedFromCache() {
        MainWindow window;
        window.setInteractive(false);
        QVERIFY(openAndWait(window, demoFiles("ch4-manifold")));
        QSignalSpy started(&window.tasks(), &TaskRunner::taskStarted);
        QVERIFY(compareAndWait(window));
        QCOMPARE(started.count(), 1);
        const auto first = window.workspace().metrics();
        QVERIFY(compareAndWait(window));
        QCOMPARE(started.count(), 1); // nothing recomputed
        QCOMPARE(window.workspace().metrics(), first);
        // A renamed feature set is a different request, and the names follow.
        window.datasetPanel()->renameFeature(0, "PS");
        QVERIFY(compareAndWait(window));
        QCOMPARE(started.count(), 2);
        QCOMPARE(window.workspace().metrics()->names.front(), std::string("PS"));
    }

    void loadingErrorKeepsPreviousWorkspace() {
        MainWindow window;
        window.setInteractive(false);
        QVERIFY(openAndWait(window, demoFiles("ch4-manifold")));
        const auto before = window.workspace().dataset();
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openFiles({LE_TEST_DATA_DIR "/ui/broken.extxyz"});
        QVERIFY(failed.wait(10000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains("broken.extxyz") && message.contains("line 4"), qPrintable(message));
        QCOMPARE(window.workspace().dataset(), before);
        QCOMPARE(window.lastError(), message);
        QVERIFY(window.stepLabel()->text().contains("broken.extxyz"));
    }

    void featureFilesAloneAreRejected() {
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openFiles({resourceDir() + "/demo/degenerate_CH4_manifold.npz"});
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(0).toString().contains("structure file"));
        QVERIFY(!window.workspace().dataset());
    }

    void dropOpensFilesStructureFirst() {
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        auto* mime = new QMimeData;
        const QStringList files = demoFiles("ch4-manifold");
        mime->setUrls({QUrl::fromLocalFile(files[1]), QUrl::fromLocalFile(files[0])}); // npz first
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        // Delivered to the window itself (sendEvent would route it through a drag manager).
        static_cast<QObject*>(&window)->event(&drop);
        QVERIFY(drop.isAccepted());
        QVERIFY2(loaded.wait(20000), qPrintable(window.lastError()));
        QCOMPARE(window.workspace().dataset()->frameCount(), Eigen::Index(162));
        QCOMPARE(window.workspace().dataset()->featureSets().size(), std::size_t(2));
        delete mime;
        QVERIFY(window.recentFiles().isEmpty()); // the bundled demo is not a "recent file"
    }

    void filtersDefineTheSubset() {
        MainWindow window;
        window.setInteractive(false);
        QVERIFY(openAndWait(window, demoFiles("ch4-manifold")));
        DatasetPanel* panel = window.datasetPanel();
        QVERIFY(panel->subset().isEverything());
        QCOMPARE(panel->speciesList()->count(), 2); // H and C
        for (int i = 0; i < panel->speciesList()->count(); ++i)
            if (panel->speciesList()->item(i)->text() == "H")
                panel->speciesList()->item(i)->setCheckState(Qt::Unchecked);
        QCOMPARE(panel->subset().species, (std::vector<int>{6}));
        panel->setFeatureEnabled(1, false);
        QSignalSpy failed(&window, &MainWindow::comparisonFailed);
        window.compare();
        QVERIFY(failed.count() == 1 || failed.wait(10000));
        QVERIFY2(failed.at(0).at(0).toString().contains("at least two"),
                 qPrintable(failed.at(0).at(0).toString()));
    }

    void settingsDefaultsAndPersistence() {
        QSettings().clear();
        {
            AnalysisSettingsPanel panel;
            panel.restore();
            const MetricSettings s = panel.settings();
            const MetricSettings d;
            QCOMPARE(s.split.kind, d.split.kind);
            QCOMPARE(s.scaler, d.scaler);
            QCOMPARE(s.estimator.kind, d.estimator.kind);
            QCOMPARE(s.estimator.regularization, d.estimator.regularization);
            QVERIFY(s.estimator.relativeAlphas.empty()); // = geomspace(1e-9, 0.9, 20)
            QCOMPARE(s.lfreK, 0LL);
            QCOMPARE(s.measures.size(), std::size_t(3));
            QVERIFY(s.includeDiagonal);
        }
        QCOMPARE(AnalysisSettingsPanel::parseAlphaGrid("1e-9, 1e-3 0.5"),
                 (std::vector<double>{1e-9, 1e-3, 0.5}));
        QVERIFY_THROWS_EXCEPTION(InputError, AnalysisSettingsPanel::parseAlphaGrid("1e-3, 1.0"));
        const auto indices = AnalysisSettingsPanel::readIndexFile(LE_TEST_DATA_DIR "/ui/indices.txt");
        QCOMPARE(indices, (std::vector<long long>{0, 2, 4, 10, 11}));
        try {
            AnalysisSettingsPanel::readIndexFile(LE_TEST_DATA_DIR "/ui/broken.extxyz");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.location()), QString("line 2"));
        }
        // Remembered between runs.
        {
            AnalysisSettingsPanel panel;
            panel.setLevel(Level::Structure);
            panel.findChildren<QCheckBox*>().at(1)->setChecked(false); // GFRD
            panel.findChild<QCheckBox*>("diagonal")->setChecked(false);
            panel.save();
        }
        AnalysisSettingsPanel again;
        again.restore();
        QCOMPARE(again.level(), Level::Structure);
        QCOMPARE(again.settings().measures, (std::vector<Measure>{Measure::GFRE, Measure::LFRE}));
        QVERIFY(!again.settings().includeDiagonal);
        QSettings().clear();
    }

    void closingDuringComputationCancelsCleanly() {
        auto* window = new MainWindow;
        window->setInteractive(false);
        window->show();
        window->openDataset(largeRandomDataset());
        QCOMPARE(window->settingsPanel()->level(), Level::Atom);
        QSignalSpy started(&window->tasks(), &TaskRunner::taskStarted);
        window->compare();
        QVERIFY(window->progressBar()->isVisible());
        QVERIFY(window->cancelButton()->isVisible());
        // The event loop keeps ticking every 10 ms while the comparison runs. A stall caused
        // by our code would show in every window; on a machine loaded by other processes a
        // window may see a scheduling delay, so the best of three windows must be < 100 ms.
        qint64 best = std::numeric_limits<qint64>::max();
        for (int window300ms = 0; window300ms < 3 && best >= 100; ++window300ms) {
            QElapsedTimer gap;
            qint64 maxGap = 0;
            QTimer ticker;
            ticker.setInterval(10);
            connect(&ticker, &QTimer::timeout, [&] { maxGap = std::max(maxGap, gap.restart()); });
            gap.start();
            ticker.start();
            QTest::qWait(300);
            ticker.stop();
            best = std::min(best, maxGap);
        }
        QVERIFY2(best < 100, qPrintable(QString("event loop stalled %1 ms").arg(best)));
        QVERIFY(window->tasks().isBusy());
        QElapsedTimer clock;
        clock.start();
        window->close();
        delete window; // must cancel and join the worker, never crash
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString("closing took %1 ms").arg(clock.elapsed())));
    }

    void cancelButtonStopsTheComparison() {
        MainWindow window;
        window.setInteractive(false);
        window.show();
        window.openDataset(largeRandomDataset());
        QSignalSpy cancelled(&window.tasks(), &TaskRunner::taskCancelled);
        window.compare();
        QTest::qWait(200);
        QTest::mouseClick(window.cancelButton(), Qt::LeftButton);
        QVERIFY(cancelled.wait(5000));
        QVERIFY(!window.workspace().metrics());
        QTRY_VERIFY(!window.progressBar()->isVisible());
        QCOMPARE(window.stepLabel()->text(), QString("Cancelled"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
