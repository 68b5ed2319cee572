// The "Cumulant orders" tab driven through its controls as a user would: the heatmaps show
// exactly what the core's computeOrderTable / computeCrossModelTable return for the same
// options (split, subset from the dataset panel, paper κ8, order), and the built-in check
// GFRE(higher order → lower order) ≈ 0 holds in the displayed table.
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QComboBox>
#include <QCheckBox>
#include <QTest>

#include <random>

#include "core/pooling/order_tables.h"
#include "ui/panels/dataset_panel.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/heatmap_view.h"
#include "ui/views/order_table_tab.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

// 60 structures of 5 atoms (3 C + 2 H), frame label "subset" = "bulk" / "surface"
// alternating, two per-atom feature sets of 3 random columns (the second a noisy nonlinear
// function of the first, so the models share some information).
std::shared_ptr<Dataset> handMadeDataset() {
    auto d = std::make_shared<Dataset>();
    for (int s = 0; s < 60; ++s) {
        Frame f;
        f.species = {6, 6, 6, 1, 1};
        f.positions = Positions::Zero(5, 3);
        for (int k = 0; k < 5; ++k) f.positions(k, 0) = 1.1 * k;
        f.info["subset"] = InfoValue{std::string(s % 2 ? "surface" : "bulk")};
        d->addFrame(f);
    }
    std::mt19937 rng(42);
    std::normal_distribution<double> normal(0.0, 1.0);
    MatrixD a(300, 3), b(300, 3);
    for (int i = 0; i < 300; ++i)
        for (int j = 0; j < 3; ++j) a(i, j) = normal(rng) + (j == 0 ? 0.3 * (i % 7) : 0.0);
    for (int i = 0; i < 300; ++i)
        for (int j = 0; j < 3; ++j) b(i, j) = std::tanh(a(i, (j + 1) % 3)) + 0.5 * normal(rng);
    FeatureSet fa{"modelA", Level::Atom, a, "hand-made", true};
    FeatureSet fb{"modelB", Level::Atom, b, "hand-made", true};
    d->addFeatureSet(fa);
    d->addFeatureSet(fb);
    return d;
}

// Options for the core call, mirroring what the tab should build from its controls.
StructureTableOptions coreOptions(int order) {
    StructureTableOptions o;
    o.cumulants.order = order;
    o.metrics.measures = {Measure::GFRE, Measure::LFRE};
    return o;
}

} // namespace

class TestOrderTableTab : public QObject {
    Q_OBJECT

    std::shared_ptr<Dataset> dataset_;
    Workspace* workspace_ = nullptr;
    TaskRunner* runner_ = nullptr;
    DatasetPanel* panel_ = nullptr;
    OrderTableTab* tab_ = nullptr;

    void computeAndWait() {
        QSignalSpy done(tab_, &OrderTableTab::computed);
        QSignalSpy failed(tab_, &OrderTableTab::failed);
        QVERIFY(tab_->computeButton()->isEnabled());
        QTest::mouseClick(tab_->computeButton(), Qt::LeftButton);
        QVERIFY(tab_->isComputing() || !done.isEmpty());
        QVERIFY(done.wait(60000) || !done.isEmpty());
        QCOMPARE(failed.count(), 0);
        QVERIFY(!tab_->isComputing());
    }

    // The displayed panels equal the core's GFRE and LFRE matrices cell by cell.
    void compareWithCore(const AllPairsResult& expected, const QStringList& names) {
        const auto& panels = tab_->heatmaps()->panels();
        QCOMPARE(int(panels.size()), 2);
        QCOMPARE(panels[0].title, QString("GFRE"));
        QCOMPARE(panels[1].title, QString("LFRE"));
        int p = 0;
        for (Measure m : {Measure::GFRE, Measure::LFRE}) {
            const Eigen::MatrixXd& want = expected.matrices.at(m);
            QCOMPARE(panels[p].rowNames, names);
            QCOMPARE(panels[p].columnNames, names);
            QCOMPARE(panels[p].values.rows(), want.rows());
            QCOMPARE(panels[p].values.cols(), want.cols());
            for (int r = 0; r < want.rows(); ++r)
                for (int c = 0; c < want.cols(); ++c) {
                    QVERIFY(std::isfinite(want(r, c))); // the diagonal too (self-reconstruction)
                    QVERIFY2(std::abs(panels[p].values(r, c) - want(r, c)) <= 1e-12,
                             qPrintable(QString("%1 cell %2,%3: %4 vs %5").arg(panels[p].title).arg(r).arg(c).arg(panels[p].values(r, c)).arg(want(r, c))));
                    QCOMPARE(tab_->heatmaps()->cellText(p, r, c), QString::number(want(r, c), 'f', 2));
                }
            ++p;
        }
        QCOMPARE(tab_->table()->pairs.testIndices, expected.testIndices);
    }

private slots:
    void init() {
        dataset_ = handMadeDataset();
        workspace_ = new Workspace;
        runner_ = new TaskRunner;
        panel_ = new DatasetPanel;
        tab_ = new OrderTableTab(workspace_, runner_, panel_);
        tab_->resize(1100, 600);
        workspace_->setDataset(dataset_);
        panel_->setDataset(dataset_);
        QTest::qWait(1); // the tab refreshes its inputs once the panel has the dataset
    }
    void cleanup() {
        runner_->shutdown();
        delete tab_;
        delete panel_;
        delete runner_;
        delete workspace_;
    }

    void defaultsDescribeThePaperTable() {
        QCOMPARE(tab_->orderBox()->value(), 8);
        QCOMPARE(tab_->modelBox()->count(), 2);
        QCOMPARE(tab_->modelBox()->currentText(), QString("modelA"));
        QVERIFY(tab_->gfreBox()->isChecked() && tab_->lfreBox()->isChecked());
        QVERIFY(!tab_->paperKappa8Box()->isChecked());
        const OrderTableRequest r = tab_->request();
        QVERIFY(r.kind == OrderTableRequest::Kind::Orders);
        QVERIFY(r.options.metrics.split.kind == SplitKind::SkmatterDefault);
        QVERIFY(r.options.subset.isEverything());
        QCOMPARE(tab_->stratifyBox()->currentText(), QString("subset"));
    }

    void orderTableEqualsCoreAndHigherToLowerIsZero() {
        computeAndWait();
        const StructureTable expected =
            computeOrderTable(*dataset_, dataset_->featureSets()[0], coreOptions(8), TaskContext{});
        QCOMPARE(expected.pairs.testIndices.size(), std::size_t(30)); // 50/50 over 60 structures
        compareWithCore(expected.pairs, {"φ1", "φ2", "φ3", "φ4", "φ5", "φ6", "φ7", "φ8"});
        // φ(b) is a column subset of φ(a) for b < a: reconstruction is exact.
        const Eigen::MatrixXd& gfre = tab_->heatmaps()->panels()[0].values;
        for (int a = 0; a < 8; ++a)
            for (int b = 0; b < a; ++b) QVERIFY2(gfre(a, b) < 1e-8, qPrintable(QString::number(gfre(a, b))));
        // The other direction loses information: φ1 (means) cannot give the 8th cumulants.
        QVERIFY(gfre(0, 7) > 0.3);
        QVERIFY(tab_->statusLabel()->text().contains("60 structures (30 train, 30 test)"));
    }

    void stratifiedSplitSubsetAndPaperKappa8AreApplied() {
        tab_->splitBox()->setCurrentIndex(1);
        tab_->testSizeBox()->setValue(20);
        tab_->seedBox()->setValue(3);
        tab_->paperKappa8Box()->setChecked(true);
        // Dataset panel filter: carbon atoms only (uncheck H).
        QListWidget* species = panel_->speciesList();
        for (int i = 0; i < species->count(); ++i)
            if (species->item(i)->text() == "H") species->item(i)->setCheckState(Qt::Unchecked);
        computeAndWait();

        StructureTableOptions o = coreOptions(8);
        o.cumulants.paperKappa8 = true;
        o.subset.species = {6};
        o.metrics.split.kind = SplitKind::Stratified;
        o.metrics.split.testSize = 20;
        o.metrics.split.stratifyBy = "subset";
        o.metrics.split.seed = 3;
        const StructureTable expected =
            computeOrderTable(*dataset_, dataset_->featureSets()[0], o, TaskContext{});
        QCOMPARE(expected.pairs.testIndices.size(), std::size_t(20));
        compareWithCore(expected.pairs, {"φ1", "φ2", "φ3", "φ4", "φ5", "φ6", "φ7", "φ8"});
        QCOMPARE(QString::fromStdString(tab_->table()->subsetDescription),
                 QString::fromStdString(o.subset.description()));
        // Without the filter the table differs (the H atoms change every cumulant).
        const StructureTable allAtoms =
            computeOrderTable(*dataset_, dataset_->featureSets()[0], coreOptions(8), TaskContext{});
        QVERIFY(std::abs(allAtoms.pairs.matrices.at(Measure::GFRE)(0, 7) -
                         expected.pairs.matrices.at(Measure::GFRE)(0, 7)) > 1e-6);
    }

    void crossModelTableUsesDisplayNamesAndTheChosenOrder() {
        panel_->renameFeature(1, "renamedB");
        QTest::qWait(1);
        tab_->kindBox()->setCurrentIndex(1);
        tab_->orderBox()->setValue(3);
        QCOMPARE(tab_->modelList()->count(), 2);
        computeAndWait();
        const std::vector<const FeatureSet*> sets{&dataset_->featureSets()[0], &dataset_->featureSets()[1]};
        const StructureTable expected = computeCrossModelTable(*dataset_, sets, coreOptions(3), TaskContext{});
        compareWithCore(expected.pairs, {"modelA", "renamedB"});
        // A single ticked model cannot make a cross-model table.
        tab_->modelList()->item(1)->setCheckState(Qt::Unchecked);
        QVERIFY(!tab_->computeButton()->isEnabled());
    }

    void noMeasureDisablesCompute() {
        tab_->gfreBox()->setChecked(false);
        tab_->lfreBox()->setChecked(false);
        QVERIFY(!tab_->computeButton()->isEnabled());
        tab_->lfreBox()->setChecked(true);
        QVERIFY(tab_->computeButton()->isEnabled());
    }
};

QTEST_MAIN(TestOrderTableTab)
#include "test_order_table_tab.moc"
