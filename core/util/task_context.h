#pragma once
// Progress reporting and cancellation for long computations in the core.
// Every long-running core function takes a `const TaskContext&`; the UI and the CLI
// decide what a progress report means (a progress bar, a line on stderr, nothing).
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace le {

// Set from any thread (a Cancel button, a closing window); polled by workers.
class CancelToken {
public:
    void cancel() noexcept { flag_.store(true, std::memory_order_relaxed); }
    void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

// Thrown by core functions that noticed a cancellation; callers treat it as "no result".
class OperationCancelled : public std::runtime_error {
public:
    OperationCancelled() : std::runtime_error("operation cancelled") {}
};

// fraction in [0, 1]; message describes the current step ("GFRE MACE → PET", ...).
// The callback may be invoked from worker threads, so it must be thread-safe.
using ProgressCallback = std::function<void(double fraction, std::string_view message)>;

struct TaskContext {
    ProgressCallback progress;           // may be empty
    const CancelToken* cancel = nullptr; // may be null

    void report(double fraction, std::string_view message) const {
        if (progress) progress(fraction, message);
    }
    bool isCancelled() const { return cancel && cancel->isCancelled(); }
    void throwIfCancelled() const {
        if (isCancelled()) throw OperationCancelled();
    }
    // A context that reports a sub-range [begin, end] of this context's progress.
    TaskContext subRange(double begin, double end) const {
        TaskContext sub;
        sub.cancel = cancel;
        if (progress) {
            auto parent = progress;
            sub.progress = [parent, begin, end](double f, std::string_view m) {
                parent(begin + (end - begin) * f, m);
            };
        }
        return sub;
    }
};

// A context that reports nothing and is never cancelled.
inline const TaskContext& silentContext() {
    static const TaskContext ctx;
    return ctx;
}

} // namespace le
