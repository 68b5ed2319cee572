#include "core/metrics/all_pairs.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <set>

#include "core/metrics/lfre_on_demand.h"
#include "core/metrics/local_fit.h"
#include "core/metrics/neighbours.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/scaling.h"
#include "core/util/error.h"

namespace le {

namespace {

bool wants(const MetricSettings& s, Measure m) {
    return std::find(s.measures.begin(), s.measures.end(), m) != s.measures.end();
}

// Rows `rows` of a feature set as float64, without converting the whole set first.
Eigen::MatrixXd gatherRows(const FeatureSet& set, const std::vector<long long>& rows) {
    return std::visit([&](const auto& m) -> Eigen::MatrixXd { return m(rows, Eigen::all).template cast<double>(); },
                      set.data);
}

// body(i) for each of `count` feature sets, one set per thread: scaling and copying a set are
// memory-bound work of their own.
template <typename Body>
void forEachSet(std::size_t count, const TaskContext& ctx, Body body) {
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
    for (std::size_t i = 0; i < count; ++i) guard.run([&] { body(i); });
    guard.rethrow();
}

ScaledBlocks scaledBlocks(const FeatureSet& set, const TrainTestSplit& split, ScalerKind scaler) {
    ScaledBlocks b{gatherRows(set, split.train), gatherRows(set, split.test)};
    const Scaling s = fitScaling(b.train, scaler, "'" + set.name + "'");
    s.applyInPlace(b.train);
    s.applyInPlace(b.test);
    return b;
}

// GFRE and GFRD for every target of one source, the source itself included unless the
// diagonal (self-reconstruction) is switched off: the source's SVDs are computed once.
void globalForSource(std::size_t s, const std::vector<ScaledBlocks>& blocks, AllPairsResult& out,
                     bool gfre, bool gfrd, const TaskContext& ctx) {
    const RegressionPlan plan(blocks[s].train, out.settings.estimator);
    const auto n = static_cast<long long>(blocks.size());
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
    for (long long t = 0; t < n; ++t) {
        if (t == (long long)s && !out.settings.includeDiagonal) continue;
        guard.run([&] {
            PairMeasure* e = gfre ? &out.pairs[Measure::GFRE][s][std::size_t(t)] : nullptr;
            PairMeasure* d = gfrd ? &out.pairs[Measure::GFRD][s][std::size_t(t)] : nullptr;
            globalMeasures(blocks[s], plan, blocks[std::size_t(t)], e, d);
        });
    }
    guard.rethrow();
}

// The progress line while the diagonal LFRE pair runs on its own: at k = d it is the
// costliest pair of the row, and the user should know how to skip it.
std::string diagonalLfreMessage(const std::string& source, Eigen::Index k) {
    return "LFRE " + source + " → " + source + " (the diagonal, k = " + std::to_string(k) +
           ": the costliest pair of the row; skip it with --no-diagonal, in the GUI "
           "Analysis settings → Diagonal)";
}

// LFRE for every target of one source (itself included unless the diagonal is off): one
// neighbour search (for the largest k), and per test point one local factorisation per
// distinct k, shared by the targets using that k. When the diagonal's k = d_source is used by
// no other target, it runs last as a phase of its own, so the progress line can say so.
void localForSource(std::size_t s, const std::vector<ScaledBlocks>& blocks, const std::vector<MatrixD>& rowTrain,
                    AllPairsResult& out, long long totalRows, const TaskContext& ctx) {
    const std::size_t n = blocks.size();
    std::vector<Eigen::Index> kOf(n, 0); // 0: target skipped
    std::set<Eigen::Index> distinctK;
    for (std::size_t t = 0; t < n; ++t) {
        if (t == s && !out.settings.includeDiagonal) continue;
        kOf[t] = resolveLfreK(out.settings.lfreK, blocks[s].train.cols(), blocks[t].train.cols(), totalRows);
        distinctK.insert(kOf[t]);
    }
    const NeighbourLists nbrs = nearestTrainRows(rowTrain[s], blocks[s].test, *distinctK.rbegin(), {},
                                                 ctx.subRange(0.0, 0.1));
    auto& row = out.pairs[Measure::LFRE][s];
    const Eigen::Index nTest = blocks[s].test.rows();
    std::vector<std::vector<double>> alphas(n, std::vector<double>(std::size_t(nTest), 0.0));
    for (std::size_t t = 0; t < n; ++t)
        if (kOf[t] > 0) {
            row[t].pointwise.resize(nTest);
            row[t].k = std::min(kOf[t], nbrs.k);
        }
    // Phases: the shared k values first, then the diagonal's own k when no other target uses it.
    std::set<Eigen::Index> diagonalOnly;
    if (kOf[s] > 0 && std::count(kOf.begin(), kOf.end(), kOf[s]) == 1) {
        diagonalOnly.insert(kOf[s]);
        distinctK.erase(kOf[s]);
    }
    // Progress shares by the local fits' k³ cost.
    auto cost = [](const std::set<Eigen::Index>& ks) {
        double c = 0;
        for (Eigen::Index k : ks) c += double(k) * double(k) * double(k);
        return c;
    };
    const double shared = cost(distinctK), total = shared + cost(diagonalOnly);
    auto runPhase = [&](const std::set<Eigen::Index>& ks, const std::string& message, const TaskContext& phase) {
        if (ks.empty()) return;
        phase.report(0.0, message);
        ParallelGuard guard(phase);
        std::atomic<long long> done{0};
#pragma omp parallel for schedule(dynamic, 2)
        for (Eigen::Index i = 0; i < nTest; ++i) {
            guard.run([&] {
                for (Eigen::Index k : ks) {
                    const LocalSource local(rowTrain[s], blocks[s].test.row(i), nbrs.of(i),
                                            std::min(k, nbrs.k), out.settings.estimator);
                    for (std::size_t t = 0; t < n; ++t)
                        if (kOf[t] == k)
                            row[t].pointwise[i] = local.pointwiseError(rowTrain[t], blocks[t].test.row(i),
                                                                       &alphas[t][std::size_t(i)]);
                }
                const long long d = ++done;
                if (d % 8 == 0) phase.report(double(d) / double(nTest), message);
            });
        }
        guard.rethrow();
    };
    const double split = 0.1 + 0.9 * shared / total;
    std::string sharedMessage = "LFRE from " + out.names[s];
    if (kOf[s] > 0 && diagonalOnly.empty()) sharedMessage += " (the diagonal included)";
    runPhase(distinctK, sharedMessage, ctx.subRange(0.1, split));
    runPhase(diagonalOnly, diagonalLfreMessage(out.names[s], kOf[s]), ctx.subRange(split, 1.0));
    for (std::size_t t = 0; t < n; ++t)
        if (kOf[t] > 0) {
            row[t].value = rootMeanSquare(row[t].pointwise);
            for (double a : alphas[t]) ++row[t].chosenAlphaCounts[a];
        }
}

} // namespace

AllPairsResult computeAllPairs(const std::vector<const FeatureSet*>& sets, const MetricSettings& settings,
                               const std::vector<std::string>& labels, const TaskContext& ctx) {
    if (sets.size() < 2) throw ComputeError("comparing feature sets needs at least two of them");
    const Eigen::Index rows = sets[0]->rows();
    for (const FeatureSet* f : sets) requireSameRows(*sets[0], *f);
    AllPairsResult out;
    out.settings = settings;
    for (const FeatureSet* f : sets) out.names.push_back(f->name);
    const TrainTestSplit split = makeSplit(settings.split, rows, labels);
    out.trainIndices = split.train;
    out.testIndices = split.test;

    const std::size_t n = sets.size();
    std::vector<ScaledBlocks> blocks(n);
    forEachSet(n, ctx, [&](std::size_t i) { blocks[i] = scaledBlocks(*sets[i], split, settings.scaler); });
    for (Measure m : settings.measures) {
        out.pairs[m].assign(n, std::vector<PairMeasure>(n));
        if (!settings.includeDiagonal) // not computed: NaN, as the matrices say
            for (std::size_t s = 0; s < n; ++s) out.pairs[m][s][s].value = std::numeric_limits<double>::quiet_NaN();
        out.matrices[m] = Eigen::MatrixXd::Constant(Eigen::Index(n), Eigen::Index(n),
                                                    std::numeric_limits<double>::quiet_NaN());
    }

    // Progress: the global measures and LFRE each get a share proportional to their count.
    const bool gfre = wants(settings, Measure::GFRE), gfrd = wants(settings, Measure::GFRD);
    const bool lfre = wants(settings, Measure::LFRE);
    const double globalShare = (gfre || gfrd) ? (lfre ? 0.3 : 1.0) : 0.0;
    for (std::size_t s = 0; s < n && (gfre || gfrd); ++s) {
        ctx.throwIfCancelled();
        ctx.report(globalShare * double(s) / double(n), "GFRE/GFRD from " + out.names[s]);
        globalForSource(s, blocks, out, gfre, gfrd, ctx);
    }
    std::vector<MatrixD> rowTrain(lfre ? n : 0); // row-major copies: the local fits gather neighbour rows
    forEachSet(rowTrain.size(), ctx, [&](std::size_t i) { rowTrain[i] = blocks[i].train; });
    for (std::size_t s = 0; s < n && lfre; ++s) {
        ctx.throwIfCancelled();
        const double begin = globalShare + (1.0 - globalShare) * double(s) / double(n);
        const double end = globalShare + (1.0 - globalShare) * double(s + 1) / double(n);
        localForSource(s, blocks, rowTrain, out, rows, ctx.subRange(begin, end));
    }
    for (Measure m : settings.measures)
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t t = 0; t < n; ++t)
                out.matrices[m](Eigen::Index(s), Eigen::Index(t)) = out.pairs[m][s][t].value;
    ctx.report(1.0, "done");
    return out;
}

Eigen::VectorXd pointwiseLfreOnDemand(const FeatureSet& source, const FeatureSet& target,
                                      const std::vector<long long>& trainIndices,
                                      const std::vector<long long>& queryRows, const MetricSettings& settings,
                                      const TaskContext& ctx) {
    requireSameRows(source, target);
    if (trainIndices.empty()) throw ComputeError("pointwise LFRE needs the training rows");
    if (queryRows.empty()) {
        explicitSplit(source.rows(), trainIndices, {}); // still report bad indices
        return Eigen::VectorXd(0);
    }
    const LfreQueryContext context(source, trainIndices, settings, ctx.subRange(0.0, 0.3));
    return context.pointwise(target, queryRows, ctx.subRange(0.3, 1.0));
}

} // namespace le
