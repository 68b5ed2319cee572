#include "core/projection/projection.h"

#include "core/util/error.h"

#include <cmath>

namespace le {

namespace {

void checkComponents(int k, Eigen::Index d) {
    if (k < 1 || k > d)
        throw ComputeError("the number of components must be between 1 and the feature "
                           "dimension " + std::to_string(d) + ", got " + std::to_string(k));
}

// Fewer rows than features: the n × n Gram matrix gives the same axes much faster
// (V = Xᵀ U Λ^{-1/2}); signs follow the same rule on V.
ProjectionResult pcaFromGram(const FeatureSet& features, const RowSelection& rows,
                             const PcaOptions& options, const TaskContext& ctx) {
    const Eigen::Index n = selectedCount(features, rows);
    MatrixD x(n, features.cols());
    forEachRowBlock(features, rows,
                    [&](Eigen::Index first, const MatrixD& block) { x.middleRows(first, block.rows()) = block; },
                    ctx);
    ProjectionResult out;
    out.method = "pca";
    out.mean = x.colwise().mean();
    x.rowwise() -= out.mean;
    const SortedEigen eig = sortedEigen(x * x.transpose());
    const int k = options.components;
    const Eigen::VectorXd values = eig.values.head(k).cwiseMax(0.0);
    out.projector = Eigen::MatrixXd::Zero(x.cols(), k);
    for (int j = 0; j < k; ++j) {
        if (values(j) <= 1e-12 * std::max(values(0), 1e-300)) continue; // beyond the rank
        Eigen::VectorXd v = x.transpose() * eig.vectors.col(j) / std::sqrt(values(j));
        Eigen::Index largest = 0;
        v.cwiseAbs().maxCoeff(&largest);
        out.projector.col(j) = v(largest) < 0 ? Eigen::VectorXd(-v) : v;
    }
    out.explainedVariance = values / double(n - 1);
    const double total = x.squaredNorm();
    out.explainedVarianceRatio = total > 0 ? Eigen::VectorXd(values / total) : Eigen::VectorXd::Zero(k);
    out.coordinates = x * out.projector;
    return out;
}

} // namespace

// Projects the selected rows block by block: T = ((x − mean) / scale) · projector.
MatrixD projectRows(const FeatureSet& features, const RowSelection& rows,
                    const ProjectionResult& map, const TaskContext& ctx) {
    MatrixD coordinates(selectedCount(features, rows), map.projector.cols());
    forEachRowBlock(
        features, rows,
        [&](Eigen::Index first, const MatrixD& block) {
            coordinates.middleRows(first, block.rows()).noalias() =
                ((block.rowwise() - map.mean) / map.scale) * map.projector;
        },
        ctx);
    return coordinates;
}

ProjectionResult computePca(const FeatureSet& features, const RowSelection& rows,
                            const PcaOptions& options, const TaskContext& ctx) {
    checkComponents(options.components, features.cols());
    const Eigen::Index n = selectedCount(features, rows);
    if (n >= 2 && n < features.cols()) {
        if (options.components > n)
            throw ComputeError("the number of components must not exceed the " + std::to_string(n) +
                               " selected rows");
        return pcaFromGram(features, rows, options, ctx);
    }
    const ScatterStats stats = computeScatter(features, rows, ctx.subRange(0.0, 0.8));
    if (stats.samples < 2) throw ComputeError("PCA needs at least two rows");
    const SortedEigen eig = sortedEigen(stats.scatter);
    const int k = options.components;

    ProjectionResult out;
    out.method = "pca";
    out.mean = stats.mean;
    out.projector = eig.vectors.leftCols(k);
    const Eigen::VectorXd values = eig.values.head(k).cwiseMax(0.0);
    out.explainedVariance = values / double(stats.samples - 1);
    const double total = stats.scatter.trace();
    out.explainedVarianceRatio = total > 0 ? Eigen::VectorXd(values / total)
                                           : Eigen::VectorXd::Zero(k);
    out.coordinates = projectRows(features, rows, out, ctx.subRange(0.8, 1.0));
    return out;
}

} // namespace le
