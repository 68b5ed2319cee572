#include "core/metrics/lfre_on_demand.h"

#include <algorithm>

#include "core/metrics/block_scaling.h"
#include "core/metrics/local_fit.h"
#include "core/metrics/neighbours.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/row_blocks.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"

namespace le {

namespace {
constexpr long long kParallelRows = 4096; // fewer rows: not worth starting threads
} // namespace

Scaling streamedScaling(const FeatureSet& set, const std::vector<long long>& rows, ScalerKind kind,
                        const std::string& what) {
    return fitScalingByBlocks(set, rows, kind, what, WorkShare{}, kStreamBlockRows);
}

MatrixD scaledRows(const FeatureSet& set, const std::vector<long long>& rows, const Scaling& scaling) {
    const auto n = static_cast<long long>(rows.size());
    return std::visit(
        [&](const auto& m) {
            MatrixD out(n, m.cols());
#pragma omp parallel for schedule(static) if (n > kParallelRows)
            for (long long i = 0; i < n; ++i)
                out.row(i) = (m.row(rows[std::size_t(i)]).template cast<double>() - scaling.mean) / scaling.scale;
            return out;
        },
        set.data);
}

LfreQueryContext::LfreQueryContext(const FeatureSet& source, std::vector<long long> trainIndices,
                                   const MetricSettings& settings, const TaskContext& ctx)
    : source_(source), train_(std::move(trainIndices)), settings_(settings) {
    if (train_.empty()) throw ComputeError("pointwise LFRE needs the training rows");
    explicitSplit(source.rows(), train_, {}); // validates the indices
    ctx.report(0.0, "scaling the training rows");
    sourceScaling_ = streamedScaling(source, train_, settings.scaler, "'" + source.name + "'");
    ctx.throwIfCancelled();
    scaledTrain_ = scaledRows(source, train_, sourceScaling_);
    positionOfRow_.assign(std::size_t(source.rows()), -1);
    // The first occurrence wins, as a query is excluded at one position only.
    for (std::size_t p = train_.size(); p-- > 0;) positionOfRow_[std::size_t(train_[p])] = (long long)p;
    ctx.report(1.0, "scaling the training rows");
}

Scaling LfreQueryContext::targetScaling(const FeatureSet& target) const {
    requireSameRows(source_, target);
    return streamedScaling(target, train_, settings_.scaler, "'" + target.name + "'");
}

Eigen::VectorXd LfreQueryContext::pointwise(const FeatureSet& target, const std::vector<long long>& queryRows,
                                            const TaskContext& ctx) const {
    if (queryRows.empty()) return pointwise(target, Scaling{}, queryRows, ctx);
    return pointwise(target, targetScaling(target), queryRows, ctx);
}

Eigen::VectorXd LfreQueryContext::pointwise(const FeatureSet& target, const Scaling& targetScaling,
                                            const std::vector<long long>& queryRows, const TaskContext& ctx) const {
    const Eigen::Index rows = source_.rows();
    requireSameRows(source_, target);
    if (queryRows.empty()) return Eigen::VectorXd(0);
    explicitSplit(rows, train_, queryRows); // validates the query rows
    const Eigen::Index k = resolveLfreK(settings_.lfreK, source_.cols(), target.cols(), rows);
    if (targetScaling.mean.size() != target.cols())
        throw ComputeError("the scaler given for '" + target.name + "' does not match its columns");
    const Eigen::MatrixXd sourceQueries = scaledRows(source_, queryRows, sourceScaling_);
    const Eigen::MatrixXd targetQueries = scaledRows(target, queryRows, targetScaling);
    ctx.throwIfCancelled();

    std::vector<long long> exclude;
    for (long long r : queryRows) exclude.push_back(positionOfRow_[std::size_t(r)]);
    const TrainRows train{scaledTrain_.rows(), [this](const std::vector<long long>& positions) {
                              return MatrixD(scaledTrain_(positions, Eigen::all));
                          }};
    const NeighbourLists nbrs = nearestTrainRows(train, sourceQueries, k, exclude, ctx.subRange(0.1, 0.4));
    Eigen::VectorXd out(sourceQueries.rows());
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 1)
    for (Eigen::Index i = 0; i < sourceQueries.rows(); ++i) {
        guard.run([&] {
            const std::vector<long long> neighbours(nbrs.of(i), nbrs.of(i) + nbrs.k);
            const LocalSource local(scaledTrain_(neighbours, Eigen::all), sourceQueries.row(i), neighbours.data(), nbrs.k,
                                    settings_.estimator);
            std::vector<long long> neighbourRows;
            for (long long p : local.neighbours()) neighbourRows.push_back(train_[std::size_t(p)]);
            out[i] = local.pointwiseErrorOfRows(scaledRows(target, neighbourRows, targetScaling), targetQueries.row(i));
        });
    }
    guard.rethrow();
    ctx.report(1.0, "pointwise LFRE");
    return out;
}

} // namespace le
