// Linked selection through the workspace: lasso/box on the map highlights atoms in the
// structure view, a click in the structure view highlights the map point, a click on a map
// point opens its frame with the atom selected; structure-level points stand for whole frames.
#include <QtTest>

#include <QSignalSpy>
#include <qcustomplot.h>

#include "ui/views/projection_map.h"
#include "ui/views/projection_scatter.h"
#include "ui/views/structure_view.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

// Frame 0: water (atoms 0-2); frame 1: two C atoms (atoms 3-4).
std::shared_ptr<Dataset> dataset() {
    auto d = std::make_shared<Dataset>();
    Frame w;
    w.species = {8, 1, 1};
    w.positions.resize(3, 3);
    w.positions << 0, 0, 0, 0.9572, 0, 0, -0.24, 0.9266, 0;
    d->addFrame(w);
    Frame c;
    c.species = {6, 6};
    c.positions.resize(2, 3);
    c.positions << 0, 0, 0, 1.5, 0, 0;
    d->addFrame(c);
    return d;
}

// One point per atom on a diagonal: atom k at (k, k).
std::shared_ptr<ProjectionPoints> atomPoints() {
    auto p = std::make_shared<ProjectionPoints>();
    for (int k = 0; k < 5; ++k) {
        p->x.push_back(k);
        p->y.push_back(k);
        p->row.push_back(k);
    }
    return p;
}

} // namespace

class TestSelectionLink : public QObject {
    Q_OBJECT
private slots:
    void lassoOnMapSelectsAtomsInStructureView() {
        Workspace workspace;
        workspace.setDataset(dataset());
        StructureView view(&workspace);
        ProjectionMap map(&workspace);
        map.setPoints(atomPoints(), "PC1", "PC2");
        QSignalSpy spy(&workspace, &Workspace::selectionChanged);

        // Lasso around (0,0)..(1,1): atoms 0 and 1 of frame 0.
        map.selectPolygon(QPolygonF({QPointF(-0.5, -0.5), QPointF(1.5, -0.5), QPointF(1.5, 1.5),
                                     QPointF(-0.5, 1.5)}),
                          false);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QObject*>(), &map);
        QCOMPARE(workspace.selectedAtoms(), (QSet<qint64>{0, 1}));
        QCOMPARE(view.selectedMask(), (std::vector<char>{1, 1, 0}));
        QCOMPARE(map.selectedPoints(), (std::vector<int>{0, 1}));

        // Shift-box adds atom 4 (in frame 1, not shown by the view: its mask is unchanged).
        map.selectRect(QRectF(QPointF(3.5, 3.5), QPointF(4.5, 4.5)), true);
        QCOMPARE(workspace.selectedAtoms(), (QSet<qint64>{0, 1, 4}));
        QCOMPARE(view.selectedMask(), (std::vector<char>{1, 1, 0}));
        QCOMPARE(map.selectedPoints(), (std::vector<int>{0, 1, 4}));
    }

    void clickInStructureViewHighlightsMapPoint() {
        Workspace workspace;
        workspace.setDataset(dataset());
        StructureView view(&workspace);
        view.resize(300, 300);
        ProjectionMap map(&workspace);
        map.setPoints(atomPoints(), "PC1", "PC2");
        view.renderImage(view.size());
        const ProjectedAtom front = view.renderer().lastProjection().back();
        const int atom = view.scene().atoms[std::size_t(front.sceneAtom)].frameAtom;
        view.clickAt(QPointF(front.x, front.y), false);
        QCOMPARE(map.selectedPoints(), (std::vector<int>{atom}));
    }

    void clickOnMapPointOpensFrame() {
        Workspace workspace;
        workspace.setDataset(dataset());
        StructureView view(&workspace);
        ProjectionMap map(&workspace);
        map.plot()->setGeometry(0, 0, 400, 300);
        map.setPoints(atomPoints(), "PC1", "PC2");
        map.plot()->replot();
        QSignalSpy frameSpy(&workspace, &Workspace::currentFrameChanged);
        QVERIFY(map.clickAt(map.scatter()->pixelOf(3) + QPointF(2, -1)));
        QCOMPARE(workspace.currentFrame(), 1);
        QCOMPARE(frameSpy.count(), 1);
        QCOMPARE(workspace.selectedAtoms(), (QSet<qint64>{3}));
        QCOMPARE(view.frameIndex(), 1);
        QCOMPARE(view.selectedMask(), (std::vector<char>{1, 0})); // atom 0 of frame 1
        QVERIFY(!map.clickAt(QPointF(-50, -50)));
    }

    void structureLevelPointsStandForFrames() {
        Workspace workspace;
        workspace.setDataset(dataset());
        StructureView view(&workspace);
        ProjectionMap map(&workspace);
        auto frames = std::make_shared<ProjectionPoints>();
        frames->level = Level::Structure;
        frames->x = {0, 1};
        frames->y = {0, 1};
        frames->row = {0, 1};
        map.setPoints(frames, "PC1", "PC2");
        map.selectRect(QRectF(QPointF(-0.5, -0.5), QPointF(0.5, 0.5)), false);
        QCOMPARE(workspace.selectedAtoms(), (QSet<qint64>{0, 1, 2}));
        QCOMPARE(view.selectedMask(), (std::vector<char>{1, 1, 1}));
        workspace.setSelectedAtoms({4}, nullptr);
        QCOMPARE(map.selectedPoints(), (std::vector<int>{1}));
    }
};

QTEST_MAIN(TestSelectionLink)
#include "test_selection_link.moc"
