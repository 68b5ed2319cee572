#include "ui/tasks/task_runner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

#include <new>

#ifdef __linux__
#include <sys/resource.h>
#endif

#include "core/util/error.h"

namespace le::ui {

namespace {

// The worker (and the OpenMP threads it starts, which inherit the value) runs at a lower
// priority than the GUI thread, so the interface stays responsive on a busy machine.
void lowerWorkerPriority() {
#ifdef __linux__
    setpriority(PRIO_PROCESS, 0, 8); // Linux: affects the calling thread only
#endif
}

} // namespace

struct TaskRunner::Task {
    int id = 0;
    QString title;
    QString cacheKey;
    Work work;
    Done done;
    Failed failed;
    CancelToken token;
};

TaskRunner::TaskRunner(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);
    pollTimer_.setInterval(50);
    connect(&pollTimer_, &QTimer::timeout, this, &TaskRunner::pollProgress);
}

TaskRunner::~TaskRunner() { shutdown(); }

int TaskRunner::submit(const QString& title, const QString& cacheKey, Work work, Done done,
                       Failed failed) {
    const int id = nextId_++;
    if (shuttingDown_) return id;
    if (!cacheKey.isEmpty() && cache_.contains(cacheKey)) {
        // Answer from the event loop so callers see the same ordering as a real run.
        std::any value = cache_.value(cacheKey);
        QTimer::singleShot(0, this, [this, id, value, done = std::move(done)] {
            if (done) done(value);
            emit taskFinished(id);
        });
        return id;
    }
    auto task = std::make_shared<Task>();
    task->id = id;
    task->title = title;
    task->cacheKey = cacheKey;
    task->work = std::move(work);
    task->done = std::move(done);
    task->failed = std::move(failed);
    const bool wasBusy = isBusy();
    queue_.push_back(std::move(task));
    emit queueChanged(pendingCount());
    if (!wasBusy) emit busyChanged(true);
    if (!running_) startNext();
    return id;
}

QString TaskRunner::currentTitle() const { return running_ ? running_->title : QString(); }

void TaskRunner::startNext() {
    if (running_ || queue_.empty()) return;
    running_ = queue_.front();
    queue_.pop_front();
    emit queueChanged(pendingCount());
    {
        std::lock_guard lock(progress_->mutex);
        progress_->fraction = 0;
        progress_->message = running_->title.toStdString();
        progress_->dirty = true;
    }
    emit taskStarted(running_->id, running_->title);
    pollTimer_.start();

    auto task = running_;
    auto progress = progress_;
    pool_.start([this, task, progress] {
        lowerWorkerPriority();
        TaskContext ctx;
        ctx.cancel = &task->token;
        ctx.progress = [progress](double fraction, std::string_view message) {
            std::lock_guard lock(progress->mutex);
            progress->fraction = fraction;
            progress->message.assign(message);
            progress->dirty = true;
        };
        std::any result;
        QString error;
        bool cancelled = false;
        try {
            result = task->work(ctx);
        } catch (const OperationCancelled&) {
            cancelled = true;
        } catch (const std::bad_alloc&) {
            error = tr("Not enough memory for \"%1\". Use fewer feature sets or a smaller "
                       "subset.").arg(task->title);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        } catch (...) {
            error = tr("Unknown error in \"%1\".").arg(task->title);
        }
        // Back to the GUI thread; dropped by Qt if the runner is gone meanwhile.
        QMetaObject::invokeMethod(
            this,
            [this, task, result = std::move(result), error, cancelled]() mutable {
                onWorkerDone(task, std::move(result), error, cancelled);
            },
            Qt::QueuedConnection);
    });
}

void TaskRunner::onWorkerDone(std::shared_ptr<Task> task, std::any result, QString error,
                              bool cancelled) {
    if (task != running_) return;
    running_.reset();
    pollTimer_.stop();
    pollProgress();
    // A run whose token was set is "cancelled" even if it finished: its result is late.
    if (cancelled || task->token.isCancelled()) {
        emit taskCancelled(task->id);
    } else if (!error.isEmpty()) {
        if (task->failed) task->failed(error);
        emit taskFailed(task->id, error);
    } else {
        if (!task->cacheKey.isEmpty()) cache_.insert(task->cacheKey, result);
        if (task->done) task->done(result);
        emit taskFinished(task->id);
    }
    if (shuttingDown_) return;
    if (queue_.empty()) {
        emit progressChanged(0, QString());
        emit busyChanged(false);
    } else {
        startNext();
    }
}

void TaskRunner::pollProgress() {
    double fraction;
    QString message;
    {
        std::lock_guard lock(progress_->mutex);
        if (!progress_->dirty) return;
        progress_->dirty = false;
        fraction = progress_->fraction;
        message = QString::fromStdString(progress_->message);
    }
    emit progressChanged(fraction, message);
}

void TaskRunner::cancelCurrent() {
    if (running_) running_->token.cancel();
}

void TaskRunner::cancelAll() {
    std::deque<std::shared_ptr<Task>> dropped;
    dropped.swap(queue_);
    for (const auto& task : dropped) emit taskCancelled(task->id);
    if (!dropped.empty()) emit queueChanged(0);
    cancelCurrent();
    if (!running_ && !dropped.empty()) emit busyChanged(false);
}

void TaskRunner::shutdown() {
    shuttingDown_ = true;
    queue_.clear();
    if (running_) running_->token.cancel();
    pool_.waitForDone();
    running_.reset();
    pollTimer_.stop();
}

bool TaskRunner::waitForIdle(int msecs) {
    QDeadlineTimer deadline(msecs);
    QEventLoop loop;
    // The poll timer ticks while busy, so waiting for more events never blocks for long.
    while (isBusy() && !deadline.hasExpired())
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    // Deliver the cached-result callbacks too.
    QCoreApplication::processEvents();
    return !isBusy();
}

} // namespace le::ui
