#pragma once
// The one place long computations run: a FIFO queue executed one task at a time on a
// worker thread. Progress is polled on the GUI thread (never floods the event loop),
// Cancel sets the running task's CancelToken, results of cancelled runs are dropped, and
// finished results are cached by a key so an identical request returns at once.
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <any>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "core/util/task_context.h"

namespace le::ui {

class TaskRunner : public QObject {
    Q_OBJECT
public:
    // Runs on the worker thread; returns the result (any copyable value, typically a
    // shared_ptr to an immutable struct). Throw le::OperationCancelled when cancelled.
    using Work = std::function<std::any(const TaskContext&)>;
    // Called on the GUI thread with the result.
    using Done = std::function<void(const std::any&)>;
    // Called on the GUI thread with a message the user can read.
    using Failed = std::function<void(const QString&)>;

    explicit TaskRunner(QObject* parent = nullptr);
    ~TaskRunner() override; // cancels everything and waits for the worker

    // Queues a task and returns its id. With a non-empty cacheKey already in the cache,
    // `done` is called from the event loop with the cached value and nothing runs.
    int submit(const QString& title, const QString& cacheKey, Work work, Done done,
               Failed failed = {});

    void cancelCurrent();   // the running task stops at its next cancellation check
    void cancelAll();       // the running task and everything queued
    void shutdown();        // cancelAll() then wait for the worker (used when closing)
    // Processes events until idle or `msecs` elapsed; true when idle (tests, shutdown).
    bool waitForIdle(int msecs);

    bool isBusy() const { return running_ != nullptr || !queue_.empty(); }
    int pendingCount() const { return int(queue_.size()); }
    QString currentTitle() const;

    bool hasCached(const QString& key) const { return cache_.contains(key); }
    std::any cached(const QString& key) const { return cache_.value(key); }
    void clearCache() { cache_.clear(); }

signals:
    void taskStarted(int id, const QString& title);
    void progressChanged(double fraction, const QString& message);
    void taskFinished(int id);
    void taskCancelled(int id);
    void taskFailed(int id, const QString& message);
    void busyChanged(bool busy);
    void queueChanged(int pending);

private:
    struct Task;
    // Progress written by the worker, read by the poll timer.
    struct ProgressState {
        std::mutex mutex;
        double fraction = 0;
        std::string message;
        bool dirty = false;
    };

    void startNext();
    void onWorkerDone(std::shared_ptr<Task> task, std::any result, QString error,
                      bool cancelled);
    void pollProgress();

    QThreadPool pool_;
    std::deque<std::shared_ptr<Task>> queue_;
    std::shared_ptr<Task> running_;
    std::shared_ptr<ProgressState> progress_ = std::make_shared<ProgressState>();
    QTimer pollTimer_;
    QHash<QString, std::any> cache_;
    int nextId_ = 1;
    bool shuttingDown_ = false;
};

} // namespace le::ui
