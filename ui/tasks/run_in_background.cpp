#include "ui/tasks/run_in_background.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace le::ui {

void runInBackground(TaskRunner* runner, QObject* owner, const QString& title,
                     const QString& cacheKey, TaskRunner::Work work, TaskRunner::Done done,
                     TaskRunner::Failed failed) {
    if (runner) {
        runner->submit(title, cacheKey, std::move(work), std::move(done), std::move(failed));
        return;
    }
    auto* watcher = new QFutureWatcher<std::any>(owner);
    QObject::connect(watcher, &QFutureWatcher<std::any>::finished, owner, [watcher, done, failed] {
        try {
            done(watcher->result());
        } catch (const std::exception& e) {
            if (failed) failed(QString::fromStdString(e.what()));
        }
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([work] { return work(silentContext()); }));
}

} // namespace le::ui
