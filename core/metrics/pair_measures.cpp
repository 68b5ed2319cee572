#include "core/metrics/pair_measures.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/linalg/thin_svd.h"

#include "core/metrics/local_fit.h"
#include "core/metrics/neighbours.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/scaling.h"
#include "core/util/error.h"

namespace le {

double rootMeanSquare(const Eigen::VectorXd& pointwise) {
    if (pointwise.size() == 0) return std::nan("");
    return pointwise.norm() / std::sqrt(double(pointwise.size()));
}

ScaledBlocks scaleBlocks(const MatrixD& data, const TrainTestSplit& split, ScalerKind scaler,
                         const std::string& what) {
    ScaledBlocks b{data(split.train, Eigen::all), data(split.test, Eigen::all)};
    const Scaling s = fitScaling(b.train, scaler, what);
    s.applyInPlace(b.train);
    s.applyInPlace(b.test);
    return b;
}

void globalMeasures(const ScaledBlocks& x, const RegressionPlan& plan, const ScaledBlocks& y,
                    PairMeasure* gfre, PairMeasure* gfrd) {
    globalMeasures(x, plan, plan.solve(y.train), y.test, gfre, gfrd);
}

void globalMeasures(const ScaledBlocks& x, const RegressionPlan& plan, const RegressionSolution& sol,
                    const Eigen::MatrixXd& yTest, PairMeasure* gfre, PairMeasure* gfrd) {
    const Eigen::MatrixXd predTest = x.test * sol.W;
    for (PairMeasure* m : {gfre, gfrd})
        if (m) {
            m->chosenRelativeAlpha = sol.relativeAlpha;
            m->keptSingularValues = sol.keptSingularValues;
        }
    if (gfre) {
        gfre->pointwise = (yTest - predTest).rowwise().norm();
        gfre->value = rootMeanSquare(gfre->pointwise);
    }
    if (!gfrd) return;
    // Procrustes between the zero-padded X_tr and P_tr = X_tr W: Q = U Vᵀ from the SVD of
    // X̄ᵀ P̄, whose only non-zero block is X_trᵀ P_tr = X_trᵀ X_tr W (dx × dy), which the
    // plan's SVD gives without another pass over the train rows.
    const Eigen::Index dx = x.test.cols(), dy = sol.W.cols(), m = std::max(dx, dy);
    Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(m, m);
    cross.topLeftCorner(dx, dy) = plan.gramTimes(sol.W);
    const ThinSvd svd = thinSvd(cross); // square, so thin = full
    const Eigen::MatrixXd Q = svd.U * svd.V.transpose();
    Eigen::MatrixXd diff = -(x.test * Q.topRows(dx)); // X̄_te Q, m columns
    diff.leftCols(dy) += predTest;
    gfrd->pointwise = diff.rowwise().norm();
    gfrd->value = rootMeanSquare(gfrd->pointwise);
}

void requireSameRows(const FeatureSet& a, const FeatureSet& b) {
    if (a.rows() != b.rows())
        throw ComputeError("feature sets '" + a.name + "' and '" + b.name + "' have " + std::to_string(a.rows()) +
                           " and " + std::to_string(b.rows()) + " rows");
}

Eigen::Index resolveLfreK(long long requested, Eigen::Index dx, Eigen::Index dy, Eigen::Index totalRows) {
    if (requested < 0) throw ComputeError("LFRE: k must be positive, got " + std::to_string(requested));
    // The automatic k = min(d_source, d_target) is capped at the number of rows, so small
    // datasets of wide features still get an answer (the whole training set as neighbourhood,
    // as scikit-matter does for k > n_train); an explicit k is checked as scikit-matter does.
    const Eigen::Index k = requested > 0 ? Eigen::Index(requested) : std::min({dx, dy, totalRows});
    if (k < 2) throw ComputeError("LFRE: k must be at least 2 (a 2-fold CV needs two neighbours), got " + std::to_string(k));
    if (k > totalRows)
        throw ComputeError("LFRE: k = " + std::to_string(k) + " exceeds the number of samples " +
                           std::to_string(totalRows));
    return k;
}

PairMeasure localMeasure(const ScaledBlocks& x, const ScaledBlocks& y, Eigen::Index k,
                         const EstimatorSettings& estimator, const TaskContext& ctx) {
    const TrainRows sourceTrain{x.train.rows(), [&x](const std::vector<long long>& positions) {
                                    return MatrixD(x.train(positions, Eigen::all));
                                }};
    const NeighbourLists nbrs = nearestTrainRows(sourceTrain, x.test, k, {}, ctx.subRange(0.0, 0.1));
    const Eigen::Index n = x.test.rows();
    PairMeasure out;
    out.k = nbrs.k;
    out.pointwise.resize(n);
    std::vector<double> alphas(std::size_t(n), 0.0);
    ParallelGuard guard(ctx);
    std::atomic<long long> done{0};
#pragma omp parallel for schedule(dynamic, 4)
    for (Eigen::Index i = 0; i < n; ++i) {
        guard.run([&] {
            const std::vector<long long> neighbours(nbrs.of(i), nbrs.of(i) + nbrs.k);
            const LocalSource local(x.train(neighbours, Eigen::all), x.test.row(i), neighbours.data(), nbrs.k, estimator);
            out.pointwise[i] = local.pointwiseErrorOfRows(y.train(local.neighbours(), Eigen::all), y.test.row(i),
                                                          &alphas[std::size_t(i)]);
            const long long d = ++done;
            if (d % 16 == 0) ctx.report(0.1 + 0.9 * double(d) / double(n), "LFRE");
        });
    }
    guard.rethrow();
    for (double a : alphas) ++out.chosenAlphaCounts[a];
    out.value = rootMeanSquare(out.pointwise);
    return out;
}

PairMeasure computePairMeasure(Measure measure, const MatrixD& X, const MatrixD& Y,
                               const TrainTestSplit& split, const MetricSettings& settings,
                               const TaskContext& ctx) {
    if (X.rows() != Y.rows())
        throw ComputeError("source has " + std::to_string(X.rows()) + " rows, target has " +
                           std::to_string(Y.rows()));
    const ScaledBlocks x = scaleBlocks(X, split, settings.scaler, "source");
    const ScaledBlocks y = scaleBlocks(Y, split, settings.scaler, "target");
    if (measure == Measure::LFRE) {
        const Eigen::Index k = resolveLfreK(settings.lfreK, X.cols(), Y.cols(), X.rows());
        return localMeasure(x, y, k, settings.estimator, ctx);
    }
    const RegressionPlan plan(x.train, settings.estimator);
    PairMeasure out;
    globalMeasures(x, plan, y, measure == Measure::GFRE ? &out : nullptr,
                   measure == Measure::GFRD ? &out : nullptr);
    return out;
}

} // namespace le
