// Frame navigator: per-frame worst/mean pointwise error computed by hand, formula, numeric
// sorting, search, and opening a frame / its worst atom in the workspace.
#include <QtTest>

#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QItemSelectionModel>
#include <QTableView>

#include <cmath>

#include "ui/views/frame_navigator.h"
#include "ui/views/frame_navigator_model.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

Frame frameOf(std::vector<int> species, const char* subset, double energy) {
    Frame f;
    f.species = std::move(species);
    f.positions = Positions::Zero(Eigen::Index(f.species.size()), 3);
    for (Eigen::Index k = 0; k < f.positions.rows(); ++k) f.positions(k, 0) = 1.5 * double(k);
    f.info["subset"] = InfoValue{std::string(subset)};
    f.info["energy"] = InfoValue{energy};
    return f;
}

// Frames: H2O (atoms 0-2), CH4 (3-7), NH3 (8-11). Test atoms and their pointwise LFRE:
//   atom 1 → 0.2, atom 2 → 0.4 (frame 0: worst 0.4 at atom 2, mean 0.3)
//   atom 4 → 0.9, atom 7 → 0.1 (frame 1: worst 0.9 at atom 1 of the frame, mean 0.5)
//   none in frame 2 (n/a, sorts last).
struct Fixture {
    std::shared_ptr<Dataset> dataset = std::make_shared<Dataset>();
    std::shared_ptr<AllPairsResult> metrics = std::make_shared<AllPairsResult>();
    Fixture() {
        dataset->addFrame(frameOf({8, 1, 1}, "train", -10.0));
        dataset->addFrame(frameOf({6, 1, 1, 1, 1}, "test", 2.0));
        dataset->addFrame(frameOf({7, 1, 1, 1}, "test", -3.5));
        dataset->addFeatureSet(FeatureSet{"a", Level::Atom, MatrixD(MatrixD::Zero(12, 2)), "t"});
        dataset->addFeatureSet(FeatureSet{"b", Level::Atom, MatrixD(MatrixD::Zero(12, 2)), "t"});
        metrics->names = {"a", "b"};
        metrics->testIndices = {4, 1, 7, 2};
        metrics->matrices[Measure::LFRE] = Eigen::MatrixXd::Zero(2, 2);
        metrics->pairs[Measure::LFRE].assign(2, std::vector<PairMeasure>(2));
        Eigen::VectorXd pointwise(4);
        pointwise << 0.9, 0.2, 0.1, 0.4;
        metrics->pairs[Measure::LFRE][0][1].pointwise = pointwise;
    }
};

} // namespace

class TestFrameNavigator : public QObject {
    Q_OBJECT
private slots:
    void summaryByHand() {
        Fixture fx;
        const auto s = summariseFrameErrors(*fx.dataset, *fx.metrics, 0, 1, Measure::LFRE);
        QCOMPARE(s.worst[0], 0.4);
        QVERIFY(std::abs(s.mean[0] - 0.3) < 1e-12);
        QCOMPARE(s.worstAtom[0], 2LL);
        QCOMPARE(s.worst[1], 0.9);
        QVERIFY(std::abs(s.mean[1] - 0.5) < 1e-12);
        QCOMPARE(s.worstAtom[1], 4LL);
        QVERIFY(std::isnan(s.worst[2]));
        QCOMPARE(s.worstAtom[2], -1LL);
    }

    void formula() {
        QCOMPARE(chemicalFormula({8, 1, 1}), QString("H2O"));
        QCOMPARE(chemicalFormula({1, 6, 8, 6, 1, 1, 7}), QString("C2H3NO"));
        QCOMPARE(chemicalFormula({14, 14}), QString("Si2"));
    }

    void sortSearchAndOpen() {
        Fixture fx;
        Workspace workspace;
        workspace.setDataset(fx.dataset);
        workspace.setMetrics(fx.metrics);
        workspace.setCurrentPair(0, 1, Measure::LFRE);
        FrameNavigator navigator(&workspace);
        QCOMPARE(navigator.model()->rowCount(), 3);
        QCOMPARE(navigator.model()->headerData(FrameNavigatorModel::WorstColumn, Qt::Horizontal,
                                               Qt::DisplayRole).toString(), QString("Worst LFRE"));
        QCOMPARE(navigator.model()->index(0, FrameNavigatorModel::FormulaColumn).data().toString(),
                 QString("H2O"));

        navigator.table()->sortByColumn(FrameNavigatorModel::WorstColumn, Qt::DescendingOrder);
        QCOMPARE(navigator.frameAtRow(0), 1);
        QCOMPARE(navigator.frameAtRow(1), 0);
        QCOMPARE(navigator.frameAtRow(2), 2);
        navigator.table()->sortByColumn(FrameNavigatorModel::MeanColumn, Qt::AscendingOrder);
        QCOMPARE(navigator.frameAtRow(0), 2); // n/a first when ascending
        QCOMPARE(navigator.frameAtRow(1), 0);

        // The "energy" info column sorts numerically (-10 < -3.5 < 2).
        int energyColumn = -1;
        for (int c = 0; c < navigator.model()->columnCount(); ++c)
            if (navigator.model()->headerData(c, Qt::Horizontal, Qt::DisplayRole) == "energy") energyColumn = c;
        QVERIFY(energyColumn >= FrameNavigatorModel::FirstInfoColumn);
        navigator.table()->sortByColumn(energyColumn, Qt::AscendingOrder);
        QCOMPARE(navigator.frameAtRow(0), 0);
        QCOMPARE(navigator.frameAtRow(1), 2);
        QCOMPARE(navigator.frameAtRow(2), 1);

        navigator.searchField()->setText("TEST");
        QCOMPARE(navigator.proxy()->rowCount(), 2);
        navigator.searchField()->setText("CH4");
        QCOMPARE(navigator.proxy()->rowCount(), 1);

        QSignalSpy frameSpy(&workspace, &Workspace::currentFrameChanged);
        emit navigator.table()->clicked(navigator.proxy()->index(0, 0));
        QCOMPARE(workspace.currentFrame(), 1);
        QCOMPARE(frameSpy.count(), 1);
        emit navigator.table()->activated(navigator.proxy()->index(0, 0));
        QCOMPARE(workspace.selectedAtoms(), QSet<qint64>{4}); // the worst atom of CH4

        // A frame opened elsewhere becomes the selected row.
        navigator.searchField()->clear();
        workspace.setCurrentFrame(2);
        const QModelIndexList rows = navigator.table()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(navigator.frameAtRow(rows.front().row()), 2);
    }
};

QTEST_MAIN(TestFrameNavigator)
#include "test_structure_view_navigator.moc"
