// The "Cumulant orders" tab in the main window on real data: the bundled QM9 demo (300
// molecules) with the per-atom descriptor of fewest columns it computes (radial ACSF). The tab's table equals
// the core's, GFRE(higher → lower) ≈ 0, and adding orders adds information (GFRE(φ1 → φ4)
// clearly above 0). With ORDERS_SCREENSHOT=FILE.png the window is also saved as a picture.
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QPixmap>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

#include "core/pooling/order_tables.h"
#include "ui/main_window.h"
#include "ui/views/heatmap_view.h"
#include "ui/views/order_table_tab.h"

using namespace le;
using namespace le::ui;

class TestSharedOrderTableTab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QCoreApplication::setApplicationName("test_shared_order_table_tab"); }

    void qm9DemoOrderTable() {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1500, 900);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openDemo("qm9-300");
        QVERIFY(loaded.wait(120000));
        auto* tab = window.findChild<OrderTableTab*>();
        QVERIFY(tab);
        window.viewTabs()->setCurrentWidget(tab);
        QTest::qWait(10);
        const auto dataset = window.workspace().dataset();
        int smallest = -1;
        for (int i = 0; i < tab->modelBox()->count(); ++i) {
            const int index = tab->modelBox()->itemData(i).toInt();
            if (smallest < 0 || dataset->featureSets()[std::size_t(index)].cols() <
                    dataset->featureSets()[std::size_t(tab->modelBox()->itemData(smallest).toInt())].cols())
                smallest = i;
        }
        QVERIFY(smallest >= 0);
        tab->modelBox()->setCurrentIndex(smallest);
        const FeatureSet& features = dataset->featureSets()[std::size_t(tab->modelBox()->currentData().toInt())];
        qInfo() << "model" << tab->modelBox()->currentText() << features.cols() << "columns";

        // Order 4 (128 columns) stays below the 150 training structures: with more columns
        // than training rows the minimum-norm fit is no longer the exact column selection
        // and GFRE(higher → lower) is small but not ≈ 0.
        tab->orderBox()->setValue(4);
        QSignalSpy done(tab, &OrderTableTab::computed);
        QSignalSpy failed(tab, &OrderTableTab::failed);
        tab->compute();
        QVERIFY2(tab->isComputing(), qPrintable(tab->statusLabel()->text()));
        QVERIFY(done.wait(60000));
        QCOMPARE(failed.count(), 0);

        StructureTableOptions o;
        o.cumulants.order = 4;
        o.metrics.measures = {Measure::GFRE, Measure::LFRE};
        const StructureTable expected = computeOrderTable(
            *dataset, features, o, TaskContext{});
        const Eigen::MatrixXd& gfre = tab->heatmaps()->panels()[0].values;
        const Eigen::MatrixXd& want = expected.pairs.matrices.at(Measure::GFRE);
        QCOMPARE(gfre.rows(), 4);
        for (int a = 0; a < 4; ++a)
            for (int b = 0; b < 4; ++b) {
                if (a == b) continue;
                QVERIFY(std::abs(gfre(a, b) - want(a, b)) < 1e-12);
                if (b < a) QVERIFY2(gfre(a, b) < 1e-8, qPrintable(QString::number(gfre(a, b))));
            }
        QVERIFY(gfre(0, 3) > 0.05);

        if (const QString shot = qEnvironmentVariable("ORDERS_SCREENSHOT"); !shot.isEmpty()) {
            for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shot, "PNG"));
        }
    }
};

QTEST_MAIN(TestSharedOrderTableTab)
#include "test_shared_order_table_tab.moc"
