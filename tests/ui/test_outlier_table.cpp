// Outlier table: rows from the pair's pointwise values (hand-made), worst first, species and
// label filters, selection into the workspace, CSV and extxyz exports read back.
#include <QtTest>

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

#include <cmath>

#include "core/io/loader.h"
#include "ui/views/outlier_model.h"
#include "ui/views/outlier_table.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

Frame frameOf(std::vector<int> species, const char* subset) {
    Frame f;
    f.species = std::move(species);
    f.positions = Positions::Zero(Eigen::Index(f.species.size()), 3);
    for (Eigen::Index k = 0; k < f.positions.rows(); ++k) f.positions(k, 0) = 1.1 * double(k);
    f.info["subset"] = InfoValue{std::string(subset)};
    return f;
}

// H2O (atoms 0-2, "train") and CH4 (atoms 3-7, "test"). Test atoms → LFRE a→b:
//   3 (C) 0.9, 1 (H) 0.2, 7 (H) 0.1, 2 (H) 0.4.
struct Fixture {
    std::shared_ptr<Dataset> dataset = std::make_shared<Dataset>();
    std::shared_ptr<AllPairsResult> metrics = std::make_shared<AllPairsResult>();
    Workspace workspace;
    Fixture() {
        dataset->addFrame(frameOf({8, 1, 1}, "train"));
        dataset->addFrame(frameOf({6, 1, 1, 1, 1}, "test"));
        dataset->addFeatureSet(FeatureSet{"a", Level::Atom, MatrixD(MatrixD::Zero(8, 2)), "t"});
        dataset->addFeatureSet(FeatureSet{"b", Level::Atom, MatrixD(MatrixD::Zero(8, 2)), "t"});
        metrics->names = {"a", "b"};
        metrics->testIndices = {3, 1, 7, 2};
        metrics->matrices[Measure::LFRE] = Eigen::MatrixXd::Zero(2, 2);
        metrics->pairs[Measure::LFRE].assign(2, std::vector<PairMeasure>(2));
        metrics->pairs[Measure::LFRE][0][1].pointwise = Eigen::Vector4d(0.9, 0.2, 0.1, 0.4);
        workspace.setDataset(dataset);
        workspace.setMetrics(metrics);
        workspace.setCurrentPair(0, 1, Measure::LFRE);
    }
};

qint64 globalAtomAt(const OutlierTable& t, int row) {
    return t.filter()->index(row, OutlierModel::GlobalColumn).data().toLongLong();
}

} // namespace

class TestOutlierTable : public QObject {
    Q_OBJECT
private slots:
    void rowsSortedWorstFirst() {
        Fixture fx;
        OutlierTable table(&fx.workspace);
        QCOMPARE(table.model()->rowCount(), 4);
        QCOMPARE(globalAtomAt(table, 0), 3);
        QCOMPARE(globalAtomAt(table, 1), 2);
        QCOMPARE(globalAtomAt(table, 2), 1);
        QCOMPARE(globalAtomAt(table, 3), 7);
        const OutlierRow& c = table.model()->rows()[0];
        QCOMPARE(c.frame, 1);
        QCOMPARE(c.frameAtom, 0);
        QCOMPARE(c.z, 6);
        QCOMPARE(c.labels, QString("subset=test"));
        QCOMPARE(table.errorColumnName(), QString("lfre_a_to_b"));
    }

    void filters() {
        Fixture fx;
        OutlierTable table(&fx.workspace);
        table.speciesFilter()->setCurrentIndex(table.speciesFilter()->findText("C"));
        QCOMPARE(table.filter()->rowCount(), 1);
        table.speciesFilter()->setCurrentIndex(table.speciesFilter()->findText("H"));
        QCOMPARE(table.filter()->rowCount(), 3);
        table.labelFilter()->setText("TRAIN");
        QCOMPARE(table.filter()->rowCount(), 2); // atoms 1 and 2 of the water frame
        QCOMPARE(globalAtomAt(table, 0), 2);
    }

    void selectingRowsSelectsAtoms() {
        Fixture fx;
        OutlierTable table(&fx.workspace);
        QSignalSpy spy(&fx.workspace, &Workspace::selectionChanged);
        table.table()->selectRow(0);
        QCOMPARE(fx.workspace.currentFrame(), 1);
        QCOMPARE(fx.workspace.selectedAtoms(), QSet<qint64>{3});
        QCOMPARE(spy.last().at(0).value<QObject*>(), &table);
        table.table()->selectionModel()->select(table.filter()->index(1, 0),
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(fx.workspace.selectedAtoms(), (QSet<qint64>{3, 2}));
    }

    void exportsReadBack() {
        Fixture fx;
        OutlierTable table(&fx.workspace);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(table.exportCsv(dir.filePath("o.csv"), &error), qPrintable(error));
        QFile csv(dir.filePath("o.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[0], QString("frame,atom,global_atom,species,lfre_a_to_b,labels"));
        const QStringList first = lines[1].split(',');
        QCOMPARE(first.mid(0, 4), (QStringList{"1", "0", "3", "C"}));
        QCOMPARE(first[4].toDouble(), 0.9);
        QCOMPARE(first[5], QString("subset=test"));

        QVERIFY2(table.exportExtxyz(dir.filePath("o.extxyz"), &error), qPrintable(error));
        const Dataset back = loadDataset({dir.filePath("o.extxyz").toStdString()});
        QCOMPARE(back.atomCount(), Eigen::Index(8));
        const Property* column = back.findProperty("lfre_a_to_b", Level::Atom);
        QVERIFY(column);
        QCOMPARE(column->numbers(3, 0), 0.9);
        QCOMPARE(column->numbers(1, 0), 0.2);
        QCOMPARE(column->numbers(7, 0), 0.1);
        QVERIFY(std::isnan(column->numbers(0, 0))); // not a test atom

        QVERIFY(!table.exportCsv(dir.filePath("none/o.csv"), &error));
        QVERIFY(error.contains("none/o.csv"));
    }
};

QTEST_MAIN(TestOutlierTable)
#include "test_outlier_table.moc"
