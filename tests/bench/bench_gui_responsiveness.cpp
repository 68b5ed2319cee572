// How responsive the whole window stays at MAD scale: the real MainWindow opens N atoms × 4
// synthetic models from files (extxyz + .npy, loaded in the background as File › Open does),
// compares them (GFRE, GFRD, LFRE), shows the worst pair's pointwise LFRE on the structure of
// its worst atom, projects one model (PCA, N points) and shows every tab. A QTimer firing every
// 10 ms records the gaps between its ticks: the longest gap is the longest event-loop stall a
// user would feel. Printed per phase, with the phase's wall time.
// Usage: bench_gui_responsiveness [atoms=200000] [dims=16,32,64,128] [test-size=200] [PNG-DIR]
// (offscreen unless QT_QPA_PLATFORM is set). With PNG-DIR, the Projection and Structure tabs
// are saved there as they look at the end (projection-density.png, structure-large.png).
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <random>

#include "core/io/extxyz_writer.h"
#include "core/io/npy.h"
#include "ui/main_window.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/projection_map.h"
#include "ui/views/projection_panel.h"
#include "ui/views/structure_panel.h"

using namespace le;
using namespace le::ui;

namespace {

// Times every top-level event delivery, so a stall can be traced to the receiver that took it.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override {
        if (depth_ > 0) return QApplication::notify(receiver, event);
        ++depth_;
        QElapsedTimer t;
        t.start();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ms = t.elapsed();
        --depth_;
        if (ms > slowestMs_) {
            slowestMs_ = ms;
            slowest_ = QString("%1 ms: event %2 to %3 '%4'")
                           .arg(ms)
                           .arg(int(event->type()))
                           .arg(receiver->metaObject()->className(), receiver->objectName());
        }
        return result;
    }
    QString takeSlowest() {
        const QString text = slowest_;
        slowest_.clear();
        slowestMs_ = 0;
        return text;
    }

private:
    int depth_ = 0;
    qint64 slowestMs_ = 0;
    QString slowest_;
};

// Records the longest gap between ticks of a 10 ms timer (the event loop's longest stall).
class StallMeter {
public:
    StallMeter() {
        timer_.setInterval(10);
        QObject::connect(&timer_, &QTimer::timeout, [this] { longest_ = std::max(longest_, gap_.restart()); });
    }
    void start() {
        longest_ = 0;
        gap_.start();
        timer_.start();
    }
    qint64 stop() {
        longest_ = std::max(longest_, gap_.elapsed());
        timer_.stop();
        return longest_;
    }

private:
    QTimer timer_;
    QElapsedTimer gap_;
    qint64 longest_ = 0;
};

// Runs the event loop until `done` (or the timeout), measuring the stall meanwhile.
void phase(const char* name, const std::function<void()>& start, const std::function<bool()>& done,
           int timeoutSeconds = 600) {
    StallMeter meter;
    QElapsedTimer wall;
    meter.start();
    wall.start();
    start();
    // Blocks between events (the 10 ms ticks wake it): a busy loop would steal a core from
    // the workers.
    while (!done() && wall.elapsed() < timeoutSeconds * 1000LL)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    // A few more turns: what the results trigger on arrival (repaints, recolouring) counts too.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 300) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const qint64 stall = meter.stop();
    const QString slowest = static_cast<TimedApplication*>(QCoreApplication::instance())->takeSlowest();
    std::printf("| %s | %.2f | %lld | %s |%s\n", name, double(wall.elapsed() - 300) / 1000.0, (long long)stall,
                qPrintable(slowest), done() ? "" : " (timed out)");
    std::fflush(stdout);
}

std::vector<int> parseDims(const char* text) {
    std::vector<int> dims;
    for (const QString& part : QString(text).split(',', Qt::SkipEmptyParts)) dims.push_back(part.toInt());
    return dims;
}

// Molecule-sized frames of 100 atoms (H, C, O) with random positions, and models whose
// features are random projections of a shared latent space (so the reconstructions are
// neither trivial nor hopeless).
QStringList writeInputs(const QString& dir, long long atoms, const std::vector<int>& dims) {
    std::mt19937 rng(11);
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> box(0.0, 12.0);
    const int perFrame = 100;
    Dataset d;
    const int species[3] = {1, 6, 8};
    for (long long start = 0; start < atoms; start += perFrame) {
        const int n = int(std::min<long long>(perFrame, atoms - start));
        Frame frame;
        frame.info["group"] = InfoValue{std::string(start / perFrame % 2 ? "odd" : "even")};
        frame.positions.resize(n, 3);
        for (int a = 0; a < n; ++a) {
            frame.species.push_back(species[a % 3]);
            frame.positions.row(a) << box(rng), box(rng), box(rng);
        }
        d.addFrame(std::move(frame));
    }
    QStringList files{dir + "/structures.extxyz"};
    writeExtxyz(files[0].toStdString(), d);
    const int latent = 24;
    MatrixD shared(atoms, latent);
    for (Eigen::Index i = 0; i < shared.size(); ++i) shared.data()[i] = normal(rng);
    for (std::size_t m = 0; m < dims.size(); ++m) {
        MatrixD mix(latent, dims[m]);
        for (Eigen::Index i = 0; i < mix.size(); ++i) mix.data()[i] = normal(rng);
        MatrixD features = (shared * mix).array().tanh().matrix();
        for (Eigen::Index i = 0; i < features.size(); ++i) features.data()[i] += 0.05 * normal(rng);
        files << QString("%1/model%2_d%3.npy").arg(dir).arg(m).arg(dims[m]);
        writeNpy(files.back().toStdString(), features);
    }
    return files;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    TimedApplication app(argc, argv);
    QApplication::setOrganizationName("LatentExplorerBench");
    QApplication::setApplicationName("bench_gui_responsiveness");
    const long long atoms = argc > 1 ? std::atoll(argv[1]) : 200000;
    const std::vector<int> dims = parseDims(argc > 2 ? argv[2] : "16,32,64,128");
    const int testSize = argc > 3 ? std::atoi(argv[3]) : 200;
    const QString pngDir = argc > 4 ? QString(argv[4]) : QString();

    QTemporaryDir dir;
    QElapsedTimer prep;
    prep.start();
    const QStringList files = writeInputs(dir.path(), atoms, dims);
    std::printf("%lld atoms, models d =", atoms);
    for (int d : dims) std::printf(" %d", d);
    std::printf(", %d test atoms; inputs written in %.1f s\n\n", testSize, double(prep.elapsed()) / 1000.0);
    std::printf("| phase | wall (s) | longest event-loop stall (ms) | slowest event handler |\n|---|---|---|---|\n");

    MainWindow window;
    window.setInteractive(false);
    window.resize(1500, 900);
    window.show();
    QCoreApplication::processEvents();

    int loaded = 0, compared = 0, projected = 0;
    QObject::connect(&window, &MainWindow::datasetLoaded, [&] { ++loaded; });
    QObject::connect(&window, &MainWindow::worstPairShown, [&] { ++compared; });
    phase("open (load in background, show the dataset)", [&] { window.openFiles(files); },
          [&] { return loaded > 0 || !window.lastError().isEmpty(); });
    if (loaded == 0) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(window.lastError()));
        return 1;
    }

    QJsonObject state = window.settingsPanel()->state();
    state["split"] = 1; // N test points
    state["testSize"] = testSize;
    state["stratifyBy"] = "group"; // N test atoms, stratified by a frame label (seeded)
    window.settingsPanel()->setState(state);
    auto* structure = window.findChild<StructurePanel*>();
    phase("compare (GFRE, GFRD, LFRE; worst pair's LFRE on its worst atom's frame)", [&] { window.compare(); },
          [&] {
              return (compared > 0 && !structure->isComputing() && !window.tasks().isBusy()) ||
                     !window.lastError().isEmpty();
          });
    if (compared == 0) std::fprintf(stderr, "compare failed: %s\n", qPrintable(window.lastError()));

    auto* projection = window.findChild<ProjectionPanel*>();
    QObject::connect(projection, &ProjectionPanel::projected, [&] { ++projected; });
    window.viewTabs()->setCurrentWidget(projection);
    phase("projection (PCA of the first model, every atom a point)", [&] { projection->computeProjection(); },
          [&] { return projected > 0; });
    std::printf("\nprojection map: %s\n\n", qPrintable(projection->map()->drawnText()));

    for (int t = 0; t < window.viewTabs()->count(); ++t) {
        const QByteArray name = ("show tab " + window.viewTabs()->tabText(t)).toUtf8();
        phase(name.constData(), [&] { window.viewTabs()->setCurrentIndex(t); }, [] { return true; });
    }
    if (!pngDir.isEmpty()) {
        const std::pair<QWidget*, const char*> shots[] = {{projection, "projection-density.png"},
                                                          {structure->parentWidget(), "structure-large.png"}};
        for (const auto& [tab, file] : shots) {
            window.viewTabs()->setCurrentWidget(tab);
            for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
            window.grab().save(pngDir + "/" + file);
        }
    }
    return 0;
}
