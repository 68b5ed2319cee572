#include "ui/screenshot.h"

#include <QApplication>
#include <QEventLoop>
#include <QPixmap>
#include <QSaveFile>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

#include "ui/main_window.h"
#include "ui/workspace/workspace.h"
#include "ui/tasks/task_runner.h"

namespace le::ui {

int runScreenshot(MainWindow& window, const QStringList& files, const QString& output, const QString& tab) {
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
    if (!tab.isEmpty()) {
        int index = -1;
        for (int t = 0; t < window.viewTabs()->count(); ++t)
            if (window.viewTabs()->tabText(t).compare(tab, Qt::CaseInsensitive) == 0) index = t;
        if (index < 0) {
            std::fprintf(stderr, "latent-explorer: --tab %s: no such tab\n", qPrintable(tab));
            return 2;
        }
        window.viewTabs()->setCurrentIndex(index);
    }
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
