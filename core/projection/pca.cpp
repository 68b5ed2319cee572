#include "core/projection/projection.h"

#include "core/util/error.h"

namespace le {

namespace {

void checkComponents(int k, Eigen::Index d) {
    if (k < 1 || k > d)
        throw ComputeError("the number of components must be between 1 and the feature "
                           "dimension " + std::to_string(d) + ", got " + std::to_string(k));
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
