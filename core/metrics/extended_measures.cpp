#include "core/metrics/extended_measures.h"

#include <algorithm>
#include <string>

#include "core/metrics/centered_set.h"
#include "core/metrics/cka.h"
#include "core/metrics/information_imbalance.h"
#include "core/metrics/intrinsic_dimension.h"
#include "core/metrics/kernel_gfre.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/procrustes.h"
#include "core/metrics/regression.h"
#include "core/metrics/scaling.h"
#include "core/util/error.h"

namespace le {

namespace {

bool wants(const MetricSettings& s, Measure m) {
    return std::find(s.measures.begin(), s.measures.end(), m) != s.measures.end();
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// Kernel GFRE from every source: its Nyström features are built once and reused for every target.
void kernelGfre(const std::vector<ScaledBlocks>& blocks, AllPairsResult& out, const TaskContext& ctx) {
    const std::vector<long long> landmarks = landmarkPositions(out.settings.kernel, out.trainIndices);
    const std::size_t n = blocks.size();
    out.kernelGamma.assign(n, 0.0);
    out.kernelRank.assign(n, 0);
    for (std::size_t s = 0; s < n; ++s) {
        ctx.throwIfCancelled();
        ctx.report(double(s) / double(n), "kernel GFRE from " + out.names[s]);
        const NystromMap map(blocks[s].train(landmarks, Eigen::all), out.settings.kernel.gamma);
        out.kernelGamma[s] = map.gamma();
        out.kernelRank[s] = map.rank();
        ScaledBlocks phi{map.features(blocks[s].train), map.features(blocks[s].test)};
        const Scaling scaling = fitScaling(phi.train, out.settings.scaler, "kernel features of " + quoted(out.names[s]));
        scaling.applyInPlace(phi.train);
        scaling.applyInPlace(phi.test);
        const RegressionPlan plan(phi.train, out.settings.estimator);
        ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
        for (long long t = 0; t < (long long)n; ++t) {
            if (t == (long long)s && !out.settings.includeDiagonal) continue;
            guard.run([&] { globalMeasures(phi, plan, blocks[std::size_t(t)], &out.pairs[Measure::KGFRE][s][std::size_t(t)], nullptr); });
        }
        guard.rethrow();
    }
}

Eigen::MatrixXd allRows(const FeatureSet& set) {
    return std::visit([](const auto& m) -> Eigen::MatrixXd { return m.template cast<double>(); }, set.data);
}

// CKA, debiased CKA and the Procrustes angle: symmetric, so each unordered pair is computed once
// from one cross product, on all rows.
void similarities(const std::vector<const FeatureSet*>& sets, AllPairsResult& out, const TaskContext& ctx) {
    const bool cka = wants(out.settings, Measure::CKA), dcka = wants(out.settings, Measure::DCKA);
    const bool procrustes = wants(out.settings, Measure::Procrustes);
    const std::size_t n = sets.size();
    std::vector<CenteredSet> centred(n);
    ctx.report(0.0, "centring the feature sets");
    for (std::size_t i = 0; i < n; ++i) centred[i] = centerColumns(allRows(*sets[i]), quoted(sets[i]->name));
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t t = s; t < n; ++t)
            if (t != s || out.settings.includeDiagonal) pairs.emplace_back(s, t);
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
    for (long long p = 0; p < (long long)pairs.size(); ++p)
        guard.run([&] {
            const auto [s, t] = pairs[std::size_t(p)];
            const Eigen::MatrixXd cross = centred[s].rows.transpose() * centred[t].rows;
            auto set = [&](Measure m, double v) { out.pairs[m][s][t].value = out.pairs[m][t][s].value = v; };
            if (cka) set(Measure::CKA, linearCka(centred[s], centred[t], cross));
            if (dcka) set(Measure::DCKA, debiasedCka(centred[s], centred[t], cross));
            if (procrustes) set(Measure::Procrustes, procrustesAngle(centred[s], centred[t], cross));
            ctx.report(double(p + 1) / double(pairs.size()), "CKA / shape distance");
        });
    guard.rethrow();
}

void informationImbalance(const std::vector<ScaledBlocks>& blocks, AllPairsResult& out, const TaskContext& ctx) {
    std::vector<const Eigen::MatrixXd*> spaces;
    for (const ScaledBlocks& b : blocks) spaces.push_back(&b.test);
    const Eigen::MatrixXd delta = informationImbalances(spaces, out.settings.includeDiagonal, ctx);
    for (std::size_t s = 0; s < blocks.size(); ++s)
        for (std::size_t t = 0; t < blocks.size(); ++t)
            if (s != t || out.settings.includeDiagonal)
                out.pairs[Measure::InformationImbalance][s][t].value = delta(Eigen::Index(s), Eigen::Index(t));
}

} // namespace

bool wantsExtendedMeasures(const MetricSettings& settings) {
    for (Measure m : {Measure::KGFRE, Measure::CKA, Measure::DCKA, Measure::Procrustes,
                      Measure::InformationImbalance, Measure::IntrinsicDimension})
        if (wants(settings, m)) return true;
    return false;
}

void computeExtendedMeasures(const std::vector<const FeatureSet*>& sets, const std::vector<ScaledBlocks>& blocks,
                             AllPairsResult& out, const TaskContext& ctx) {
    const MetricSettings& s = out.settings;
    // Progress: kernel GFRE (a fit per source) and the N² neighbour work weigh the most.
    const bool kgfre = wants(s, Measure::KGFRE), ii = wants(s, Measure::InformationImbalance);
    const bool id = wants(s, Measure::IntrinsicDimension);
    const bool similar = wants(s, Measure::CKA) || wants(s, Measure::DCKA) || wants(s, Measure::Procrustes);
    const double weights[] = {kgfre ? 4.0 : 0.0, similar ? 1.0 : 0.0, ii ? 2.0 : 0.0, id ? 1.0 : 0.0};
    const double total = weights[0] + weights[1] + weights[2] + weights[3];
    double begin = 0.0;
    auto next = [&](int part) {
        const TaskContext sub = ctx.subRange(begin / total, (begin + weights[part]) / total);
        begin += weights[part];
        return sub;
    };
    if (kgfre) kernelGfre(blocks, out, next(0));
    if (similar) similarities(sets, out, next(1));
    if (similar && wants(s, Measure::Procrustes)) {
        Eigen::MatrixXd angles(Eigen::Index(sets.size()), Eigen::Index(sets.size()));
        for (std::size_t a = 0; a < sets.size(); ++a)
            for (std::size_t b = 0; b < sets.size(); ++b)
                angles(Eigen::Index(a), Eigen::Index(b)) = out.pairs[Measure::Procrustes][a][b].value;
        out.modelMap = modelMap(angles);
    }
    if (ii) informationImbalance(blocks, out, next(2));
    if (id) {
        const TaskContext sub = next(3);
        out.intrinsicDimension.assign(blocks.size(), 0.0);
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            sub.report(double(i) / double(blocks.size()), "intrinsic dimension of " + out.names[i]);
            try {
                out.intrinsicDimension[i] = twoNnDimension(blocks[i].test, 0.9, sub).dimension;
            } catch (const ComputeError& e) {
                throw ComputeError("intrinsic dimension of " + quoted(out.names[i]) + " on the test rows: " + e.what());
            }
        }
    }
}

} // namespace le
