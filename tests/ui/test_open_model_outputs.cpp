// Opening model outputs in the GUI: dropped in any order, the structure file is read first and
// metatensor / DeePMD HDF5 / 3-D .npy files become feature sets (values from the fixtures'
// formula, tests/data/formats/make_fixtures.py); a bad one leaves nothing loaded.
#include <QCoreApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QUrl>
#include <QtTest>

#include "ui/main_window.h"

using namespace le;
using namespace le::ui;

namespace {
const QString formats = LE_TEST_DATA_DIR "/formats/";
double value(long long f, long long a, long long j) { return 100.0 * double(f) + 10.0 * double(a) + double(j) / 2.0; }

bool drop(MainWindow& window, const QStringList& files) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& f : files) urls << QUrl::fromLocalFile(f);
    mime.setUrls(urls);
    QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    static_cast<QObject*>(&window)->event(&event); // delivered to the window itself
    return event.isAccepted();
}
} // namespace

class TestOpenModelOutputs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { // recent files go to a settings store of the test's own
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_open_model_outputs");
        QSettings().clear();
    }
    void droppedFeatureFilesBeforeTheStructures() {
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        QVERIFY(drop(window, {formats + "dp_embed.h5", formats + "deepmd_desc.npy", formats + "deepmd.xyz"}));
        QVERIFY2(loaded.wait(20000), qPrintable(window.lastError()));
        const auto dataset = window.workspace().dataset();
        QCOMPARE(dataset->frameCount(), Eigen::Index(3));
        QCOMPARE(dataset->featureSets().size(), std::size_t(4));
        QCOMPARE(dataset->featureSets()[0].name, std::string("dp_embed/descriptor"));
        QCOMPARE(dataset->featureSets()[3].name, std::string("deepmd_desc"));
        QCOMPARE(dataset->featureSets()[3].toDouble()(7, 2), value(2, 1, 2)); // frame 2, atom 1
    }
    void metatensorAndHdf5DatasetByOpen() {
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openFiles({formats + "pet_features.mts", formats + "structures.xyz", formats + "generic.h5:/group/per_atom"});
        QVERIFY2(loaded.wait(20000), qPrintable(window.lastError()));
        const auto dataset = window.workspace().dataset();
        QCOMPARE(dataset->featureSets().size(), std::size_t(2));
        QCOMPARE(dataset->featureSets()[0].toDouble()(4, 3), value(1, 2, 3));
        QCOMPARE(dataset->featureSets()[1].name, std::string("generic/group/per_atom"));
    }
    void badFileLoadsNothing() {
        MainWindow window;
        window.setInteractive(false);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openFiles({formats + "structures.xyz", formats + "pet_features.mts", formats + "missing_atom.mts"});
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.at(0).at(0).toString().contains("frame 2 has 3 atoms in structures.xyz but 2 in missing_atom.mts"),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(!window.workspace().dataset());
    }
};

QTEST_MAIN(TestOpenModelOutputs)
#include "test_open_model_outputs.moc"
