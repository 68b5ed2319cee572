#include "core/metrics/neighbours.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <utility>

#include <omp.h>

#include "core/util/blas_threads.h"
#include "core/util/error.h"

namespace le {

namespace {
constexpr Eigen::Index kMaxQueryBlock = 128; // queries per block
constexpr Eigen::Index kTrainBlock = 4096; // train rows per block: at most 4 MB of distances

using Candidate = std::pair<double, long long>; // (distance, train position): lexicographic = stable

// The k best candidates so far and the distance of the worst of them. Train positions
// arrive in increasing order, so a newcomer at a distance ≥ that bound ranks after all k
// kept ones (an equal distance loses the tie on position) and can be skipped.
struct BestSoFar {
    std::vector<Candidate> kept;
    double bound = std::numeric_limits<double>::infinity();

    void shrinkTo(Eigen::Index k) {
        if (Eigen::Index(kept.size()) < k) return;
        std::nth_element(kept.begin(), kept.begin() + (k - 1), kept.end());
        kept.resize(std::size_t(k));
        bound = kept.back().first; // nth_element put the k-th smallest last
    }
};
} // namespace

NeighbourLists nearestTrainRows(const MatrixD& train, const Eigen::MatrixXd& queries,
                                Eigen::Index k, const std::vector<long long>& excludeSelf,
                                const TaskContext& ctx, const Eigen::VectorXd* trainSquaredNorms) {
    const Eigen::Index nTrain = train.rows(), nQuery = queries.rows();
    bool anyExcluded = false;
    for (long long e : excludeSelf) anyExcluded |= e >= 0;
    NeighbourLists out;
    out.k = std::min(k, nTrain - (anyExcluded ? 1 : 0));
    if (out.k <= 0) throw ComputeError("no training rows left to take neighbours from");
    out.positions.assign(std::size_t(nQuery * out.k), -1);
    Eigen::VectorXd ownNorms;
    if (!trainSquaredNorms) ownNorms = train.rowwise().squaredNorm();
    const Eigen::VectorXd& trainSq = trainSquaredNorms ? *trainSquaredNorms : ownNorms;
    if (trainSq.size() != nTrain) throw ComputeError("neighbour search: squared norms do not match the train rows");
    // Few queries (one structure on demand): smaller blocks so every thread gets one.
    const Eigen::Index threads = omp_get_max_threads();
    const Eigen::Index kQueryBlock = std::clamp<Eigen::Index>((nQuery + threads - 1) / threads, 1, kMaxQueryBlock);
    const Eigen::Index nBlocks = (nQuery + kQueryBlock - 1) / kQueryBlock;
    std::atomic<bool> cancelled{false};
    std::atomic<long long> blocksDone{0};
    const SingleThreadedBlas singleThreadedBlas; // one thread per BLAS call inside the loop
#pragma omp parallel for schedule(dynamic, 1)
    for (Eigen::Index b = 0; b < nBlocks; ++b) {
        if (cancelled.load() || ctx.isCancelled()) {
            cancelled = true;
            continue;
        }
        const Eigen::Index q0 = b * kQueryBlock, nq = std::min(kQueryBlock, nQuery - q0);
        const Eigen::MatrixXd block = queries.middleRows(q0, nq);
        const Eigen::VectorXd blockSq = block.rowwise().squaredNorm();
        std::vector<BestSoFar> best(static_cast<std::size_t>(nq));
        Eigen::MatrixXd dots;
        for (Eigen::Index t0 = 0; t0 < nTrain; t0 += kTrainBlock) {
            const Eigen::Index nt = std::min(kTrainBlock, nTrain - t0);
            dots.noalias() = block * train.middleRows(t0, nt).transpose();
            for (Eigen::Index i = 0; i < nq; ++i) {
                BestSoFar& c = best[std::size_t(i)];
                const long long skip = excludeSelf.empty() ? -1 : excludeSelf[std::size_t(q0 + i)];
                for (Eigen::Index j = 0; j < nt; ++j) {
                    const double d = (trainSq[t0 + j] + blockSq[i]) - 2.0 * dots(i, j);
                    if (d < c.bound && t0 + j != skip) c.kept.emplace_back(d, t0 + j);
                }
                c.shrinkTo(out.k);
            }
        }
        for (Eigen::Index i = 0; i < nq; ++i) {
            auto& c = best[std::size_t(i)].kept;
            std::sort(c.begin(), c.end());
            for (Eigen::Index j = 0; j < out.k; ++j)
                out.positions[std::size_t((q0 + i) * out.k + j)] = c[std::size_t(j)].second;
        }
        const long long done = ++blocksDone;
        ctx.report(double(done) / double(nBlocks), "nearest neighbours");
    }
    if (cancelled) throw OperationCancelled();
    return out;
}

} // namespace le
