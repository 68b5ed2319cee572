#include "core/descriptors/atom_loop.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <set>

#include <omp.h>

#include "core/util/blas_threads.h"
#include "core/util/error.h"

namespace le {

namespace {

// Frames are processed in batches of about this many atoms: neighbour lists of one batch at
// a time bound the memory, and progress / cancellation are checked between batches.
constexpr Eigen::Index kBatchAtoms = 4096;
constexpr int kChunkAtoms = 16; // atoms per parallel work item
constexpr double kMaxGigabytes = 6.0;

struct Chunk {
    std::size_t frame;
    int begin, end;
};

} // namespace

std::vector<int> speciesOf(const std::vector<Frame>& frames) {
    std::set<int> all;
    for (const auto& f : frames) all.insert(f.species.begin(), f.species.end());
    return {all.begin(), all.end()};
}

MatrixD computePerAtom(const std::vector<Frame>& frames, double cutoff, Eigen::Index columns,
                       const AtomKernel& kernel, const TaskContext& ctx, const std::string& label,
                       NeighbourSearch search) {
    std::vector<Eigen::Index> offsets{0};
    for (const auto& f : frames) offsets.push_back(offsets.back() + f.atomCount());
    const Eigen::Index total = offsets.back();
    // Many species make SOAP explode (columns grow with the square of the species count):
    // refuse clearly instead of failing to allocate.
    const double gigabytes = double(total) * double(columns) * 8.0 / 1e9;
    if (gigabytes > kMaxGigabytes)
        throw ComputeError(label + " would need " + std::to_string(int(gigabytes)) + " GB (" +
                           std::to_string(total) + " atoms × " + std::to_string(columns) +
                           " columns); lower n_max/l_max, restrict species= or use fewer structures");
    MatrixD out = MatrixD::Zero(total, columns);

    // Progress inside a batch too (one large cell is a single batch), at most every 0.5 %.
    // Any worker may report (under a lock, so reports stay in order): under load one thread
    // can do most of the chunks, and progress must not depend on which one.
    std::atomic<Eigen::Index> done{0};
    double lastReported = 0;
    std::mutex reportMutex;
    auto reportProgress = [&] {
        if (total == 0) return;
        std::unique_lock lock(reportMutex, std::try_to_lock);
        if (!lock.owns_lock()) return;
        const double fraction = double(done.load(std::memory_order_relaxed)) / double(total);
        if (fraction - lastReported < 0.005) return;
        lastReported = fraction;
        ctx.report(fraction, label);
    };

    ctx.report(0.0, label);
    std::size_t first = 0;
    while (first < frames.size()) {
        ctx.throwIfCancelled();
        std::size_t last = first;
        while (last < frames.size() && offsets[last] - offsets[first] < kBatchAtoms) ++last;

        const long batch = long(last - first);
        std::vector<NeighbourList> lists(std::size_t(batch), NeighbourList{});
        std::exception_ptr error;
#pragma omp parallel for schedule(dynamic)
        for (long b = 0; b < batch; ++b) {
            try {
                const Frame& frame = frames[first + std::size_t(b)];
                lists[std::size_t(b)] = search == NeighbourSearch::CellList
                                            ? buildNeighbourList(frame, cutoff)
                                            : bruteForceNeighbourList(frame, cutoff);
            } catch (...) {
#pragma omp critical(le_descriptor_error)
                if (!error) error = std::current_exception();
            }
        }
        if (error) std::rethrow_exception(error);

        std::vector<Chunk> chunks;
        for (std::size_t f = first; f < last; ++f)
            for (int a = 0; a < frames[f].atomCount(); a += kChunkAtoms)
                chunks.push_back({f, a, std::min(a + kChunkAtoms, frames[f].atomCount())});
        std::atomic<bool> cancelled{false};
        const SingleThreadedBlas singleThreadedBlas; // one thread per BLAS call inside the loop
#pragma omp parallel for schedule(dynamic)
        for (long c = 0; c < long(chunks.size()); ++c) {
            if (cancelled.load(std::memory_order_relaxed)) continue;
            if (ctx.isCancelled()) {
                cancelled = true;
                continue;
            }
            const Chunk& chunk = chunks[std::size_t(c)];
            const NeighbourList& nl = lists[chunk.frame - first];
            for (int a = chunk.begin; a < chunk.end; ++a)
                kernel(frames[chunk.frame], nl, a, out.row(offsets[chunk.frame] + a).data());
            done += chunk.end - chunk.begin;
            reportProgress();
        }
        if (cancelled) throw OperationCancelled();
        first = last;
    }
    ctx.report(1.0, label);
    return out;
}

} // namespace le
