// "Add reference descriptor…": the dialog's widgets → spec text → the feature set the window
// adds in the background equals computeDescriptorFeatureSet called directly; the physics of
// the degenerate CH4 manifold holds for it; the user's feature choices survive; a comparison
// on screen is recomputed with the new set; bad input is refused; Cancel leaves the data.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QTableWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

#include "core/descriptors/descriptor_spec.h"
#include "core/io/loader.h"
#include "ui/dialogs/add_descriptor_action.h"
#include "ui/dialogs/add_descriptor_dialog.h"
#include "ui/main_window.h"
#include "ui/panels/dataset_panel.h"
#include "ui/resource_locator.h"
#include "ui/tasks/task_runner.h"

using namespace le;
using namespace le::ui;

namespace {

// 162 CH4 structures (810 atoms) with librascal's power spectrum and bispectrum of the carbon.
std::shared_ptr<const Dataset> ch4Dataset() {
    const std::string dir = QString(LE_TEST_DATA_DIR "/descriptors/").toStdString();
    const std::string npz = (resourceDir() + "/demo/degenerate_CH4_manifold.npz").toStdString();
    return std::make_shared<const Dataset>(loadDataset({dir + "manif-minus-plus.extxyz", npz}));
}

double maxAbsDifference(const FeatureSet& a, const FeatureSet& b) {
    return (a.toDouble() - b.toDouble()).cwiseAbs().maxCoeff();
}

bool waitIdle(MainWindow& window) { return window.tasks().waitForIdle(60000); }

} // namespace

class TestAddDescriptor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_add_descriptor");
        QSettings().clear();
    }

    void soapWidgetsBuildTheSpecText() {
        AddDescriptorDialog dialog;
        dialog.soapNMax()->setValue(3);
        dialog.soapLMax()->setValue(2);
        dialog.soapRCut()->setValue(4.0);
        dialog.soapSigma()->setValue(0.4);
        dialog.soapNormalize()->setChecked(false);
        dialog.centresEdit()->setText(" C ");
        QCOMPARE(dialog.specText(), QString("soap:n_max=3,l_max=2,r_cut=4,sigma=0.4,normalize=false,centres=C"));
        const DescriptorSpec spec = dialog.spec();
        QCOMPARE(spec.kind, DescriptorKind::Soap);
        QCOMPARE(spec.soap.nMax, 3);
        QCOMPARE(spec.soap.lMax, 2);
        QCOMPARE(spec.soap.rCut, 4.0);
        QCOMPARE(spec.soap.sigma, 0.4);
        QCOMPARE(spec.soap.normalize, false);
        QCOMPARE(spec.centres, std::vector<int>{6});
        QCOMPARE(spec.pool, DescriptorPooling::None);
        QVERIFY(dialog.previewLabel()->text().contains("SOAP n3 l2 rc4 σ0.4 raw [C]"));
    }

    void acsfWidgetsBuildTheSpecText() {
        AddDescriptorDialog dialog;
        dialog.kindBox()->setCurrentIndex(1);
        dialog.acsfRCut()->setValue(3.5);
        dialog.acsfRadial()->setValue(4);
        dialog.acsfAngular()->setChecked(false);
        dialog.centresEdit()->setText("C, H");
        dialog.poolBox()->setCurrentIndex(1);
        QCOMPARE(dialog.specText(), QString("acsf:r_cut=3.5,n_radial=4,angular=false,centres=C/H,pool=mean"));
        const DescriptorSpec spec = dialog.spec();
        QCOMPARE(spec.kind, DescriptorKind::Acsf);
        QCOMPARE(spec.acsf.rCut, 3.5);
        QCOMPARE(spec.acsf.nRadial, 4);
        QCOMPARE(spec.acsf.angular, false);
        QCOMPARE(spec.centres, (std::vector<int>{6, 1}));
        QCOMPARE(spec.pool, DescriptorPooling::Mean);
    }

    void setSpecRoundTrips() {
        AddDescriptorDialog dialog;
        const std::string text = "soap:n_max=5,l_max=3,r_cut=3.5,sigma=0.25,normalize=true,centres=O,pool=mean";
        dialog.setSpec(parseDescriptorSpec(text));
        QCOMPARE(dialog.specText(), QString::fromStdString(text));
        dialog.setSpec(parseDescriptorSpec("acsf:r_cut=5,n_radial=6,angular=true"));
        QCOMPARE(dialog.specText(), QString("acsf:r_cut=5,n_radial=6,angular=true"));
    }

    void unknownElementDisablesOk() {
        AddDescriptorDialog dialog;
        dialog.centresEdit()->setText("Xx");
        QVERIFY(dialog.previewLabel()->text().contains("Xx"));
        QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY_THROWS_EXCEPTION(InputError, dialog.spec());
        dialog.centresEdit()->setText("C");
        QVERIFY(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    void buttonAndMenuEntryFollowTheDataset() {
        MainWindow window;
        auto* button = window.datasetPanel()->findChild<QPushButton*>("addDescriptorButton");
        QVERIFY(button);
        QCOMPARE(button->text(), QString("Add reference descriptor…"));
        QVERIFY(!button->isEnabled());
        QAction* entry = nullptr;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu() && menu->text() == "&Analysis")
                for (QAction* a : menu->menu()->actions())
                    if (a->text() == "Add reference &descriptor…") entry = a;
        QVERIFY(entry);
        QVERIFY(!entry->isEnabled());
        window.openDataset(ch4Dataset());
        QVERIFY(button->isEnabled());
        QVERIFY(entry->isEnabled());
    }

    // The dialog's spec computed by the window equals the core called directly, and it is
    // a power spectrum: the degenerate pairs (frames 4+9m, 85+9m) get identical carbon vectors.
    void addedSetEqualsDirectComputation() {
        MainWindow window;
        window.setInteractive(false);
        const auto dataset = ch4Dataset();
        window.openDataset(dataset);
        QCOMPARE(int(dataset->featureSets().size()), 2);

        // Frames by label "-" (the X− manifold flag): keep only "T".
        DatasetPanel& panel = *window.datasetPanel();
        QCOMPARE(panel.labelKeyBox()->count(), 3); // (all frames), "+", "-"
        panel.labelKeyBox()->setCurrentIndex(2);
        QCOMPARE(panel.labelValueList()->count(), 2);
        QCOMPARE(panel.labelValueList()->item(0)->text(), QString("T"));
        panel.labelValueList()->item(1)->setCheckState(Qt::Unchecked);

        AddDescriptorDialog dialog;
        dialog.soapNMax()->setValue(3);
        dialog.soapLMax()->setValue(2);
        dialog.soapRCut()->setValue(4.0);
        dialog.centresEdit()->setText("C");
        addDescriptorInBackground(window, dialog.spec());
        QVERIFY(waitIdle(window));

        const auto grown = window.workspace().dataset();
        QVERIFY(grown != dataset);
        QCOMPARE(int(grown->featureSets().size()), 3);
        QCOMPARE(int(dataset->featureSets().size()), 2); // the old snapshot is untouched
        const FeatureSet& added = grown->featureSets().back();
        QCOMPARE(added.name, std::string("SOAP n3 l2 rc4 σ0.3 [C]"));
        QCOMPARE(added.level, Level::Structure); // one carbon per frame
        QCOMPARE(added.rows(), Eigen::Index(162));
        QCOMPARE(added.cols(), Eigen::Index((2 * 6 + 9) * 3)); // H,C: 2·n(n+1)/2 + n², × (l+1)

        const FeatureSet direct = computeDescriptorFeatureSet(
            *dataset, parseDescriptorSpec("soap:n_max=3,l_max=2,r_cut=4,sigma=0.3,normalize=true,centres=C"));
        QCOMPARE(maxAbsDifference(added, direct), 0.0);

        const MatrixD x = added.toDouble();
        for (int m = 0; m < 9; ++m) {
            const double same = (x.row(4 + 9 * m) - x.row(85 + 9 * m)).norm();
            const double other = (x.row(4 + 9 * m) - x.row(5 + 9 * m)).norm();
            QVERIFY2(same < 1e-9, qPrintable(QString("pair %1: %2").arg(m).arg(same)));
            QVERIFY(other > 1e-3);
        }
        QCOMPARE(std::abs(x.row(0).norm() - 1.0) < 1e-12, true); // normalised

        // The panel lists it, ticked, with its shape.
        QCOMPARE(window.datasetPanel()->featureChoices().size(), std::size_t(3));
        QCOMPARE(window.datasetPanel()->featureChoices().back().name, added.name);
        QVERIFY(window.datasetPanel()->featureChoices().back().enabled);
        QCOMPARE(window.datasetPanel()->featureTable()->item(2, 3)->text(), QString("162 × 63"));
        QVERIFY(window.stepLabel()->text().contains("Added SOAP n3 l2 rc4 σ0.3 [C]"));
        // The frame filter survives the dataset swap.
        QCOMPARE(panel.labelKeyBox()->currentText(), QString("-"));
        QCOMPARE(panel.labelValueList()->item(1)->checkState(), Qt::Unchecked);
        QCOMPARE(panel.subset().labelKey, std::string("-"));
        QCOMPARE(panel.subset().labelValues, std::vector<std::string>{"T"});
    }

    // Pooled ACSF = mean of the per-atom ACSF rows of each frame (computed separately).
    void pooledAcsfIsTheMeanOfAtomRows() {
        MainWindow window;
        window.setInteractive(false);
        const auto dataset = ch4Dataset();
        window.openDataset(dataset);
        AddDescriptorDialog dialog;
        dialog.kindBox()->setCurrentIndex(1);
        dialog.acsfRCut()->setValue(4.0);
        dialog.poolBox()->setCurrentIndex(1);
        addDescriptorInBackground(window, dialog.spec());
        QVERIFY(waitIdle(window));
        const FeatureSet& added = window.workspace().dataset()->featureSets().back();
        QCOMPARE(added.name, std::string("ACSF rc4 8G2 +G4 mean"));
        QCOMPARE(added.level, Level::Structure);
        QCOMPARE(added.cols(), Eigen::Index(2 * 8 + 3 * 4 * 2)); // G2 per species + G4 per pair, ζ, λ

        const MatrixD atoms = computeDescriptor(dataset->frames(), parseDescriptorSpec("acsf:r_cut=4"));
        const MatrixD pooled = added.toDouble();
        for (int f : {0, 17, 161}) {
            const Eigen::RowVectorXd mean = atoms.middleRows(5 * f, 5).colwise().mean();
            QVERIFY((pooled.row(f) - mean).cwiseAbs().maxCoeff() < 1e-12);
        }
    }

    // Renames, order and ticks survive; the heatmaps on screen are recomputed with the new set.
    void choicesKeptAndComparisonRecomputed() {
        MainWindow window;
        window.setInteractive(false);
        window.openDataset(ch4Dataset());
        window.datasetPanel()->renameFeature(0, "librascal PS");
        window.datasetPanel()->moveFeature(1, -1); // bispectrum first
        window.datasetPanel()->speciesList()->item(0)->setCheckState(Qt::Unchecked); // H off
        QSignalSpy compared(&window, &MainWindow::comparisonFinished);
        window.compare();
        QVERIFY(compared.wait(30000));
        QCOMPARE(int(window.workspace().metrics()->names.size()), 2);

        addDescriptorInBackground(window, parseDescriptorSpec("soap:n_max=4,l_max=3,r_cut=4,centres=C"));
        QVERIFY(compared.wait(60000));
        const auto& names = window.workspace().metrics()->names;
        QCOMPARE(int(names.size()), 3);
        QCOMPARE(names[0], std::string("SOAP_bispectrum"));
        QCOMPARE(names[1], std::string("librascal PS"));
        QCOMPARE(names[2], std::string("SOAP n4 l3 rc4 σ0.3 [C]"));
        // The subset filter survives the dataset swap.
        QCOMPARE(window.datasetPanel()->speciesList()->item(0)->text(), QString("H"));
        QCOMPARE(window.datasetPanel()->speciesList()->item(0)->checkState(), Qt::Unchecked);
        QCOMPARE(window.datasetPanel()->subset().species, std::vector<int>{6});
        // GFRE(SOAP → bispectrum) is large: a 3-body descriptor cannot see the 4-body
        // differences of the degenerate pairs (librascal's power spectrum: 0.229).
        const Eigen::MatrixXd& gfre = window.workspace().metrics()->matrices.at(Measure::GFRE);
        QVERIFY(std::isfinite(gfre(2, 0)) && std::isfinite(gfre(0, 2)));
        QVERIFY2(gfre(2, 0) > 0.1, qPrintable(QString::number(gfre(2, 0))));
        QVERIFY2(gfre(2, 0) < 0.5, qPrintable(QString::number(gfre(2, 0))));
        // One power spectrum recovers another almost exactly (measured 0.036)...
        QVERIFY2(gfre(2, 1) < 0.1, qPrintable(QString::number(gfre(2, 1))));
        // ...and the loaded pair keeps scikit-matter's value (shared/reference/metrics.json).
        QVERIFY(std::abs(gfre(1, 0) - 0.22908196202476652) < 1e-6);
    }

    void cancelledLeavesTheDataset() {
        MainWindow window;
        window.setInteractive(false);
        const auto dataset = ch4Dataset();
        window.openDataset(dataset);
        addDescriptorInBackground(window, parseDescriptorSpec("soap:n_max=8,l_max=6,r_cut=6"));
        window.cancelTasks();
        QVERIFY(waitIdle(window));
        QCOMPARE(window.workspace().dataset(), dataset);
        QCOMPARE(int(window.datasetPanel()->featureChoices().size()), 2);
    }

    // Per-atom SOAP of CH4 with centres=H cannot be one row per structure: the error reaches
    // the status bar and the data stays.
    void computeErrorIsReported() {
        MainWindow window;
        window.setInteractive(false);
        const auto dataset = ch4Dataset();
        window.openDataset(dataset);
        addDescriptorInBackground(window, parseDescriptorSpec("soap:n_max=2,l_max=1,centres=H"));
        QVERIFY(waitIdle(window));
        QVERIFY(window.stepLabel()->text().startsWith("Cannot add the descriptor"));
        QCOMPARE(window.workspace().dataset(), dataset);
    }
};

QTEST_MAIN(TestAddDescriptor)
#include "test_add_descriptor.moc"
