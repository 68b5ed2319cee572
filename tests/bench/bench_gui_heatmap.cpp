// Benchmark of the desktop app's heatmap path: build + render heatmaps of N models, export
// them (PNG 300 dpi, PDF, SVG), and the GUI's longest event-loop stall while a real
// comparison runs in the task runner. Run: ./build/tests/bench_gui_heatmap (offscreen).
#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <qcustomplot.h>

#include <cstdio>
#include <random>

#include "ui/export/plot_export.h"
#include "ui/tasks/analysis_jobs.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/heatmap_view.h"

using namespace le;
using namespace le::ui;

namespace {

NamedMatrix randomMatrix(const QString& title, int n, std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    NamedMatrix m;
    m.title = title;
    for (int i = 0; i < n; ++i) m.rowNames << QString("model-%1").arg(i);
    m.columnNames = m.rowNames;
    m.values.resize(n, n);
    for (Eigen::Index i = 0; i < m.values.size(); ++i) m.values.data()[i] = u(rng);
    return m;
}

double millis(const QElapsedTimer& t) { return double(t.nsecsElapsed()) / 1e6; }

void benchHeatmaps() {
    std::mt19937 rng(1);
    QTemporaryDir dir;
    std::printf("| models | build+render (ms) | PNG 300 dpi (ms) | PDF (ms) | SVG (ms) | SVG size (kB) |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (int n : {4, 10, 30}) {
        HeatmapView view;
        view.resize(1200, 560);
        QElapsedTimer t;
        t.start();
        view.setPanels({randomMatrix("GFRE", n, rng), randomMatrix("LFRE", n, rng)});
        const double build = millis(t);
        double times[3];
        const PlotFormat formats[3] = {PlotFormat::Png, PlotFormat::Pdf, PlotFormat::Svg};
        const char* names[3] = {"fig.png", "fig.pdf", "fig.svg"};
        for (int f = 0; f < 3; ++f) {
            t.restart();
            exportPlot(*view.plot(), dir.filePath(names[f]), formats[f], PlotExportOptions{});
            times[f] = millis(t);
        }
        std::printf("| %d | %.1f | %.1f | %.1f | %.1f | %.0f |\n", n, build, times[0], times[1],
                    times[2], double(QFileInfo(dir.filePath("fig.svg")).size()) / 1024.0);
    }
}

void benchResponsiveness() {
    Dataset d;
    std::mt19937 rng(7);
    std::normal_distribution<double> normal;
    const int frames = 200, atomsPerFrame = 10, dims = 32, models = 4;
    for (int f = 0; f < frames; ++f) {
        Frame frame;
        frame.species.assign(atomsPerFrame, 6);
        frame.positions = Positions::Zero(atomsPerFrame, 3);
        d.addFrame(std::move(frame));
    }
    CompareRequest request;
    for (int s = 0; s < models; ++s) {
        FeatureSet set;
        set.name = "model" + std::to_string(s);
        MatrixD m(d.atomCount(), dims);
        for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
        set.data = std::move(m);
        d.addFeatureSet(std::move(set));
        request.features.push_back({s, "model" + std::to_string(s), true});
    }
    auto dataset = std::make_shared<const Dataset>(std::move(d));
    TaskRunner runner;
    QElapsedTimer gap, total;
    qint64 maxGap = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] { maxGap = std::max(maxGap, gap.restart()); });
    bool done = false;
    runner.submit("compare", "", [&](const TaskContext& ctx) -> std::any {
        return runCompare(*dataset, request, ctx);
    }, [&](const std::any&) { done = true; });
    gap.start();
    total.start();
    ticker.start();
    while (!done && runner.isBusy()) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    std::printf("\nCompare %d models × %lld atoms × %d dims (GFRE+GFRD+LFRE, default split): %.2f s; "
                "longest GUI event-loop gap %lld ms (timer every 10 ms)\n",
                models, (long long)dataset->atomCount(), dims, double(total.elapsed()) / 1000.0,
                (long long)maxGap);
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    benchHeatmaps();
    benchResponsiveness();
    return 0;
}
