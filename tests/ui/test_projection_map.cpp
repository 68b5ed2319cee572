// Projection map: box/lasso hit tests and the 2-D histogram by hand, point ↔ atom mapping,
// pixels drawn in the mapped colour, density mode and status text, exports that draw every
// point, and the panel's PCA of points on a line (PC1 = √5·(t − mean) by hand).
#include <QtTest>

#include <QTemporaryDir>
#include <qcustomplot.h>

#include <cmath>

#include "core/io/chemiscope_reader.h"
#include "ui/views/projection_map.h"
#include "ui/views/projection_panel.h"
#include "ui/views/projection_scatter.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

ProjectionPoints square() {
    ProjectionPoints p;
    p.x = {0, 1, 1, 0, 0.5, 3};
    p.y = {0, 0, 1, 1, 0.5, 3};
    p.row = {0, 1, 2, 3, 4, 5};
    return p;
}

// Frames of 2, 3 and 1 atoms (atoms 0-1, 2-4, 5).
std::shared_ptr<Dataset> smallDataset() {
    auto d = std::make_shared<Dataset>();
    for (int n : {2, 3, 1}) {
        Frame f;
        f.species.assign(std::size_t(n), 6);
        f.positions = Positions::Zero(n, 3);
        for (int k = 0; k < n; ++k) f.positions(k, 0) = 1.4 * k;
        d->addFrame(f);
    }
    return d;
}

} // namespace

class TestProjectionMap : public QObject {
    Q_OBJECT
private slots:
    void hitTests() {
        const ProjectionPoints p = square();
        QCOMPARE(pointsInRect(p, QRectF(QPointF(1.1, 1.1), QPointF(-0.1, -0.1))), (std::vector<int>{0, 1, 2, 3, 4}));
        QCOMPARE(pointsInRect(p, QRectF(0.2, 0.2, 0.5, 0.5)), (std::vector<int>{4}));
        const QPolygonF triangle({QPointF(-1, -1), QPointF(2.5, -1), QPointF(-1, 2.5)});
        // Hypotenuse x + y = 1.5: (1,1) and (3,3) are outside, the rest inside.
        QCOMPARE(pointsInPolygon(p, triangle), (std::vector<int>{0, 1, 3, 4}));
        // Concave "L" lasso covering the left column and the bottom row of the unit square.
        const QPolygonF ell({QPointF(-0.2, -0.2), QPointF(1.2, -0.2), QPointF(1.2, 0.2),
                             QPointF(0.2, 0.2), QPointF(0.2, 1.2), QPointF(-0.2, 1.2)});
        QCOMPARE(pointsInPolygon(p, ell), (std::vector<int>{0, 1, 3}));
        QVERIFY(pointsInPolygon(p, QPolygonF({QPointF(0, 0), QPointF(1, 1)})).empty());
    }

    void histogram() {
        const DensityGrid g = histogram2d(square(), 2, 0, 1, 0, 1);
        // Bins of width 0.5: (0,0)→[0][0]; (1,0)→[1][0]; (1,1)→[1][1]; (0,1)→[0][1];
        // (0.5,0.5)→[1][1]; (3,3) outside.
        QCOMPARE(g.at(0, 0), 1);
        QCOMPARE(g.at(1, 0), 1);
        QCOMPARE(g.at(0, 1), 1);
        QCOMPARE(g.at(1, 1), 2);
    }

    void pointsAndAtoms() {
        const auto d = smallDataset();
        ProjectionPoints frames;
        frames.level = Level::Structure;
        frames.x = {0, 1, 2};
        frames.y = {0, 1, 2};
        frames.row = {0, 1, 2};
        QCOMPARE(atomsOfPoints(frames, {1}, *d), (QSet<qint64>{2, 3, 4}));
        QCOMPARE(pointsOfAtoms(frames, {5}, *d), (std::vector<char>{0, 0, 1}));
        ProjectionPoints atoms = square();
        QCOMPARE(atomsOfPoints(atoms, {0, 4}, *d), (QSet<qint64>{0, 4}));
        QCOMPARE(pointsOfAtoms(atoms, {3}, *d), (std::vector<char>{0, 0, 0, 1, 0, 0}));
    }

    void drawsMappedColoursAndStatus() {
        Workspace workspace;
        workspace.setDataset(smallDataset());
        ProjectionMap map(&workspace);
        map.plot()->setGeometry(0, 0, 500, 400);
        auto points = std::make_shared<ProjectionPoints>(square());
        map.setPoints(points, "PC1", "PC2");
        QCOMPARE(map.statusText(), QString("showing 6 of 6 points"));
        QVERIFY(!map.densityOffered());
        const std::vector<double> values{0, 1, 2, 3, 4, 5};
        const ColorMapper mapper(ColormapId::Viridis, {0, 5}, Normalisation::Linear);
        map.setValueColoring(values, mapper, "value");
        map.plot()->replot();
        const QImage image = map.plot()->toPixmap(500, 400, 1.0).toImage();
        for (int k : {2, 4}) { // inside the axis rect (0 and 5 sit on its edges)
            const QPointF p = map.scatter()->pixelOf(k);
            const Rgb expected = mapper.map(values[std::size_t(k)]);
            QCOMPARE(image.pixelColor(p.toPoint()), QColor(expected.r, expected.g, expected.b));
        }

        auto many = std::make_shared<ProjectionPoints>();
        for (int k = 0; k < 20000; ++k) {
            many->x.push_back(std::cos(k * 0.01) * k);
            many->y.push_back(std::sin(k * 0.01) * k);
            many->row.push_back(k % 6);
        }
        map.setPoints(many, "PC1", "PC2");
        QVERIFY(map.densityOffered());
        map.setDensityMode(true);
        QVERIFY(map.statusText().startsWith("density of all 20000 points"));
        map.setDensityMode(false);
        QCOMPARE(map.statusText(), QString("showing 20000 of 20000 points"));
    }

    void drawnLabelCountsThePointsInView() {
        Workspace workspace;
        workspace.setDataset(smallDataset());
        ProjectionMap map(&workspace);
        map.plot()->setGeometry(0, 0, 500, 400);
        map.setPoints(std::make_shared<ProjectionPoints>(square()), "PC1", "PC2");
        QCOMPARE(map.drawnText(), QString("6 of 6 drawn"));
        // Zoom on the unit square: (3, 3) leaves the view, the five others stay (edges count).
        map.plot()->xAxis->setRange(0, 1);
        map.plot()->yAxis->setRange(0, 1);
        QCOMPARE(map.drawnCount(), std::size_t(5));
        QCOMPARE(map.drawnText(), QString("5 of 6 drawn"));
        QCOMPARE(map.statusText(), QString("showing 5 of 6 points"));
        // Only the centre (0.5, 0.5) in the window [0.25, 0.75]².
        map.plot()->xAxis->setRange(0.25, 0.75);
        map.plot()->yAxis->setRange(0.25, 0.75);
        QCOMPARE(map.drawnText(), QString("1 of 6 drawn"));
    }

    void densityModeSwitchesOnAboveTheThreshold() {
        Workspace workspace;
        workspace.setDataset(smallDataset());
        ProjectionMap map(&workspace);
        map.plot()->setGeometry(0, 0, 500, 400);
        QSignalSpy switched(&map, &ProjectionMap::densityModeChanged);
        // n points on a 250-wide grid: x = k mod 250, y = k div 250.
        const auto grid = [](std::size_t n) {
            auto points = std::make_shared<ProjectionPoints>();
            for (std::size_t k = 0; k < n; ++k) {
                points->x.push_back(double(k % 250));
                points->y.push_back(double(k / 250));
                points->row.push_back(0);
            }
            return points;
        };
        const std::size_t below = ProjectionMap::kDensityAutoThreshold - 1;
        map.setPoints(grid(below), "PC1", "PC2");
        QVERIFY(!map.densityMode());
        QVERIFY(map.densityOffered()); // offered (49 999 ≥ 20 000), not imposed
        QCOMPARE(map.drawnText(), QString("49999 of 49999 drawn"));
        QCOMPARE(switched.count(), 0);

        map.setPoints(grid(ProjectionMap::kDensityAutoThreshold), "PC1", "PC2");
        QVERIFY(map.densityMode());
        QCOMPARE(switched.count(), 1);
        QCOMPARE(switched.last().at(0).toBool(), true);
        QCOMPARE(map.drawnText(), QString("50000 of 50000 drawn · density"));
        // Zooming into the lower half of the rows: y in [0, 99.5] keeps rows 0..99 = 25 000 points.
        map.plot()->yAxis->setRange(0, 99.5);
        QCOMPARE(map.drawnText(), QString("25000 of 50000 drawn · density"));
        // The user may switch back to points.
        map.setDensityMode(false);
        QCOMPARE(switched.count(), 2);
        QCOMPARE(map.drawnText(), QString("25000 of 50000 drawn"));
    }

    void exportsDrawEveryPoint() {
        Workspace workspace;
        workspace.setDataset(smallDataset());
        ProjectionMap map(&workspace);
        map.plot()->setGeometry(0, 0, 400, 300);
        auto points = std::make_shared<ProjectionPoints>();
        for (int k = 0; k < 1500; ++k) {
            points->x.push_back(k % 50);
            points->y.push_back(k / 50);
            points->row.push_back(0);
        }
        map.setPoints(points, "x", "y");
        QTemporaryDir dir;
        QString error;
        QVERIFY(map.exportTo(dir.filePath("m.svg"), 1.0, &error));
        QFile svg(dir.filePath("m.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY2(text.count("<ellipse") + text.count("<circle") >= 1500, "every point is a vector shape");
        QVERIFY(map.exportTo(dir.filePath("m.png"), 2.0, &error));
        QCOMPARE(QImage(dir.filePath("m.png")).size(), QSize(800, 600));
        QVERIFY(map.exportTo(dir.filePath("m.pdf"), 1.0, &error));
        QVERIFY(!map.exportTo(dir.filePath("no/such/dir/m.png"), 1.0, &error));
    }

    void panelProjectsWithPca() {
        // Rows (t, 2t) for t = 0..5 (one atom each): one principal axis (1, 2)/√5, so
        // PC1 = √5 (t − 2.5) with the sign convention "largest entry positive", PC2 = 0.
        auto d = std::make_shared<Dataset>();
        Frame f;
        f.species.assign(6, 14);
        f.positions = Positions::Zero(6, 3);
        for (int k = 0; k < 6; ++k) f.positions(k, 0) = 2.3 * k;
        d->addFrame(f);
        MatrixD features(6, 2);
        for (int t = 0; t < 6; ++t) features.row(t) << t, 2 * t;
        d->addFeatureSet(FeatureSet{"line", Level::Atom, features, "test"});
        Workspace workspace;
        workspace.setDataset(d);
        ProjectionPanel panel(&workspace, nullptr);
        QSignalSpy spy(&panel, &ProjectionPanel::projected);
        panel.computeProjection();
        QVERIFY(spy.wait(10000));
        const auto points = panel.currentPoints();
        QCOMPARE(int(points->size()), 6);
        for (int t = 0; t < 6; ++t) {
            QVERIFY(std::abs(points->x[std::size_t(t)] - std::sqrt(5.0) * (t - 2.5)) < 1e-9);
            QVERIFY(std::abs(points->y[std::size_t(t)]) < 1e-9);
        }
        // Share with chemiscope: the projection travels as atom properties "PCA line[1/2]",
        // the pair's pointwise LFRE as a column with null for the training atoms.
        auto metrics = std::make_shared<AllPairsResult>();
        metrics->names = {"line", "line"};
        metrics->testIndices = {5, 0};
        metrics->pairs[Measure::LFRE].assign(2, std::vector<PairMeasure>(2));
        metrics->pairs[Measure::LFRE][0][1].pointwise = Eigen::Vector2d(0.25, 0.75);
        workspace.setMetrics(metrics);
        workspace.setCurrentPair(0, 1, Measure::LFRE);
        QTemporaryDir dir;
        QSignalSpy written(&panel, &ProjectionPanel::chemiscopeWritten);
        panel.exportChemiscope(dir.filePath("share.json.gz"));
        QTRY_COMPARE(written.count(), 1);
        const Dataset back = readChemiscope(dir.filePath("share.json.gz").toStdString());
        const Property* pc1 = back.findProperty("PCA line[1]", Level::Atom);
        QVERIFY(pc1);
        for (int t = 0; t < 6; ++t) QVERIFY(std::abs(pc1->numbers(t, 0) - points->x[std::size_t(t)]) < 1e-12);
        const Property* lfre = back.findProperty("LFRE line -> line", Level::Atom);
        QVERIFY(lfre);
        QCOMPARE(lfre->numbers(5, 0), 0.25);
        QCOMPARE(lfre->numbers(0, 0), 0.75);
        QVERIFY(std::isnan(lfre->numbers(1, 0)));

        QVERIFY(panel.setColoring("Species"));
        QCOMPARE(panel.map()->plot()->graphCount(), 1); // one legend entry: Si
        QCOMPARE(panel.map()->plot()->graph(0)->name(), QString("Si"));
    }
};

QTEST_MAIN(TestProjectionMap)
#include "test_projection_map.moc"
