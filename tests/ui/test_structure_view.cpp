// Structure view: scene contents for a molecule and a periodic crystal, camera projection,
// rendered pixels, picking and tooltips, click selection into the workspace (QSignalSpy),
// colouring from properties / pointwise metrics / labels, and exports.
#include <QtTest>

#include <QSignalSpy>
#include <QTemporaryDir>

#include <cmath>

#include "core/structure/element_style.h"
#include "ui/views/structure_color_bar.h"
#include "ui/views/structure_panel.h"
#include "ui/views/structure_view.h"
#include "ui/workspace/workspace.h"

using namespace le;
using namespace le::ui;

namespace {

Frame makeFrame(std::vector<int> species, std::vector<Eigen::RowVector3d> xyz) {
    Frame f;
    f.species = std::move(species);
    f.positions.resize(Eigen::Index(xyz.size()), 3);
    for (std::size_t k = 0; k < xyz.size(); ++k) f.positions.row(Eigen::Index(k)) = xyz[k];
    return f;
}

Frame water() { return makeFrame({8, 1, 1}, {{0, 0, 0}, {0.9572, 0, 0}, {-0.24, 0.9266, 0}}); }

Frame diamond() {
    const double a = 5.431;
    std::vector<Eigen::RowVector3d> xyz;
    for (const auto& f : std::vector<Eigen::RowVector3d>{
             {0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}, {0.25, 0.25, 0.25},
             {0.25, 0.75, 0.75}, {0.75, 0.25, 0.75}, {0.75, 0.75, 0.25}})
        xyz.push_back(f * a);
    Frame frame = makeFrame(std::vector<int>(8, 14), xyz);
    frame.cell = Eigen::Matrix3d::Identity() * a;
    frame.hasCell = true;
    frame.pbc = {true, true, true};
    return frame;
}

// Water (frame 0, atoms 0-2) then diamond (frame 1, atoms 3-10), with a per-atom "charge".
std::shared_ptr<Dataset> twoFrames() {
    auto d = std::make_shared<Dataset>();
    d->addFrame(water());
    d->addFrame(diamond());
    Property charge;
    charge.name = "charge";
    charge.level = Level::Atom;
    charge.numbers.resize(11, 1);
    for (int k = 0; k < 11; ++k) charge.numbers(k, 0) = 0.1 * k;
    d->addProperty(charge);
    return d;
}

int colorDistance(QColor a, QColor b) {
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
           std::abs(a.blue() - b.blue());
}

} // namespace

class TestStructureView : public QObject {
    Q_OBJECT
private slots:
    void sceneOfMoleculeAndCrystal() {
        const StructureScene w = buildStructureScene(water(), {});
        QCOMPARE(int(w.atoms.size()), 3);
        QCOMPARE(int(w.sticks.size()), 2); // two O–H bonds, each one stick
        QVERIFY(w.cellEdges.empty());
        QCOMPARE(w.atoms[0].radius, 0.4 * 0.66 + 0.1);

        // Diamond: 7 bonds inside the cell (one stick each) + 9 across it (two halves each),
        // and 12 cell edges of length a.
        const StructureScene d = buildStructureScene(diamond(), {});
        QCOMPARE(int(d.sticks.size()), 7 + 2 * 9);
        QCOMPARE(int(d.cellEdges.size()), 12);
        for (const auto& edge : d.cellEdges) QVERIFY(std::abs((edge[1] - edge[0]).norm() - 5.431) < 1e-12);
        for (const SceneStick& s : d.sticks) {
            const double expected = s.atomB < 0 ? 2.3517 / 2 : 2.3517; // halves end mid-bond
            QVERIFY(std::abs((s.end - s.start).norm() - expected) < 1e-3);
        }

        SceneOptions options;
        options.supercell = {2, 2, 1};
        options.cell = false;
        const StructureScene big = buildStructureScene(diamond(), options);
        QCOMPARE(int(big.atoms.size()), 32);
        QCOMPARE(big.atoms[31].frameAtom, 7); // copies point back to the original atom
        QVERIFY(big.cellEdges.empty());
    }

    void cameraProjection() {
        StructureCamera camera;
        camera.frame(Eigen::Vector3d(1, 2, 3), 2.1);
        // Zoom 1: the bounding sphere (radius 2.1) spans the smaller side: 100 px per Å here.
        ProjectedPoint p = camera.project(Eigen::Vector3d(1, 2, 3), 420, 300);
        QCOMPARE(p.x, 210.0);
        QCOMPARE(p.y, 150.0);
        QVERIFY(std::abs(p.pixelsPerUnit - 300.0 / 4.41) < 1e-9);
        p = camera.project(Eigen::Vector3d(2, 2, 3), 420, 300);
        QVERIFY(std::abs(p.x - (210 + 300.0 / 4.41)) < 1e-9);
        // 90° about y: +x moves to -z (farther from the viewer).
        camera.setRotation(Eigen::Quaterniond(Eigen::AngleAxisd(M_PI / 2, Eigen::Vector3d::UnitY())));
        p = camera.project(Eigen::Vector3d(2, 2, 3), 420, 300);
        QVERIFY(std::abs(p.x - 210) < 1e-9);
        QVERIFY(std::abs(p.depth - 1) < 1e-12);
        // Perspective: the far point is drawn smaller than the near one.
        camera.setPerspective(true);
        const auto far = camera.project(Eigen::Vector3d(2, 2, 3), 420, 300);
        const auto near = camera.project(Eigen::Vector3d(0, 2, 3), 420, 300);
        QVERIFY(far.pixelsPerUnit < near.pixelsPerUnit);
        // The arcball maps a point to itself with no rotation, and a drag across the centre
        // to a rotation about the vertical axis.
        QVERIFY(StructureCamera::arcball(10, 10, 10, 10, 100, 100).isApprox(Eigen::Quaterniond::Identity()));
        const Eigen::Quaterniond q = StructureCamera::arcball(50, 50, 100, 50, 100, 100);
        QVERIFY((q * Eigen::Vector3d(0, 0, 1) - Eigen::Vector3d(1, 0, 0)).norm() < 1e-9);
    }

    void moleculesAreShownFlat() {
        // Atoms in the plane spanned by u = (1, 1, 0)/√2 (spread ±3) and w = (0, 0, 1)
        // (spread ±1), shifted by (5, -2, 7): seen flat, every atom is at the same depth, the
        // long direction u is horizontal and w vertical.
        const Eigen::Vector3d u = Eigen::Vector3d(1, 1, 0).normalized(), w(0, 0, 1), shift(5, -2, 7);
        // Symmetric in a and b: zero means, no a·b correlation, so u and w are the principal axes.
        const double a[] = {-3, 3, 0, 0, 1.5, 1.5, -1.5, -1.5};
        const double b[] = {0, 0, 1, -1, 0.5, -0.5, 0.5, -0.5};
        Positions positions(8, 3);
        for (int k = 0; k < 8; ++k) positions.row(k) = (a[k] * u + b[k] * w + shift).transpose();
        const Eigen::Quaterniond q = flatViewRotation(positions);
        QVERIFY(std::abs(q.toRotationMatrix().determinant() - 1) < 1e-12);
        for (int k = 0; k < 8; ++k) {
            const Eigen::Vector3d v = q * (positions.row(k).transpose() - shift);
            QVERIFY2(std::abs(v.z()) < 1e-9, qPrintable(QString::number(v.z())));
            QVERIFY(std::abs(std::abs(v.x()) - std::abs(a[k])) < 1e-9); // ±u on screen x
            QVERIFY(std::abs(std::abs(v.y()) - std::abs(b[k])) < 1e-9); // ±w on screen y
        }
        // Too few atoms to define a plane: the identity.
        QVERIFY(flatViewRotation(positions.topRows(2)).isApprox(Eigen::Quaterniond::Identity()));
    }

    void renderPickTooltipAndClick() {
        Workspace workspace;
        workspace.setDataset(twoFrames());
        StructureView view(&workspace);
        view.resize(300, 300);
        const QImage image = view.renderImage(view.size());
        // The view is centred on the bounding box; find the O atom through the last projection.
        const auto& drawn = view.renderer().lastProjection();
        QCOMPARE(int(drawn.size()), 3);
        const auto oxygen = std::find_if(drawn.begin(), drawn.end(), [&](const ProjectedAtom& p) {
            return view.scene().atoms[std::size_t(p.sceneAtom)].z == 8;
        });
        QVERIFY(oxygen != drawn.end());
        const QPointF centre(oxygen->x, oxygen->y);
        // Sphere body at mid-radius (down-right of the highlight) is oxygen red.
        const QColor body = image.pixelColor(int(oxygen->x + 0.3 * oxygen->radius),
                                             int(oxygen->y + 0.3 * oxygen->radius));
        QVERIFY2(body.red() > 150 && body.green() < 60 && body.blue() < 60,
                 qPrintable(body.name()));
        QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));

        QCOMPARE(view.frameAtomAt(centre), 0);
        QCOMPARE(view.frameAtomAt(QPointF(1, 1)), -1);
        QVERIFY(view.tooltipFor(0).startsWith("O atom 0 (frame 0, global 0)"));

        QSignalSpy spy(&workspace, &Workspace::selectionChanged);
        view.clickAt(centre, false);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QObject*>(), &view);
        QCOMPARE(workspace.selectedAtoms(), QSet<qint64>{0});
        view.clickAt(centre, true); // ctrl+click on a selected atom removes it
        QVERIFY(workspace.selectedAtoms().isEmpty());
        view.clickAt(QPointF(1, 1), false); // empty space: nothing selected (no change)
        QCOMPARE(spy.count(), 2);
    }

    void selectionFromWorkspaceIsHighlighted() {
        Workspace workspace;
        workspace.setDataset(twoFrames());
        workspace.setCurrentFrame(1);
        StructureView view(&workspace);
        view.resize(300, 300);
        QCOMPARE(view.frameOffset(), qint64(3));
        view.renderImage(view.size());
        const ProjectedAtom first = view.renderer().lastProjection().back(); // front-most
        const int frameAtom = view.scene().atoms[std::size_t(first.sceneAtom)].frameAtom;
        workspace.setSelectedAtoms({3 + frameAtom}, nullptr);
        const QImage image = view.renderImage(view.size());
        // The selection ring (amber) surrounds the sphere just outside its radius.
        const double ring = std::max(1.5, first.radius * 0.18);
        const QColor c = image.pixelColor(int(first.x), int(first.y - first.radius - ring / 2));
        QVERIFY2(colorDistance(c, QColor(255, 200, 0)) < 60, qPrintable(c.name()));
    }

    void colouringByPropertyAndMetrics() {
        Workspace workspace;
        auto dataset = twoFrames();
        workspace.setDataset(dataset);
        StructurePanel panel(&workspace, nullptr);
        ColorChoice charge{ColorSource::AtomProperty, "charge", 0, Measure::LFRE};
        QVERIFY(panel.setColorChoice(charge));
        QCOMPARE(panel.currentValues(), (std::vector<double>{0.0, 0.1, 0.2}));
        auto ticks = panel.colorBar()->ticks();
        QCOMPARE(ticks.front().first, 0.0);
        QCOMPARE(ticks.back().first, 0.2);
        ColorRangeSettings fixed;
        fixed.mode = RangeMode::Fixed;
        panel.setRangeSettings(fixed);
        QCOMPARE(panel.colorBar()->ticks().back().first, 1.0);

        // Pointwise metric values land on the test atoms of the frame, others are n/a.
        auto metrics = std::make_shared<AllPairsResult>();
        metrics->names = {"a", "b"};
        metrics->testIndices = {2, 5, 0};
        metrics->matrices[Measure::GFRE] = Eigen::MatrixXd::Zero(2, 2);
        metrics->pairs[Measure::GFRE].assign(2, std::vector<PairMeasure>(2));
        metrics->pairs[Measure::GFRE][0][1].pointwise = Eigen::Vector3d(0.7, 0.8, 0.9);
        FeatureSet a{"a", Level::Atom, MatrixD(MatrixD::Zero(11, 2)), "test"};
        FeatureSet b{"b", Level::Atom, MatrixD(MatrixD::Zero(11, 2)), "test"};
        dataset->addFeatureSet(a);
        dataset->addFeatureSet(b);
        workspace.setMetrics(metrics);
        workspace.setCurrentPair(0, 1, Measure::GFRE);
        QVERIFY(panel.setColorChoice({ColorSource::MetricPointwise, "", 0, Measure::GFRE}));
        const auto& v = panel.currentValues();
        QCOMPARE(v[0], 0.9);
        QVERIFY(std::isnan(v[1]));
        QCOMPARE(v[2], 0.7);
    }

    void lfreOnDemandRunsInTheBackground() {
        Workspace workspace;
        auto dataset = twoFrames();
        dataset->addFeatureSet(FeatureSet{"a", Level::Atom, MatrixD(MatrixD::Zero(11, 2)), "test"});
        dataset->addFeatureSet(FeatureSet{"b", Level::Atom, MatrixD(MatrixD::Zero(11, 2)), "test"});
        workspace.setDataset(dataset);
        auto metrics = std::make_shared<AllPairsResult>();
        metrics->names = {"a", "b"};
        metrics->matrices[Measure::LFRE] = Eigen::MatrixXd::Zero(2, 2);
        workspace.setMetrics(metrics);
        workspace.setCurrentPair(1, 0, Measure::LFRE);
        workspace.setCurrentFrame(1);
        StructurePanel panel(&workspace, nullptr);
        // A stand-in computation that encodes its arguments: value = 100·source + 10·target + atom.
        panel.setFrameLfreFunction([](std::shared_ptr<const Dataset> d, std::shared_ptr<const AllPairsResult>,
                                      int source, int target, int frame, const TaskContext&) {
            std::vector<double> out;
            for (int k = 0; k < d->frames()[std::size_t(frame)].atomCount(); ++k)
                out.push_back(100.0 * source + 10.0 * target + k);
            return out;
        });
        QVERIFY(panel.setColorChoice({ColorSource::LfreOnDemand, "", 0, Measure::LFRE}));
        QVERIFY(panel.isComputing());
        QTRY_VERIFY(!panel.isComputing());
        QCOMPARE(int(panel.currentValues().size()), 8);
        QCOMPARE(panel.currentValues()[3], 103.0);
        QVERIFY(panel.colorBar()->title().startsWith("LFRE b"));
    }

    void lfreOnDemandMatchesTheComputedPair() {
        // 40 atoms in one frame; rows 30..39 are the test rows of an explicit split, so the
        // on-demand values of those atoms must equal the pair's standard pointwise LFRE.
        auto dataset = std::make_shared<Dataset>();
        Frame f;
        f.species.assign(40, 6);
        f.positions = Positions::Zero(40, 3);
        for (int k = 0; k < 40; ++k) f.positions(k, 0) = 1.6 * k;
        dataset->addFrame(f);
        MatrixD a(40, 3), b(40, 3);
        for (int k = 0; k < 40; ++k) {
            const double t = 0.1 * k;
            a.row(k) << std::sin(t), std::cos(1.3 * t), t * t * 0.1;
            b.row(k) << a(k, 0) * a(k, 1), std::exp(-t), std::sin(3 * t);
        }
        dataset->addFeatureSet(FeatureSet{"a", Level::Atom, a, "test"});
        dataset->addFeatureSet(FeatureSet{"b", Level::Atom, b, "test"});
        MetricSettings settings;
        settings.measures = {Measure::LFRE};
        settings.split.kind = SplitKind::Explicit;
        for (long long r = 0; r < 30; ++r) settings.split.trainIndices.push_back(r);
        for (long long r = 30; r < 40; ++r) settings.split.testIndices.push_back(r);
        settings.lfreK = 5;
        auto metrics = std::make_shared<AllPairsResult>(computeAllPairs(
            {&dataset->featureSets()[0], &dataset->featureSets()[1]}, settings, {}, silentContext()));
        Workspace workspace;
        workspace.setDataset(dataset);
        workspace.setMetrics(metrics);
        workspace.setCurrentPair(0, 1, Measure::LFRE);
        StructurePanel panel(&workspace, nullptr);
        QVERIFY(panel.setColorChoice({ColorSource::LfreOnDemand, "", 0, Measure::LFRE}));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isComputing(), 20000);
        const auto& values = panel.currentValues();
        QCOMPARE(int(values.size()), 40);
        const Eigen::VectorXd& expected = metrics->pairs[Measure::LFRE][0][1].pointwise;
        for (std::size_t t = 0; t < metrics->testIndices.size(); ++t) {
            const auto row = std::size_t(metrics->testIndices[t]);
            QVERIFY(std::abs(values[row] - expected[Eigen::Index(t)]) < 1e-9);
        }
        for (double v : values) QVERIFY(std::isfinite(v) && v >= 0); // training atoms too
    }

    void labelsAreCategorical() {
        Workspace workspace;
        auto dataset = twoFrames();
        dataset->frames()[0].info["subset"] = InfoValue{std::string("train")};
        dataset->frames()[1].info["subset"] = InfoValue{std::string("test")};
        workspace.setDataset(dataset);
        workspace.setCurrentFrame(1);
        StructurePanel panel(&workspace, nullptr);
        QVERIFY(panel.setColorChoice({ColorSource::TextLabel, "subset", 0, Measure::LFRE}));
        QCOMPARE(panel.colorBar()->categoryCount(), 1); // this frame is all "test"
        QVERIFY(panel.view()->tooltipFor(2).endsWith("subset: test"));
        QVERIFY(panel.setColorChoice(ColorChoice{}));
        QCOMPARE(panel.colorBar()->categoryCount(), 1); // species of frame 1: Si only
    }

    void exports() {
        Workspace workspace;
        workspace.setDataset(twoFrames());
        StructureView view(&workspace);
        view.resize(300, 240);
        QTemporaryDir dir;
        QString error;
        QVERIFY(view.exportTo(dir.filePath("s.png"), 3.0, &error));
        QImage png(dir.filePath("s.png"));
        QCOMPARE(png.size(), QSize(900, 720));
        QVERIFY(view.exportTo(dir.filePath("s.svg"), 1.0, &error));
        QFile svg(dir.filePath("s.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("radialGradient")); // vector spheres, not a pasted bitmap
        QVERIFY(!svgText.contains("<image"));
        QVERIFY(view.exportTo(dir.filePath("s.pdf"), 1.0, &error));
        QFile pdf(dir.filePath("s.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        // A failed export reports the path and leaves nothing half written.
        QVERIFY(!view.exportTo(dir.filePath("missing/s.png"), 1.0, &error));
        QVERIFY(error.contains("missing/s.png"));
    }
};

QTEST_MAIN(TestStructureView)
#include "test_structure_view.moc"
