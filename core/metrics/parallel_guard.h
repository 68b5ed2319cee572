#pragma once
// Exceptions must not leave an OpenMP region. Each iteration runs through guard.run(): once
// one iteration threw or the task was cancelled, the remaining iterations are skipped, and
// after the loop rethrow() raises the first exception (or OperationCancelled). While the guard
// exists, OpenBLAS calls run on the calling thread whichever OpenBLAS build is loaded.
#include <atomic>
#include <exception>
#include <mutex>

#include "core/util/blas_threads.h"
#include "core/util/task_context.h"

namespace le {

class ParallelGuard {
public:
    explicit ParallelGuard(const TaskContext& ctx) : ctx_(ctx) {}

    template <typename F>
    void run(F&& body) {
        if (stopped_.load(std::memory_order_relaxed)) return;
        if (ctx_.isCancelled()) {
            stopped_ = true;
            return;
        }
        try {
            body();
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!error_) error_ = std::current_exception();
            stopped_ = true;
        }
    }
    bool stopped() const { return stopped_.load(std::memory_order_relaxed); }
    void rethrow() const {
        if (error_) std::rethrow_exception(error_);
        if (stopped_) throw OperationCancelled();
    }

private:
    SingleThreadedBlas singleThreadedBlas_;
    const TaskContext& ctx_;
    std::atomic<bool> stopped_{false};
    std::mutex mutex_;
    std::exception_ptr error_;
};

} // namespace le
