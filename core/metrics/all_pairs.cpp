#include "core/metrics/all_pairs.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <set>

#include "core/metrics/block_scaling.h"
#include "core/metrics/extended_measures.h"
#include "core/metrics/lfre_on_demand.h"
#include "core/metrics/local_fit.h"
#include "core/metrics/neighbours.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/row_blocks.h"
#include "core/metrics/scaled_rows.h"
#include "core/metrics/scaling.h"
#include "core/metrics/splits.h"
#include "core/metrics/streamed_folds.h"
#include "core/util/error.h"

namespace le {

namespace {

bool wants(const MetricSettings& s, Measure m) {
    return std::find(s.measures.begin(), s.measures.end(), m) != s.measures.end();
}

// A set as the engine keeps it (issue #17: one float64 copy at most, and only of the rows a
// step needs): the stored matrix (float32 stays float32), its train-fitted scaler, and the
// scaled test rows. Train rows are gathered and scaled when a step needs them, with the same
// values as a scaled float64 copy of the whole set.
struct PreparedSet {
    ScaledRows train; // scales the set's rows; gathered over split.train
    Eigen::MatrixXd test;
};

// Each set's scaler is fitted over blocks of its train rows (those this rank owns when the rows
// are partitioned; the ranks add their sums), never a whole float64 copy.
std::vector<PreparedSet> prepareSets(const std::vector<const FeatureSet*>& sets, const TrainTestSplit& split,
                                     ScalerKind scaler, const WorkShare& share, const TaskContext& ctx) {
    std::vector<PreparedSet> prepared;
    for (const FeatureSet* set : sets) {
        ctx.throwIfCancelled();
        Scaling scaling =
            fitScalingByBlocks(*set, split.train, scaler, "'" + set->name + "'", share, kStreamBlockRows);
        Eigen::MatrixXd test = gatherRows(*set, split.test);
        scaling.applyInPlace(test);
        prepared.push_back(PreparedSet{ScaledRows(*set, std::move(scaling)), std::move(test)});
    }
    return prepared;
}

// GFRE and GFRD for every target of one source, the source itself included unless the
// diagonal (self-reconstruction) is switched off. When both CV folds have at least d_source
// rows, the train rows of the source and of all targets are reduced by the folds' QR in one pass
// over blocks of rows (streamed_folds.h): no n_train × d float64 block is held, and with the
// rows partitioned every rank reduces its own rows (every rank must call this for every source;
// the owner finishes). Otherwise (few rows for many columns) the owner gathers the train rows
// for the plan and each target's solve.
void globalForSource(std::size_t s, const std::vector<PreparedSet>& sets, const TrainTestSplit& split,
                     AllPairsResult& out, bool gfre, bool gfrd, const WorkShare& share, Eigen::Index totalRows,
                     const TaskContext& ctx) {
    std::vector<std::size_t> targets;
    for (std::size_t t = 0; t < sets.size(); ++t)
        if (t != s || out.settings.includeDiagonal) targets.push_back(t);
    const bool owner = share.ownsSource(s);
    const TwoFolds folds = twoFoldPositions((long long)split.train.size());
    const Eigen::Index d = sets[s].train.cols();
    const bool streamed = d > 0 && Eigen::Index(folds.fold1.size()) >= d && Eigen::Index(folds.fold2.size()) >= d;
    std::optional<RegressionPlan> plan;
    std::optional<StreamedFolds> reduced;
    if (streamed) {
        std::vector<const ScaledRows*> targetRows;
        for (std::size_t t : targets) targetRows.push_back(&sets[t].train);
        reduced = streamTrainFolds(sets[s].train, targetRows, split.train, share, totalRows, owner, kStreamBlockRows, ctx);
        if (!owner) return;
        plan.emplace(reduced->triangles(), out.settings.estimator);
    } else {
        if (!owner) return;
        plan.emplace([&](const std::vector<long long>& positions) { return sets[s].train.gather(split.train, positions); },
                     Eigen::Index(split.train.size()), d, out.settings.estimator);
    }
    const ScaledBlocks x{Eigen::MatrixXd(), sets[s].test}; // the measures read only the source's test rows
    const auto n = static_cast<long long>(targets.size());
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
    for (long long i = 0; i < n; ++i) {
        guard.run([&] {
            const std::size_t t = targets[std::size_t(i)];
            PairMeasure* e = gfre ? &out.pairs[Measure::GFRE][s][t] : nullptr;
            PairMeasure* g = gfrd ? &out.pairs[Measure::GFRD][s][t] : nullptr;
            const PreparedSet& target = sets[t];
            const RegressionSolution solution =
                reduced ? plan->solve(reduced->coordinates(std::size_t(i)))
                        : plan->solve([&](const std::vector<long long>& positions) {
                              return target.train.gather(split.train, positions);
                          });
            globalMeasures(x, *plan, solution, target.test, e, g);
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
// No float64 copy of the source's train rows is made: the search gathers them block by block,
// each local fit gathers its k neighbour rows of the source and of the targets. When the share
// partitions the rows, this process searches only the train rows it owns, for every test
// point, and the processes merge their candidates (neighbours.h); it then fits its own points.
void localForSource(std::size_t s, const std::vector<PreparedSet>& sets, const TrainTestSplit& split,
                    AllPairsResult& out, long long totalRows, const WorkShare& share, const TaskContext& ctx) {
    const std::size_t n = sets.size();
    std::vector<Eigen::Index> kOf(n, 0); // 0: target skipped
    std::set<Eigen::Index> distinctK;
    for (std::size_t t = 0; t < n; ++t) {
        if (t == s && !out.settings.includeDiagonal) continue;
        kOf[t] = resolveLfreK(out.settings.lfreK, sets[s].train.cols(), sets[t].train.cols(), totalRows);
        distinctK.insert(kOf[t]);
    }
    const Eigen::Index nTest = sets[s].test.rows();
    const std::pair<Eigen::Index, Eigen::Index> points = share.testPoints(nTest);
    const Eigen::Index first = points.first, last = points.second; // this rank's; the others stay NaN
    auto& row = out.pairs[Measure::LFRE][s];
    const TrainRows sourceTrain{Eigen::Index(split.train.size()), [&](const std::vector<long long>& positions) {
                                    std::vector<long long> rows;
                                    rows.reserve(positions.size());
                                    for (long long p : positions) rows.push_back(split.train[std::size_t(p)]);
                                    return sets[s].train.gatherRowMajor(rows);
                                }};
    NeighbourLists nbrs;
    if (share.partitionsRows()) {
        SearchPartition partition{share.comm, ownedPositions(split.train, share, totalRows), {first, last}};
        nbrs = nearestTrainRows(sourceTrain, sets[s].test, *distinctK.rbegin(), {}, ctx.subRange(0.0, 0.1), &partition);
    } else { // lists of this rank's points, from the first
        nbrs = nearestTrainRows(sourceTrain, sets[s].test.middleRows(first, last - first), *distinctK.rbegin(), {},
                                ctx.subRange(0.0, 0.1));
        nbrs.firstQuery = first;
    }
    std::vector<std::vector<double>> alphas(n);
    for (std::size_t t = 0; t < n; ++t)
        if (kOf[t] > 0) {
            row[t].pointwise = Eigen::VectorXd::Constant(nTest, std::numeric_limits<double>::quiet_NaN());
            row[t].k = std::min(kOf[t], nbrs.k);
            alphas[t].assign(std::size_t(last - first), 0.0);
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
        for (Eigen::Index i = first; i < last; ++i) {
            guard.run([&] {
                const std::vector<long long> neighbours(nbrs.of(i), nbrs.of(i) + std::min(*ks.rbegin(), nbrs.k));
                const Eigen::MatrixXd neighbourRows = sets[s].train.gather(split.train, neighbours);
                for (Eigen::Index k : ks) {
                    const Eigen::Index kk = std::min(k, nbrs.k);
                    const LocalSource local(neighbourRows.topRows(kk), sets[s].test.row(i), neighbours.data(), kk,
                                            out.settings.estimator);
                    for (std::size_t t = 0; t < n; ++t)
                        if (kOf[t] == k)
                            row[t].pointwise[i] = local.pointwiseErrorOfRows(
                                sets[t].train.gather(split.train, local.neighbours()), sets[t].test.row(i),
                                &alphas[t][std::size_t(i - first)]);
                }
                const long long d = ++done;
                if (d % 8 == 0) phase.report(double(d) / double(last - first), message);
            });
        }
        guard.rethrow();
    };
    const double diagonalFrom = 0.1 + 0.9 * shared / total;
    std::string sharedMessage = "LFRE from " + out.names[s];
    if (kOf[s] > 0 && diagonalOnly.empty()) sharedMessage += " (the diagonal included)";
    runPhase(distinctK, sharedMessage, ctx.subRange(0.1, diagonalFrom));
    runPhase(diagonalOnly, diagonalLfreMessage(out.names[s], kOf[s]), ctx.subRange(diagonalFrom, 1.0));
    for (std::size_t t = 0; t < n; ++t)
        if (kOf[t] > 0) {
            row[t].value = rootMeanSquare(row[t].pointwise);
            for (double a : alphas[t]) ++row[t].chosenAlphaCounts[a];
        }
}

} // namespace

std::pair<Eigen::Index, Eigen::Index> WorkShare::testPoints(Eigen::Index nTest) const {
    const Eigen::Index blocks = (nTest + kTestPointBlock - 1) / kTestPointBlock;
    const Eigen::Index from = blocks * rank / ranks, to = blocks * (rank + 1) / ranks;
    return {std::min(nTest, from * kTestPointBlock), std::min(nTest, to * kTestPointBlock)};
}

std::pair<Eigen::Index, Eigen::Index> WorkShare::ownedRows(Eigen::Index rows) const {
    if (!partitionsRows()) return {0, rows};
    return {rows * rank / ranks, rows * (rank + 1) / ranks};
}

AllPairsResult computeAllPairs(const std::vector<const FeatureSet*>& sets, const MetricSettings& settings,
                               const std::vector<std::string>& labels, const TaskContext& ctx) {
    return computeAllPairs(sets, settings, labels, ctx, WorkShare{});
}

AllPairsResult computeAllPairs(const std::vector<const FeatureSet*>& sets, const MetricSettings& settings,
                               const std::vector<std::string>& labels, const TaskContext& ctx,
                               const WorkShare& share) {
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
    const std::vector<PreparedSet> prepared = prepareSets(sets, split, settings.scaler, share, ctx);
    for (Measure m : settings.measures) {
        if (!isPairMeasure(m)) continue;
        out.pairs[m].assign(n, std::vector<PairMeasure>(n));
        if (!settings.includeDiagonal) // not computed: NaN, as the matrices say
            for (std::size_t s = 0; s < n; ++s) out.pairs[m][s][s].value = std::numeric_limits<double>::quiet_NaN();
        out.matrices[m] = Eigen::MatrixXd::Constant(Eigen::Index(n), Eigen::Index(n),
                                                    std::numeric_limits<double>::quiet_NaN());
    }

    // Progress: the global measures and LFRE each get a share proportional to their count; the
    // measures beyond linear reconstruction take the last part.
    const bool gfre = wants(settings, Measure::GFRE), gfrd = wants(settings, Measure::GFRD);
    const bool lfre = wants(settings, Measure::LFRE), extended = wantsExtendedMeasures(settings);
    const double linearEnd = extended ? (gfre || gfrd || lfre ? 0.7 : 0.0) : 1.0;
    const TaskContext linear = ctx.subRange(0.0, linearEnd);
    const double globalShare = (gfre || gfrd) ? (lfre ? 0.3 : 1.0) : 0.0;
    for (std::size_t s = 0; s < n && (gfre || gfrd); ++s) {
        if (!share.ownsSource(s)) { // another rank's: not computed here
            for (Measure m : {Measure::GFRE, Measure::GFRD})
                if (out.pairs.count(m))
                    for (PairMeasure& p : out.pairs[m][s]) p.value = std::numeric_limits<double>::quiet_NaN();
            if (!share.partitionsRows()) continue; // else this rank's rows still go into the owner's factors
        }
        ctx.throwIfCancelled();
        linear.report(globalShare * double(s) / double(n), "GFRE/GFRD from " + out.names[s]);
        globalForSource(s, prepared, split, out, gfre, gfrd, share, rows, ctx);
    }
    for (std::size_t s = 0; s < n && lfre; ++s) {
        ctx.throwIfCancelled();
        const double begin = globalShare + (1.0 - globalShare) * double(s) / double(n);
        const double end = globalShare + (1.0 - globalShare) * double(s + 1) / double(n);
        localForSource(s, prepared, split, out, rows, share, linear.subRange(begin, end));
    }
    if (extended && share.rank == 0) {
        // Not distributed: the root process computes them whole (distributed_pairs.cpp leaves
        // them out of the shares). They read whole scaled blocks in float64: the train rows
        // only for kernel GFRE.
        const bool kernel = wants(settings, Measure::KGFRE);
        std::vector<ScaledBlocks> blocks;
        for (const PreparedSet& p : prepared)
            blocks.push_back(ScaledBlocks{kernel ? p.train.gather(split.train) : Eigen::MatrixXd(), p.test});
        computeExtendedMeasures(sets, blocks, out, ctx.subRange(linearEnd, 1.0));
    }
    for (auto& [m, matrix] : out.matrices)
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t t = 0; t < n; ++t) matrix(Eigen::Index(s), Eigen::Index(t)) = out.pairs[m][s][t].value;
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
