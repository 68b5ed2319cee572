// A comparison computed by `latent-explorer compare ... --out result.h5` (e.g. on a cluster)
// opens in the GUI like a local run: the heatmaps show the file's matrices, the outlier table
// the file's per-point values (= scikit-matter's pointwise LFRE), and no comparison is started.
#include <QCoreApplication>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "core/io/hdf5_project.h"
#include "core/io/npy.h"
#include "ui/main_window.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/comparison_view.h"
#include "ui/views/heatmap_view.h"
#include "ui/views/outlier_model.h"
#include "ui/views/outlier_table.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {
const QString data = QStringLiteral(LE_TEST_DATA_DIR "/metrics/");
}

class TestOpenCliResult : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_open_cli_result");
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void resultOfTheCommandLineOpensWithoutRecomputing() {
        QTemporaryDir dir;
        const QString out = dir.filePath("result.h5");
        QProcess cli;
        cli.start(LE_EXECUTABLE, {"compare", data + "ch4_carbons.extxyz", data + "ch4_power_spectrum.npy",
                                  data + "ch4_bispectrum.npy", "--out", out});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const Project file = readProject(out.toStdString());
        const StoredResult& stored = file.results.at(0);

        MainWindow window;
        window.setInteractive(false);
        QStringList started;
        connect(&window.tasks(), &TaskRunner::taskStarted, this,
                [&started](int, const QString& title) { started << title; });
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openFiles({out});
        QVERIFY2(loaded.wait(20000), qPrintable(window.lastError()));
        QVERIFY(window.stepLabel()->text().contains("restored the comparison of 2 feature sets"));

        // The heatmaps show the file's matrices (GFRE and LFRE panels, diagonal included).
        const auto metrics = window.workspace().metrics();
        QVERIFY(metrics);
        QCOMPARE(metrics->names, (std::vector<std::string>{"ch4_power_spectrum", "ch4_bispectrum"}));
        const HeatmapView* heatmap = window.comparisonView()->computedView();
        QCOMPARE(heatmap->panels().size(), std::size_t(2));
        for (std::size_t p = 0; p < 2; ++p) {
            const std::string key = heatmap->panels()[p].title.toLower().toStdString();
            const MatrixD& expected = stored.arrays.at(key);
            QCOMPARE(heatmap->panels()[p].values.rows(), Eigen::Index(2));
            for (int s = 0; s < 2; ++s)
                for (int t = 0; t < 2; ++t) QCOMPARE(heatmap->panels()[p].values(s, t), expected(s, t));
        }

        // The outliers of LFRE ps → bs are the per-point values of the file, which are
        // scikit-matter's (k = 12), worst first at the right atom.
        window.workspace().setCurrentPair(0, 1, Measure::LFRE);
        auto* table = window.findChild<OutlierTable*>();
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 81);
        const MatrixD skmatter = readNpy((data + "ch4_ps_to_bs_lfre_k12_pointwise.npy").toStdString()).toMatrixD();
        Eigen::Index worst = 0;
        skmatter.col(0).maxCoeff(&worst);
        const auto& rows = table->model()->rows();
        const auto top = std::max_element(rows.begin(), rows.end(),
                                          [](const OutlierRow& a, const OutlierRow& b) { return a.value < b.value; });
        QVERIFY(std::abs(top->value - skmatter(worst, 0)) <= 1e-7 * skmatter(worst, 0));
        QCOMPARE(top->atom, qint64(metrics->testIndices[std::size_t(worst)]));

        // Loading the file was the only task: nothing was compared again.
        QCOMPARE(started.size(), 1);
        QVERIFY2(!started.front().contains("Comparing"), qPrintable(started.front()));
    }
};

QTEST_MAIN(TestOpenCliResult)
#include "test_open_cli_result.moc"
