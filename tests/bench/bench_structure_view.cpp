// Frames per second of the structure view while rotating a large periodic structure.
// Usage: bench_structure_view [cells-per-side=12] [frames=120]
//        bench_structure_view --file F.extxyz [--frame K] [--png OUT.png] [--supercell N]
//                             [--turn DEGREES]
// The second form measures (and optionally saves a 2× screenshot of) a frame of a real file.
// Builds a perturbed diamond-silicon supercell (n × n × 0.75n cells, 8 atoms each;
// n = 12 → 10 368 atoms, ~20 700 bonds), then renders rotating frames at 1200 × 900 px with
// the on-screen code path (sprites), both while dragging (bonds not antialiased) and at rest.
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <cstdio>
#include <ctime>
#include <random>

#include <qcustomplot.h>

#include "core/io/loader.h"
#include "core/structure/bonds.h"
#include "ui/views/projection_map.h"
#include "ui/views/structure_scene.h"
#include "ui/views/structure_view.h"
#include "ui/workspace/workspace.h"

using namespace le;

namespace {

Frame amorphousLikeSilicon(int n) {
    const double a = 5.431;
    const int nc = std::max(1, n * 3 / 4);
    const double fractional[8][3] = {{0, 0, 0},          {0, 0.5, 0.5},      {0.5, 0, 0.5},
                                     {0.5, 0.5, 0},      {0.25, 0.25, 0.25}, {0.25, 0.75, 0.75},
                                     {0.75, 0.25, 0.75}, {0.75, 0.75, 0.25}};
    std::mt19937 random(7);
    std::normal_distribution<double> jitter(0.0, 0.08);
    Frame frame;
    frame.positions.resize(Eigen::Index(8) * n * n * nc, 3);
    Eigen::Index row = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < nc; ++k)
                for (const auto& f : fractional) {
                    frame.species.push_back(14);
                    frame.positions.row(row++) << (i + f[0]) * a + jitter(random),
                        (j + f[1]) * a + jitter(random), (k + f[2]) * a + jitter(random);
                }
    frame.cell = Eigen::Vector3d(n * a, n * a, nc * a).asDiagonal();
    frame.hasCell = true;
    frame.pbc = {true, true, true};
    return frame;
}

double framesPerSecond(ui::StructureView& view, const QSize& size, bool fast, int frames,
                       double* cpuFps = nullptr) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    ui::RenderOptions options;
    options.fast = fast;
    const Eigen::Quaterniond step(Eigen::AngleAxisd(0.05, Eigen::Vector3d(0.3, 1, 0.2).normalized()));
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    for (int f = 0; f < frames; ++f) {
        view.camera().rotate(step);
        QPainter painter(&image);
        view.renderer().paint(painter, size, view.scene(), view.camera(), {}, {}, -1, options);
    }
    // Rendering is single-threaded: frames per CPU second is the rate on an idle core, which
    // differs from the wall-clock rate when other processes share the machine.
    if (cpuFps) *cpuFps = frames / (double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
    return frames / (timer.nsecsElapsed() * 1e-9);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const QString& name, const QString& fallback) {
        const auto at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args[at + 1] : fallback;
    };
    const QString file = option("--file", "");
    const int n = !file.isEmpty() || argc < 2 ? 12 : std::atoi(argv[1]);
    const int frames = !file.isEmpty() || argc < 3 ? 120 : std::atoi(argv[2]);
    const int frameIndex = option("--frame", "0").toInt();

    auto dataset = std::make_shared<Dataset>();
    if (file.isEmpty()) {
        dataset->addFrame(amorphousLikeSilicon(n));
    } else {
        try {
            *dataset = loadDataset({file.toStdString()});
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return 2;
        }
    }
    const Frame& frame = dataset->frames().at(std::size_t(frameIndex));

    QElapsedTimer timer;
    timer.start();
    const auto bonds = detectBonds(frame);
    const double bondMs = timer.nsecsElapsed() * 1e-6;

    ui::Workspace workspace;
    timer.restart();
    workspace.setDataset(dataset);
    workspace.setCurrentFrame(frameIndex);
    ui::StructureView view(&workspace);
    const int repeats = option("--supercell", "1").toInt();
    if (repeats > 1) {
        ui::SceneOptions options;
        options.supercell = {repeats, repeats, repeats};
        view.setSceneOptions(options);
    }
    const double sceneMs = timer.nsecsElapsed() * 1e-6;
    const QSize size(1200, 900);
    view.resize(size);

    if (args.contains("--png")) {
        const double turn = option("--turn", "25").toDouble() * M_PI / 180;
        view.resize(900, 700);
        view.camera().rotate(Eigen::Quaterniond(Eigen::AngleAxisd(turn, Eigen::Vector3d::UnitY())) *
                             Eigen::Quaterniond(Eigen::AngleAxisd(turn * 0.6, Eigen::Vector3d::UnitX())));
        view.renderImage(view.size(), 2.0).save(option("--png", "structure.png"));
        view.resize(size);
    }
    framesPerSecond(view, size, false, 3); // warm the sprite cache
    double draggingCpu = 0, restingCpu = 0;
    const double dragging = framesPerSecond(view, size, true, frames, &draggingCpu);
    const double resting = framesPerSecond(view, size, false, frames, &restingCpu);
    std::printf("atoms %d  bonds %zu  detectBonds %.1f ms  scene build %.1f ms\n",
                frame.atomCount(), bonds.size(), bondMs, sceneMs);
    std::printf("rotating %dx%d: %.1f frames/s while dragging, %.1f frames/s at rest "
                "(sprites cached: %d)\n",
                size.width(), size.height(), dragging, resting, view.renderer().spriteCount());
    std::printf("  per CPU second (idle core): %.1f frames/s while dragging, %.1f at rest\n",
                draggingCpu, restingCpu);
    if (!file.isEmpty()) return 0;
    // The projection map with 200 000 coloured points: a full replot (what a pan/zoom step
    // costs), every point drawn.
    {
        auto points = std::make_shared<ui::ProjectionPoints>();
        std::mt19937 random(3);
        std::normal_distribution<double> normal;
        std::vector<double> values;
        for (int k = 0; k < 200000; ++k) {
            points->x.push_back(normal(random));
            points->y.push_back(normal(random) * 0.5 + 0.3 * points->x.back() * points->x.back());
            points->row.push_back(k % dataset->atomCount());
            values.push_back(std::abs(normal(random)));
        }
        ui::ProjectionMap map(&workspace);
        map.plot()->setGeometry(0, 0, 1200, 900);
        map.setPoints(points, "PC1", "PC2");
        map.setDensityMode(false); // every point drawn (200 000 opens in density mode)
        map.setValueColoring(values, ColorMapper(ColormapId::Viridis, resolveRange(values, {}), Normalisation::Linear), "v");
        map.plot()->replot();
        const int replots = 20;
        QElapsedTimer mapTimer;
        mapTimer.start();
        for (int r = 0; r < replots; ++r) {
            map.plot()->xAxis->moveRange(0.01);
            map.plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
        std::printf("projection map, 200000 points at 1200x900: %.1f replots/s (%s)\n",
                    replots / (mapTimer.nsecsElapsed() * 1e-9), qPrintable(map.statusText()));
    }
    ui::SceneOptions noBonds;
    noBonds.bonds = false;
    view.setSceneOptions(noBonds);
    std::printf("without bonds: %.1f frames/s at rest\n", framesPerSecond(view, size, false, frames));
    return 0;
}
