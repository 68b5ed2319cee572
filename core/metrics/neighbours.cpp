#include "core/metrics/neighbours.h"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <limits>
#include <string>
#include <tuple>

#include <omp.h>

#include "core/metrics/parallel_guard.h"
#include "core/util/error.h"

namespace le {

namespace {
constexpr Eigen::Index kMaxQueryBlock = 128; // queries per matrix product
constexpr Eigen::Index kTrainBlock = 4096;   // train rows gathered at a time: at most 4 MB of distances
constexpr Eigen::Index kQueryChunk = 1024;   // queries whose candidates are kept (and exchanged) at once

using Candidate = std::pair<double, long long>; // (ranking distance, train position): lexicographic = stable

// Σ a_j b_j as eight interleaved partial sums added in a fixed tree: the bits depend only on
// the values, not on where the rows are stored (Eigen's reductions start at the first aligned
// element) nor on the shape of a product (BLAS kernels differ by shape). Not inlined, so one
// machine code computes every pair.
[[gnu::noinline]] double fixedOrderDot(const double* a, const double* b, Eigen::Index n) {
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    Eigen::Index j = 0;
    for (; j + 8 <= n; j += 8)
        for (int l = 0; l < 8; ++l) s[l] += a[j + l] * b[j + l];
    for (int l = 0; j + l < n; ++l) s[l] += a[j + l] * b[j + l];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

double fixedOrderSquaredNorm(const double* a, Eigen::Index n) { return fixedOrderDot(a, a, n); }

// The k best candidates of one query so far, as a max-heap on (distance, position): the
// front is the worst kept.
class KBest {
public:
    explicit KBest(Eigen::Index k) : k_(std::size_t(k)) {}
    std::size_t capacity() const { return k_; }
    bool full() const { return heap_.size() == k_; }
    // The ranking distance a newcomer must not exceed to have a chance (∞ until k are kept).
    double worst() const { return full() ? heap_.front().first : std::numeric_limits<double>::infinity(); }
    const std::vector<Candidate>& kept() const { return heap_; }
    void offer(const Candidate& c) {
        if (!full()) {
            heap_.push_back(c);
            std::push_heap(heap_.begin(), heap_.end());
        } else if (c < heap_.front()) {
            std::pop_heap(heap_.begin(), heap_.end());
            heap_.back() = c;
            std::push_heap(heap_.begin(), heap_.end());
        }
    }
    std::vector<Candidate> sorted() const {
        std::vector<Candidate> out = heap_;
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::size_t k_;
    std::vector<Candidate> heap_;
};

// One gathered block of train rows with the norms both distance forms need.
struct TrainBlock {
    const long long* positions = nullptr;
    MatrixD rows;
    Eigen::VectorXd productNorms; // ‖t‖² as the matrix product's distances use them
    Eigen::VectorXd rankingNorms; // ‖t‖² in the fixed order
};

// Queries of one chunk, row-major, with both kinds of norms.
struct QueryChunk {
    MatrixD rows;
    Eigen::VectorXd productNorms, rankingNorms;
};

// Screens the block's train rows for query i of the chunk with the product's distances, then
// ranks the survivors by their fixed-order distance. The product's distance d̃ of a pair and
// its ranking distance d differ by rounding only: each is within (2d·u + 3u)(‖q‖² + ‖t‖²) of
// the exact value (u = 2⁻⁵³; dot products and norms of length d), so |d̃ − d| ≤ the margin
// below, which has a factor of two to spare. A row cannot enter when d̃ − margin exceeds the
// k-th best kept, or the k-th smallest upper bound (d̃ + margin, or d when kept) of the kept
// rows and the block's: k others are then certainly nearer.
void screenAndRank(const QueryChunk& q, Eigen::Index i, const Eigen::Ref<const Eigen::RowVectorXd>& dots,
                   const TrainBlock& block, long long skip, KBest& best, std::vector<Eigen::Index>& survivors,
                   std::vector<double>& uppers) {
    const Eigen::Index d = q.rows.cols(), nt = block.rows.rows();
    const double marginPerNorm = 4.0 * double(d + 4) * DBL_EPSILON;
    const double qNorm = q.productNorms[i];
    auto interval = [&](Eigen::Index j) {
        const double distance = (block.productNorms[j] + qNorm) - 2.0 * dots[j];
        const double margin = marginPerNorm * (block.productNorms[j] + qNorm);
        return std::pair<double, double>(distance - margin, distance + margin);
    };
    survivors.clear();
    const double worst = best.worst();
    for (Eigen::Index j = 0; j < nt; ++j)
        if (interval(j).first <= worst && block.positions[j] != skip) survivors.push_back(j);
    const std::size_t k = best.capacity();
    if (best.kept().size() + survivors.size() > k) {
        uppers.clear();
        for (const Candidate& c : best.kept()) uppers.push_back(c.first);
        for (Eigen::Index j : survivors) uppers.push_back(interval(j).second);
        std::nth_element(uppers.begin(), uppers.begin() + std::ptrdiff_t(k - 1), uppers.end());
        const double bound = uppers[k - 1];
        survivors.erase(std::remove_if(survivors.begin(), survivors.end(),
                                       [&](Eigen::Index j) { return interval(j).first > bound; }),
                        survivors.end());
    }
    const double* query = q.rows.row(i).data();
    for (Eigen::Index j : survivors)
        best.offer({(block.rankingNorms[j] + q.rankingNorms[i]) - 2.0 * fixedOrderDot(query, block.rows.row(j).data(), d),
                    block.positions[j]});
}

// The sorted candidates of every query of a chunk, one list per query.
using ChunkCandidates = std::vector<std::vector<Candidate>>;

// Every process's candidates for the chunk, merged: per query the k best of all of them in
// (distance, position) order, which is what one process searching every row keeps.
ChunkCandidates exchangeAndMerge(const ChunkCandidates& mine, Eigen::Index k, const Communicator& comm) {
    std::vector<double> packed;
    for (const std::vector<Candidate>& list : mine) {
        packed.push_back(double(list.size()));
        for (const Candidate& c : list) packed.insert(packed.end(), {c.first, double(c.second)});
    }
    const std::vector<std::vector<double>> all = comm.allGather(packed);
    ChunkCandidates merged(mine.size());
    for (const std::vector<double>& theirs : all) {
        std::size_t at = 0;
        for (std::vector<Candidate>& list : merged) {
            if (at >= theirs.size()) throw ComputeError("neighbour search: a process sent truncated candidates");
            const auto count = std::size_t(theirs[at++]);
            if (at + 2 * count > theirs.size()) throw ComputeError("neighbour search: a process sent truncated candidates");
            for (std::size_t c = 0; c < count; ++c, at += 2) list.emplace_back(theirs[at], (long long)theirs[at + 1]);
        }
        if (at != theirs.size()) throw ComputeError("neighbour search: a process sent more candidates than queries");
    }
    for (std::vector<Candidate>& list : merged) {
        std::sort(list.begin(), list.end());
        if (Eigen::Index(list.size()) > k) list.resize(std::size_t(k));
    }
    return merged;
}

} // namespace

NeighbourLists nearestTrainRows(const TrainRows& train, const Eigen::MatrixXd& queries, Eigen::Index k,
                                const std::vector<long long>& excludeSelf, const TaskContext& ctx,
                                const SearchPartition* partition) {
    const Eigen::Index nTrain = train.count, nQuery = queries.rows(), d = queries.cols();
    if (!excludeSelf.empty() && Eigen::Index(excludeSelf.size()) != nQuery)
        throw ComputeError("neighbour search: one excluded position per query expected");
    bool anyExcluded = false;
    for (long long e : excludeSelf) anyExcluded |= e >= 0;
    NeighbourLists out;
    out.k = std::min(k, nTrain - (anyExcluded ? 1 : 0));
    if (out.k <= 0) throw ComputeError("no training rows left to take neighbours from");
    std::vector<long long> everyPosition;
    if (!partition) {
        everyPosition.resize(std::size_t(nTrain));
        for (Eigen::Index p = 0; p < nTrain; ++p) everyPosition[std::size_t(p)] = p;
    }
    const std::vector<long long>& searched = partition ? partition->searched : everyPosition;
    const Communicator* comm = partition && partition->comm && partition->comm->size() > 1 ? partition->comm : nullptr;
    Eigen::Index keepFirst = 0, keepLast = nQuery;
    if (partition && partition->keptQueries.second >= 0) std::tie(keepFirst, keepLast) = partition->keptQueries;
    if (keepFirst < 0 || keepLast < keepFirst || keepLast > nQuery)
        throw ComputeError("neighbour search: the kept queries are outside the queries");
    out.firstQuery = keepFirst;
    out.positions.assign(std::size_t((keepLast - keepFirst) * out.k), -1);

    const Eigen::Index threads = omp_get_max_threads();
    const Eigen::Index trainBlocks = (Eigen::Index(searched.size()) + kTrainBlock - 1) / kTrainBlock;
    const Eigen::Index chunks = (nQuery + kQueryChunk - 1) / kQueryChunk;
    std::atomic<long long> blocksDone{0};
    for (Eigen::Index c0 = 0; c0 < nQuery; c0 += kQueryChunk) {
        const Eigen::Index nc = std::min(kQueryChunk, nQuery - c0);
        if (!comm && (c0 + nc <= keepFirst || c0 >= keepLast)) continue; // nobody needs these lists
        QueryChunk q;
        q.rows = queries.middleRows(c0, nc);
        q.productNorms = q.rows.rowwise().squaredNorm();
        q.rankingNorms.resize(nc);
        for (Eigen::Index i = 0; i < nc; ++i) q.rankingNorms[i] = fixedOrderSquaredNorm(q.rows.row(i).data(), d);
        std::vector<KBest> best(static_cast<std::size_t>(nc), KBest(out.k));
        // One group of queries per thread, each going through every train block on its own: a
        // block is gathered once per thread, and the threads never wait for one another
        // (a barrier per block cost more than the gathers on a busy machine).
        const Eigen::Index groups = std::min(threads, nc);
        const double progressSteps = double(std::max<Eigen::Index>(1, chunks * trainBlocks * groups));
        ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
        for (Eigen::Index g = 0; g < groups; ++g) {
            guard.run([&] {
                const Eigen::Index g0 = nc * g / groups, g1 = nc * (g + 1) / groups;
                TrainBlock block;
                MatrixD dots;
                std::vector<Eigen::Index> survivors;
                std::vector<double> uppers;
                for (Eigen::Index t0 = 0; t0 < Eigen::Index(searched.size()); t0 += kTrainBlock) {
                    ctx.throwIfCancelled();
                    const Eigen::Index nt = std::min(kTrainBlock, Eigen::Index(searched.size()) - t0);
                    block.positions = searched.data() + t0;
                    block.rows = train.gather(std::vector<long long>(block.positions, block.positions + nt));
                    if (block.rows.rows() != nt || block.rows.cols() != d)
                        throw ComputeError("neighbour search: the train rows gathered do not match the queries' width");
                    block.productNorms = block.rows.rowwise().squaredNorm();
                    block.rankingNorms.resize(nt);
                    for (Eigen::Index j = 0; j < nt; ++j)
                        block.rankingNorms[j] = fixedOrderSquaredNorm(block.rows.row(j).data(), d);
                    for (Eigen::Index q0 = g0; q0 < g1; q0 += kMaxQueryBlock) {
                        const Eigen::Index nq = std::min(kMaxQueryBlock, g1 - q0);
                        dots.noalias() = q.rows.middleRows(q0, nq) * block.rows.transpose();
                        for (Eigen::Index i = q0; i < q0 + nq; ++i) {
                            const long long skip = excludeSelf.empty() ? -1 : excludeSelf[std::size_t(c0 + i)];
                            screenAndRank(q, i, dots.row(i - q0), block, skip, best[std::size_t(i)], survivors, uppers);
                        }
                    }
                    ctx.report(double(++blocksDone) / progressSteps, "nearest neighbours");
                }
            });
        }
        guard.rethrow();
        ChunkCandidates lists(static_cast<std::size_t>(nc));
        for (Eigen::Index i = 0; i < nc; ++i) lists[std::size_t(i)] = best[std::size_t(i)].sorted();
        if (comm) lists = exchangeAndMerge(lists, out.k, *comm);
        for (Eigen::Index i = std::max(c0, keepFirst); i < std::min(c0 + nc, keepLast); ++i) {
            const std::vector<Candidate>& list = lists[std::size_t(i - c0)];
            if (Eigen::Index(list.size()) < out.k)
                throw ComputeError("neighbour search: only " + std::to_string(list.size()) + " of " +
                                   std::to_string(out.k) + " neighbours have a finite distance (non-finite features?)");
            for (Eigen::Index j = 0; j < out.k; ++j)
                out.positions[std::size_t((i - keepFirst) * out.k + j)] = list[std::size_t(j)].second;
        }
    }
    return out;
}

double rankingSquaredDistance(const double* query, const double* train, Eigen::Index d) {
    return (fixedOrderSquaredNorm(train, d) + fixedOrderSquaredNorm(query, d)) - 2.0 * fixedOrderDot(query, train, d);
}

} // namespace le
