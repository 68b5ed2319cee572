#include "ui/screenshot.h"

#include <QApplication>
#include <QEventLoop>
#include <QPixmap>
#include <QSaveFile>
#include <QTabBar>
#include <QTimer>

#include <cstdio>

#include "ui/main_window.h"
#include "ui/workspace/workspace.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/comparison_view.h"

namespace le::ui {

namespace {

// Brings the tabs named in `view` to the front and sets the third panel; false (with a message)
// for a name that matches nothing.
bool applyView(MainWindow& window, const ScreenshotView& view) {
    for (const QString& title : view.tabs) {
        bool found = false;
        // Tab bars of tab widgets and of tabified docks ("Dataset" | "Analysis settings") alike.
        for (QTabBar* tabs : window.findChildren<QTabBar*>())
            for (int i = 0; i < tabs->count() && !found; ++i)
                if (tabs->tabText(i).remove('&').compare(title, Qt::CaseInsensitive) == 0) {
                    tabs->setCurrentIndex(i);
                    found = true;
                }
        if (!found) {
            std::fprintf(stderr, "latent-explorer: --tab: no tab is called \"%s\"\n", qPrintable(title));
            return false;
        }
    }
    if (view.thirdPanel.isEmpty()) return true;
    for (int m = 0; m <= int(Measure::IntrinsicDimension); ++m)
        if (view.thirdPanel == measureName(Measure(m)) && isPairMeasure(Measure(m))) {
            window.comparisonView()->setThirdPanel(Measure(m));
            return true;
        }
    std::fprintf(stderr, "latent-explorer: --panel: \"%s\" is not a pair measure (gfrd, kgfre, cka, dcka, "
                         "procrustes, ii)\n", qPrintable(view.thirdPanel));
    return false;
}

} // namespace

int runScreenshot(MainWindow& window, const QStringList& files, const QString& output, const ScreenshotView& view) {
    window.setInteractive(false);
    window.show();
    QEventLoop loop;
    int code = 0;
    auto fail = [&](const QString& message) {
        std::fprintf(stderr, "latent-explorer: %s\n", qPrintable(message));
        code = 2;
        loop.quit();
    };
    QObject::connect(&window, &MainWindow::loadFailed, &loop, fail);
    QObject::connect(&window, &MainWindow::comparisonFailed, &loop, fail);
    QObject::connect(&window, &MainWindow::datasetLoaded, &loop, [&] {
        if (window.workspace().metrics()) { // a project (or a `compare --out` result) brought its comparison
            std::fprintf(stderr, "loaded with its comparison\n");
            const auto metrics = window.workspace().metrics();
            if (metrics->names.size() >= 2) // the outlier table of the first off-diagonal pair
                window.workspace().setCurrentPair(0, 1, metrics->matrices.count(Measure::LFRE) ? Measure::LFRE
                                                                                               : metrics->matrices.begin()->first);
            loop.quit();
            return;
        }
        std::fprintf(stderr, "loaded; comparing...\n");
        window.compare();
    });
    // After the comparison the window opens the worst pair and computes its pointwise LFRE
    // for the structure view: wait until that is done too.
    QTimer idle;
    idle.setInterval(50);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        if (!window.tasks().isBusy()) loop.quit();
    });
    QObject::connect(&window, &MainWindow::comparisonFinished, &loop, [&] { idle.start(); });
    if (files.isEmpty()) window.openDemo();
    else window.openFiles(files);
    loop.exec();
    if (code != 0) return code;
    if (!applyView(window, view)) return 2;
    // Let the layout and the plots settle before grabbing.
    for (int i = 0; i < 5; ++i) QApplication::processEvents();
    const QPixmap shot = window.grab();
    QSaveFile out(output);
    if (!out.open(QIODevice::WriteOnly) || !shot.save(&out, "PNG") || !out.commit()) {
        std::fprintf(stderr, "latent-explorer: %s: cannot write the screenshot: %s\n",
                     qPrintable(output), qPrintable(out.errorString()));
        return 2;
    }
    std::fprintf(stderr, "wrote %s (%d × %d)\n", qPrintable(output), shot.width(), shot.height());
    return 0;
}

} // namespace le::ui
