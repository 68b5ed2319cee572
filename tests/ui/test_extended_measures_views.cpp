// The measures beyond linear reconstruction in the app (issue #16): the settings panel offers them
// (remembered, in the cache key), the comparison view shows any of them as a third heatmap with
// its own colour range, exports carry every matrix and the intrinsic dimension, the pair details
// say a CKA pair has no per-point distribution, the model map draws the MDS points and the
// average-linkage dendrogram of the Procrustes angles, and a saved workspace brings all back.
// Closed forms checked: B = A rotated, scaled by 2 and shifted gives CKA = dCKA = 1, θ = 0 and the
// same TwoNN dimension as A; average linkage of three models merges A, B at θ(A, B) and then C at
// the mean of θ(A, C), θ(B, C).
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <cmath>

#include "core/util/error.h"
#include "helpers/hand_made_results.h"
#include "ui/dialogs/pair_details_dialog.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/tasks/analysis_jobs.h"
#include "ui/tasks/workspace_project.h"
#include "ui/views/comparison_view.h"
#include "ui/views/dendrogram_layout.h"
#include "ui/views/heatmap_view.h"
#include "ui/views/model_map_view.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

// 60 atoms (15 frames C H H O); A smooth in 4 columns, B = 2·A·R + 1 with R a rotation (same
// shape as A), C a non-linear function of A in 3 columns.
std::shared_ptr<const Dataset> threeSets() {
    Dataset d = le::test::formaldehydeLikeFrames(15);
    MatrixD a(60, 4), c(60, 3);
    for (int i = 0; i < 60; ++i) {
        for (int j = 0; j < 4; ++j) a(i, j) = std::sin(1.3 * i + 0.7 * j * j) + 0.1 * j;
        for (int j = 0; j < 3; ++j) c(i, j) = std::tanh(3 * a(i, j) * a(i, j + 1)) + 0.3 * std::cos(2.1 * i * (j + 1));
    }
    Eigen::Matrix4d rotation = Eigen::Matrix4d::Zero();
    const double s = std::sin(0.7), co = std::cos(0.7);
    rotation.block<2, 2>(0, 0) << co, -s, s, co;
    rotation.block<2, 2>(2, 2) << co, s, -s, co;
    const MatrixD b = ((2.0 * a * rotation).array() + 1.0).matrix();
    d.addFeatureSet(FeatureSet{"A", Level::Atom, a, "a.npy"});
    d.addFeatureSet(FeatureSet{"B", Level::Atom, b, "b.npy"});
    d.addFeatureSet(FeatureSet{"C", Level::Atom, c, "c.npy"});
    return std::make_shared<const Dataset>(std::move(d));
}

CompareRequest extendedRequest() {
    CompareRequest request;
    request.features = {FeatureChoice{0, "A", true}, FeatureChoice{1, "B", true}, FeatureChoice{2, "C", true}};
    request.settings.measures = {Measure::GFRE, Measure::CKA, Measure::DCKA, Measure::Procrustes,
                                 Measure::InformationImbalance, Measure::IntrinsicDimension};
    return request;
}

// Equal element by element, NaN where the other is NaN.
bool sameValues(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        if (!(a.data()[i] == b.data()[i] || (std::isnan(a.data()[i]) && std::isnan(b.data()[i])))) return false;
    return true;
}

template <class T> T* child(QWidget& parent, const char* name) {
    T* widget = parent.findChild<T*>(name);
    if (!widget) qFatal("no child %s", name);
    return widget;
}

} // namespace

class TestExtendedMeasuresViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_extended_measures_views");
    }

    void settingsOfferTheNewMeasures() {
        AnalysisSettingsPanel panel;
        QCOMPARE(panel.settings().measures, (std::vector<Measure>{Measure::GFRE, Measure::GFRD, Measure::LFRE}));
        QVERIFY(!child<QSpinBox>(panel, "landmarks")->isEnabled()); // only with kernel GFRE
        for (const char* name : {"kgfre", "cka", "procrustes", "id"}) child<QCheckBox>(panel, name)->setChecked(true);
        child<QSpinBox>(panel, "landmarks")->setValue(300);
        QVERIFY(child<QSpinBox>(panel, "landmarks")->isEnabled());
        QVERIFY(!child<QLineEdit>(panel, "gamma")->isEnabled()); // auto γ
        child<QComboBox>(panel, "gammaMode")->setCurrentIndex(1);
        child<QLineEdit>(panel, "gamma")->setText("0.25");
        const MetricSettings s = panel.settings();
        QCOMPARE(s.measures, (std::vector<Measure>{Measure::GFRE, Measure::GFRD, Measure::LFRE, Measure::KGFRE,
                                                   Measure::CKA, Measure::Procrustes, Measure::IntrinsicDimension}));
        QCOMPARE(s.kernel.landmarks, 300LL);
        QCOMPARE(s.kernel.gamma, 0.25);

        // Round trips: workspace state and QSettings.
        AnalysisSettingsPanel copy;
        copy.setState(panel.state());
        QCOMPARE(copy.settings().measures, s.measures);
        QCOMPARE(copy.settings().kernel.landmarks, 300LL);
        QCOMPARE(copy.settings().kernel.gamma, 0.25);
        panel.save();
        AnalysisSettingsPanel restored;
        restored.restore();
        QCOMPARE(restored.settings().measures, s.measures);
        QCOMPARE(restored.settings().kernel.gamma, 0.25);

        child<QLineEdit>(panel, "gamma")->setText("-1");
        QVERIFY_THROWS_EXCEPTION(InputError, panel.settings());
        for (const char* name : {"kgfre", "cka", "procrustes", "id"}) child<QCheckBox>(panel, name)->setChecked(false);
        child<QCheckBox>(panel, "dcka")->setChecked(true); // a new measure alone is enough
        for (QCheckBox* box : panel.findChildren<QCheckBox*>())
            if (box->text() == "GFRE" || box->text() == "GFRD" || box->text() == "LFRE") box->setChecked(false);
        QCOMPARE(panel.settings().measures, (std::vector<Measure>{Measure::DCKA}));
        QSettings().clear();
    }

    void cacheKeyFollowsTheNewSettings() {
        const auto dataset = threeSets();
        const CompareRequest request = extendedRequest();
        const QString key = compareCacheKey(*dataset, request);
        CompareRequest kernel = request, landmarks = request, gamma = request;
        kernel.settings.measures.push_back(Measure::KGFRE);
        landmarks.settings.measures.push_back(Measure::KGFRE);
        landmarks.settings.kernel.landmarks = 10;
        gamma.settings.measures.push_back(Measure::KGFRE);
        gamma.settings.kernel.gamma = 0.5;
        const QSet<QString> keys{key, compareCacheKey(*dataset, kernel), compareCacheKey(*dataset, landmarks),
                                 compareCacheKey(*dataset, gamma)};
        QCOMPARE(keys.size(), 4);
    }

    void comparisonShowsAnyMeasure() {
        const auto dataset = threeSets();
        const CompareOutput out = runCompare(*dataset, extendedRequest(), silentContext());
        const AllPairsResult& r = *out.result;
        Workspace workspace;
        workspace.setDataset(dataset);
        ComparisonView view(workspace);
        view.resize(1400, 500);
        workspace.setMetrics(out.result);
        QCOMPARE(view.panelMeasures(), (std::vector<Measure>{Measure::GFRE})); // LFRE not computed

        view.setThirdPanel(Measure::CKA);
        QCOMPARE(view.panelMeasures(), (std::vector<Measure>{Measure::GFRE, Measure::CKA}));
        const NamedMatrix& cka = view.computedView()->panels()[1];
        QCOMPARE(cka.title, QString("CKA"));
        QVERIFY(cka.values == r.matrices.at(Measure::CKA)); // the core's matrix, exactly
        QCOMPARE(view.computedView()->cellText(1, 0, 1), QString("1.00")); // B is A rotated, scaled, shifted
        QCOMPARE(view.computedView()->cellText(1, 0, 2), QString::number(r.matrices.at(Measure::CKA)(0, 2), 'f', 2));
        QVERIFY(cka.ownRange && cka.ownRange->min == 0.0 && cka.ownRange->max == 1.0);

        view.setThirdPanel(Measure::Procrustes);
        const NamedMatrix& theta = view.computedView()->panels()[1];
        QVERIFY(std::abs(r.matrices.at(Measure::Procrustes)(0, 1)) < 1e-10);
        QCOMPARE(view.computedView()->cellText(1, 1, 0), QString("0.00"));
        QVERIFY(theta.ownRange && std::abs(theta.ownRange->max - M_PI / 2) < 1e-15);
        // Dark cells (θ = 0 at the bottom of viridis) read in white, light ones in black.
        QCOMPARE(view.computedView()->cellTextColor(1, 1, 0), QColor(Qt::white));

        view.setThirdPanel(Measure::InformationImbalance);
        const NamedMatrix& ii = view.computedView()->panels()[1];
        QCOMPARE(ii.values(2, 0), r.matrices.at(Measure::InformationImbalance)(2, 0));
        QVERIFY(ii.ownRange && ii.ownRange->max >= 1.0);

        // Export data: every computed matrix and the intrinsic dimension, whatever is shown.
        QStringList titles;
        for (const NamedMatrix& m : view.exportedMatrices()) titles << m.title;
        QCOMPARE(titles, (QStringList{"GFRE", "CKA", "debiased CKA", "Procrustes angle", "information imbalance",
                                      "intrinsic dimension"}));
        QTemporaryDir dir;
        const QString path = dir.filePath("all.csv");
        QCOMPARE(view.writeData(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
        const int dcka = int(lines.indexOf("# debiased CKA"));
        QVERIFY(dcka >= 0);
        QCOMPARE(lines[dcka + 3].split(',')[3], QString::number(r.matrices.at(Measure::DCKA)(1, 2), 'g', 17));
        const int id = int(lines.indexOf("# intrinsic dimension"));
        QCOMPARE(lines[id + 1], QString("source\\target,d"));
        QCOMPARE(lines[id + 2], "A," + QString::number(r.intrinsicDimension[0], 'g', 17));
    }

    void pairDetailsOfAMeasureWithoutPointwiseValues() {
        const auto dataset = threeSets();
        const CompareOutput out = runCompare(*dataset, extendedRequest(), silentContext());
        Workspace workspace;
        workspace.setDataset(dataset);
        workspace.setMetrics(out.result);
        PairDetailsDialog dialog(workspace);
        workspace.setCurrentPair(0, 2, Measure::CKA);
        dialog.refresh();
        QCOMPARE(dialog.statistics().count, 0LL);
        QVERIFY(dialog.summaryText().contains("No per-point distribution: CKA is one number for the pair"));
        QVERIFY(dialog.findChild<QLabel*>() != nullptr);
        bool titleHasValue = false;
        const QString value = QString::number(out.result->matrices.at(Measure::CKA)(0, 2), 'f', 4);
        for (QLabel* label : dialog.findChildren<QLabel*>()) titleHasValue |= label->text().contains("CKA  A → C = " + value);
        QVERIFY(titleHasValue);
    }

    void dendrogramLayoutByHand() {
        // Four models: 0+2 at 1, 1+3 at 2, then both groups at 3.
        const DendrogramLayout layout = layoutDendrogram({{0, 2, 1.0, 2}, {1, 3, 2.0, 2}, {4, 5, 3.0, 4}}, 4);
        QCOMPARE(layout.leafOrder, (std::vector<int>{0, 2, 1, 3}));
        QCOMPARE(layout.leafX, (std::vector<double>{0, 2, 1, 3}));
        QCOMPARE(layout.links.size(), std::size_t(3));
        QCOMPARE(layout.links[2].leftX, 0.5);
        QCOMPARE(layout.links[2].rightX, 2.5);
        QCOMPARE(layout.links[2].leftHeight, 1.0);
        QCOMPARE(layout.links[2].rightHeight, 2.0);
        QCOMPARE(layout.links[2].height, 3.0);
        QVERIFY_THROWS_EXCEPTION(ComputeError, layoutDendrogram({{0, 4, 1.0, 2}}, 4));
    }

    void modelMapDrawsTheCoreMap() {
        const auto dataset = threeSets();
        const CompareOutput out = runCompare(*dataset, extendedRequest(), silentContext());
        const AllPairsResult& r = *out.result;
        Workspace workspace;
        ModelMapView view(workspace);
        view.resize(1200, 500);
        QVERIFY(view.statusText().contains("Tick Procrustes"));
        workspace.setMetrics(out.result);
        QVERIFY(r.modelMap);
        QCOMPARE(view.points().size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(view.points()[std::size_t(i)].x(), r.modelMap->coordinates(i, 0));
            QCOMPARE(view.points()[std::size_t(i)].y(), r.modelMap->coordinates(i, 1));
        }
        // A and B (θ ≈ 0) coincide on the map.
        QVERIFY(std::hypot(view.points()[0].x() - view.points()[1].x(), view.points()[0].y() - view.points()[1].y()) < 1e-6);
        QCOMPARE(view.pointLabels()[2], QString("C (d = %1)").arg(r.intrinsicDimension[2], 0, 'f', 1));
        QVERIFY(std::abs(r.intrinsicDimension[0] - r.intrinsicDimension[1]) < 1e-9); // same shape, same dimension

        // n − 1 = 2 merges drawn: A with B at θ(A, B), then C at the mean of its angles to them.
        const Eigen::MatrixXd& theta = r.matrices.at(Measure::Procrustes);
        const auto& links = view.dendrogram().links;
        QCOMPARE(links.size(), std::size_t(2));
        QVERIFY(std::abs(links[0].height - theta(0, 1)) < 1e-12);
        QVERIFY(std::abs(links[1].height - 0.5 * (theta(0, 2) + theta(1, 2))) < 1e-12);
        QCOMPARE(view.plot()->plottableCount(), 1 + 2); // the points and one line per merge
        auto* top = qobject_cast<QCPCurve*>(view.plot()->plottable(2));
        QVERIFY(top);
        QCOMPARE(top->data()->at(1)->value, links[1].height);
        // Equal scale: as many pixels per radian on both axes, once laid out on screen.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(50); // the scale is equalised once the plot has its size
        QCPAxisRect* rect = view.plot()->axisRect(0);
        const double xScale = rect->width() / rect->axis(QCPAxis::atBottom)->range().size();
        const double yScale = rect->height() / rect->axis(QCPAxis::atLeft)->range().size();
        QVERIFY2(std::abs(xScale / yScale - 1.0) < 1e-6, qPrintable(QString("%1 %2 %3 %4").arg(xScale).arg(yScale).arg(rect->width()).arg(rect->height())));
    }

    void savedWorkspaceKeepsTheNewResults() {
        const auto dataset = threeSets();
        const CompareOutput out = runCompare(*dataset, extendedRequest(), silentContext());
        const AllPairsResult& r = *out.result;
        WorkspaceSnapshot snapshot;
        snapshot.dataset = dataset;
        snapshot.features = extendedRequest().features;
        snapshot.comparison = out;
        QTemporaryDir dir;
        const QString path = dir.filePath("w.h5");
        writeWorkspace(path, snapshot, silentContext());
        const RestoredWorkspace back = restoreWorkspace(readProject(path.toStdString()), path.toStdString());
        QVERIFY(back.comparison);
        const AllPairsResult& b = *back.comparison->result;
        for (Measure m : {Measure::GFRE, Measure::CKA, Measure::DCKA, Measure::Procrustes, Measure::InformationImbalance}) {
            QVERIFY2(b.matrices.count(m), measureName(m));
            QVERIFY(sameValues(b.matrices.at(m), r.matrices.at(m)));
            QCOMPARE(b.pairs.at(m)[2][0].value, r.matrices.at(m)(2, 0));
        }
        QCOMPARE(b.settings.measures, r.settings.measures);
        QCOMPARE(b.intrinsicDimension, r.intrinsicDimension);
        QVERIFY(b.modelMap);
        QVERIFY(b.modelMap->coordinates == r.modelMap->coordinates);
        QVERIFY(b.modelMap->eigenvalues == r.modelMap->eigenvalues);
        QCOMPARE(b.modelMap->merges.size(), r.modelMap->merges.size());
        for (std::size_t i = 0; i < b.modelMap->merges.size(); ++i) {
            QCOMPARE(b.modelMap->merges[i].left, r.modelMap->merges[i].left);
            QCOMPARE(b.modelMap->merges[i].right, r.modelMap->merges[i].right);
            QCOMPARE(b.modelMap->merges[i].height, r.modelMap->merges[i].height);
            QCOMPARE(b.modelMap->merges[i].size, r.modelMap->merges[i].size);
        }
    }
};

QTEST_MAIN(TestExtendedMeasuresViews)
#include "test_extended_measures_views.moc"
