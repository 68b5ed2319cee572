// Save the workspace as a project (.h5) and reopen it: the dataset as arranged (renamed,
// reordered, unticked, removed feature sets), the analysis settings and the comparison
// with every per-point value come back; a failed save reports the path and keeps the
// existing file.
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ui/main_window.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/panels/dataset_panel.h"
#include "ui/resource_locator.h"
#include "ui/tasks/workspace_project.h"

using namespace le;
using namespace le::ui;

class TestWorkspaceProject : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_main_window_project");
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void saveAndReopenRestoresEverything() {
        QTemporaryDir dir;
        const QString path = dir.filePath("study.h5");
        std::shared_ptr<const AllPairsResult> before;
        QJsonObject settingsBefore;
        {
            MainWindow window;
            window.setInteractive(false);
            QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
            window.openFiles(demoFiles("ch4-manifold"));
            QVERIFY(loaded.wait(20000));
            // LFRE with a fixed k = 10, no GFRD and no diagonal, to check settings travel with the file.
            window.settingsPanel()->setState(
                QJsonObject{{"level", 1}, {"gfrd", false}, {"diagonal", false}, {"kMode", 1}, {"k", 10}});
            window.datasetPanel()->renameFeature(1, "bispectrum");
            window.datasetPanel()->moveFeature(1, -1); // bispectrum first
            QSignalSpy compared(&window, &MainWindow::comparisonFinished);
            window.compare();
            QVERIFY(compared.wait(60000));
            before = window.workspace().metrics();
            settingsBefore = window.settingsPanel()->state();
            QCOMPARE(before->names, (std::vector<std::string>{"bispectrum", "SOAP_power_spectrum"}));
            QSignalSpy saved(&window, &MainWindow::workspaceSaved);
            window.saveWorkspaceTo(path);
            QVERIFY(saved.wait(20000));
            QVERIFY(window.recentFiles().front().endsWith("study.h5"));
        }
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openFiles({path});
        QVERIFY2(loaded.wait(20000), qPrintable(window.lastError()));
        // The dataset as arranged.
        const auto choices = window.datasetPanel()->featureChoices();
        QCOMPARE(choices.size(), std::size_t(2));
        QCOMPARE(choices[0].name, std::string("bispectrum"));
        QCOMPARE(choices[1].name, std::string("SOAP_power_spectrum"));
        QCOMPARE(window.workspace().dataset()->frameCount(), Eigen::Index(162));
        // The settings.
        QCOMPARE(window.settingsPanel()->state(), settingsBefore);
        QCOMPARE(window.settingsPanel()->settings().lfreK, 10LL);
        // The comparison, value for value.
        const auto after = window.workspace().metrics();
        QVERIFY(after);
        QCOMPARE(after->names, before->names);
        QCOMPARE(after->trainIndices, before->trainIndices);
        QCOMPARE(after->testIndices, before->testIndices);
        QVERIFY(!after->matrices.count(Measure::GFRD));
        QCOMPARE(after->settings.lfreK, 10LL);
        QVERIFY(!after->settings.includeDiagonal);
        QVERIFY(std::isnan(after->matrices.at(Measure::GFRE)(0, 0)) && std::isnan(after->matrices.at(Measure::LFRE)(1, 1)));
        QVERIFY(!std::isnan(after->matrices.at(Measure::GFRE)(0, 1)));
        for (Measure m : {Measure::GFRE, Measure::LFRE}) {
            const Eigen::MatrixXd& a = after->matrices.at(m);
            const Eigen::MatrixXd& b = before->matrices.at(m);
            QVERIFY((a.array() == b.array() || (a.array().isNaN() && b.array().isNaN())).all());
            const PairMeasure& pa = after->pairs.at(m)[0][1];
            const PairMeasure& pb = before->pairs.at(m)[0][1];
            QCOMPARE(pa.pointwise, pb.pointwise);
            QCOMPARE(pa.k, pb.k);
            QCOMPARE(pa.chosenRelativeAlpha, pb.chosenRelativeAlpha);
            QCOMPARE(pa.keptSingularValues, pb.keptSingularValues);
        }
        QCOMPARE(after->pairs.at(Measure::LFRE)[1][0].k, 10LL);
        QCOMPARE(window.workspace().analysisLevel(), Level::Structure);
    }

    void removedAndUntickedSetsAreSavedAsArranged() {
        auto d = std::make_shared<Dataset>();
        Frame f;
        f.species = {1, 1};
        f.positions = Positions::Zero(2, 3);
        d->addFrame(f);
        for (const char* name : {"a", "b", "c"}) {
            FeatureSet set;
            set.name = name;
            set.data = MatrixF(MatrixF::Constant(2, 3, 1.5f));
            d->addFeatureSet(std::move(set));
        }
        WorkspaceSnapshot snapshot;
        snapshot.dataset = d;
        snapshot.features = {{2, "C", false}, {0, "a", true}}; // "b" removed
        const Project p = makeProject(snapshot);
        QCOMPARE(p.dataset.featureSets().size(), std::size_t(2));
        QCOMPARE(p.dataset.featureSets()[0].name, std::string("C"));
        QVERIFY(!p.dataset.featureSets()[0].enabled);
        QVERIFY(p.dataset.featureSets()[0].isFloat32()); // precision kept
        QCOMPARE(p.dataset.featureSets()[1].name, std::string("a"));
        QVERIFY(p.results.empty()); // nothing compared yet
    }

    void failedSaveNamesThePathAndKeepsTheOldFile() {
        QTemporaryDir dir;
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openFiles(demoFiles("ch4-manifold"));
        QVERIFY(loaded.wait(20000));
        QSignalSpy failed(&window, &MainWindow::saveFailed);
        const QString bad = dir.filePath("no/such/folder/x.h5");
        window.saveWorkspaceTo(bad);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.at(0).at(0).toString().contains("x.h5"), qPrintable(failed.at(0).at(0).toString()));
    }
};

QTEST_MAIN(TestWorkspaceProject)
#include "test_main_window_project.moc"
