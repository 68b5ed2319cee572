// PCovR in feature space, following skmatter's PCovR (fit on centred and scaled data,
// default Ridge(alpha=1e-6, fit_intercept=False) regressor, modified covariance C̃).
#include <Eigen/Cholesky>

#include <cmath>

#include "core/projection/projection.h"
#include "core/util/error.h"

namespace le {

namespace {

// Xᵀ(Y − μ_Y) over the selected rows, X centred by `mean`.
Eigen::MatrixXd crossProduct(const FeatureSet& features, const RowSelection& rows,
                             const Eigen::RowVectorXd& mean, const MatrixD& y,
                             const Eigen::RowVectorXd& yMean, const TaskContext& ctx) {
    Eigen::MatrixXd xty = Eigen::MatrixXd::Zero(features.cols(), y.cols());
    forEachRowBlock(
        features, rows,
        [&](Eigen::Index first, const MatrixD& block) {
            const MatrixD yBlock = y.middleRows(first, block.rows()).rowwise() - yMean;
            xty.noalias() += (block.rowwise() - mean).transpose() * yBlock;
        },
        ctx);
    return xty;
}

// Sample-space PCovR, used like skmatter's space="auto" when there are fewer rows than
// features: K̃ = α XXᵀ + (1 − α) ŶŶᵀ (n × n) with Ŷ = X W, W = Xᵀ(XXᵀ + a I)⁻¹Y (the same
// ridge solution in dual form); T = U_k Λ_k^{1/2}, P = (α Xᵀ + (1 − α) W Ŷᵀ) U_k Λ_k^{-1/2}.
// Here the decomposed matrix is K̃, so the sign rule applies to its eigenvectors (U).
ProjectionResult pcovrSampleSpace(const FeatureSet& features, const MatrixD& property,
                                  const RowSelection& rows, const PcovrOptions& options,
                                  const TaskContext& ctx) {
    const Eigen::Index n = selectedCount(features, rows);
    const int k = options.components;
    if (k > n)
        throw ComputeError("the number of components must not exceed the " + std::to_string(n) +
                           " selected rows");
    MatrixD x(n, features.cols());
    forEachRowBlock(features, rows,
                    [&](Eigen::Index first, const MatrixD& block) { x.middleRows(first, block.rows()) = block; },
                    ctx);
    const Eigen::RowVectorXd mean = x.colwise().mean();
    x.rowwise() -= mean;
    const Eigen::RowVectorXd yMean = property.colwise().mean();
    MatrixD y = property.rowwise() - yMean;
    const double xVariance = x.squaredNorm() / double(n), yVariance = y.squaredNorm() / double(n);
    if (xVariance < 1e-12 || yVariance < 1e-12)
        throw ComputeError("cannot scale features or property with zero variance");
    const double xScale = std::sqrt(xVariance);
    x /= xScale;
    y /= std::sqrt(yVariance);

    const Eigen::MatrixXd gram = x * x.transpose();
    Eigen::MatrixXd regularised = gram;
    regularised.diagonal().array() += options.ridgeAlpha;
    const Eigen::MatrixXd dual = regularised.ldlt().solve(y);
    const Eigen::MatrixXd w = x.transpose() * dual;
    const Eigen::MatrixXd yHat = gram * dual;
    Eigen::MatrixXd modified = (1.0 - options.mixing) * (yHat * yHat.transpose());
    if (options.mixing > 0) modified += options.mixing * gram;
    ctx.throwIfCancelled();
    const SortedEigen eig = sortedEigen(modified);

    const Eigen::VectorXd values = eig.values.head(k);
    Eigen::VectorXd inverseRoots(k);
    for (int j = 0; j < k; ++j)
        inverseRoots(j) = values(j) > options.tolerance ? 1.0 / std::sqrt(values(j)) : 0.0;
    ProjectionResult out;
    out.method = "pcovr";
    out.mean = mean;
    out.scale = xScale;
    out.projector = (options.mixing * x.transpose() + (1.0 - options.mixing) * w * yHat.transpose()) *
                    eig.vectors.leftCols(k) * inverseRoots.asDiagonal();
    out.explainedVariance = values / double(n - 1);
    const double kept = values.sum();
    out.explainedVarianceRatio = kept > 0 ? Eigen::VectorXd(values / kept) : Eigen::VectorXd::Zero(k);
    out.coordinates = x * out.projector;
    return out;
}

} // namespace

ProjectionResult computePcovr(const FeatureSet& features, const MatrixD& property,
                              const RowSelection& rows, const PcovrOptions& options,
                              const TaskContext& ctx) {
    const Eigen::Index d = features.cols(), n = selectedCount(features, rows);
    const int k = options.components;
    if (k < 1 || k > d)
        throw ComputeError("the number of components must be between 1 and the feature "
                           "dimension " + std::to_string(d) + ", got " + std::to_string(k));
    if (!(options.mixing >= 0.0 && options.mixing <= 1.0))
        throw ComputeError("the PCovR mixing must be between 0 and 1");
    if (property.rows() != n || property.cols() < 1)
        throw ComputeError("the property has " + std::to_string(property.rows()) +
                           " rows but " + std::to_string(n) + " feature rows are selected");
    if (n < 2) throw ComputeError("PCovR needs at least two rows");
    if (n < d) return pcovrSampleSpace(features, property, rows, options, ctx);

    // StandardFlexibleScaler on X and on Y: centre columns, divide by √(total variance).
    const ScatterStats stats = computeScatter(features, rows, ctx.subRange(0.0, 0.7));
    const double xVariance = stats.totalVariance();
    const Eigen::RowVectorXd yMean = property.colwise().mean();
    const double yVariance = (property.rowwise() - yMean).squaredNorm() / double(n);
    if (xVariance < 1e-12 || yVariance < 1e-12)
        throw ComputeError("cannot scale features or property with zero variance");
    const double xScale = std::sqrt(xVariance), yScale = std::sqrt(yVariance);
    const MatrixD y = property; // rows already in selection order
    const Eigen::MatrixXd c = stats.scatter / xVariance; // XᵀX of the scaled X
    const Eigen::MatrixXd xty =
        crossProduct(features, rows, stats.mean, y, yMean, ctx.subRange(0.7, 0.8)) /
        (xScale * yScale);

    // Ridge regression without intercept, then XᵀŶ = XᵀX W.
    Eigen::MatrixXd regularised = c;
    regularised.diagonal().array() += options.ridgeAlpha;
    const Eigen::MatrixXd w = regularised.ldlt().solve(xty);
    const Eigen::MatrixXd xtyHat = c * w;

    // C^{-1/2} from the eigenpairs of C above the tolerance (a pseudo-inverse root).
    const SortedEigen cEig = sortedEigen(c);
    Eigen::VectorXd invRoot = Eigen::VectorXd::Zero(d);
    for (Eigen::Index j = 0; j < d; ++j)
        if (cEig.values(j) > options.tolerance) invRoot(j) = 1.0 / std::sqrt(cEig.values(j));
    const Eigen::MatrixXd cInvSqrt = cEig.vectors * invRoot.asDiagonal() * cEig.vectors.transpose();

    const Eigen::MatrixXd cy = cInvSqrt * xtyHat;
    Eigen::MatrixXd modified = (1.0 - options.mixing) * (cy * cy.transpose());
    if (options.mixing > 0) modified += options.mixing * c;
    ctx.throwIfCancelled();
    const SortedEigen eig = sortedEigen(modified);

    Eigen::VectorXd values = eig.values.head(k);
    Eigen::VectorXd roots(k);
    for (int j = 0; j < k; ++j) roots(j) = values(j) > options.tolerance ? std::sqrt(values(j)) : 0.0;

    ProjectionResult out;
    out.method = "pcovr";
    out.mean = stats.mean;
    out.scale = xScale;
    out.projector = cInvSqrt * eig.vectors.leftCols(k) * roots.asDiagonal();
    out.explainedVariance = values / double(n - 1);
    const double kept = values.sum();
    out.explainedVarianceRatio = kept > 0 ? Eigen::VectorXd(values / kept) : Eigen::VectorXd::Zero(k);
    out.coordinates = projectRows(features, rows, out, ctx.subRange(0.8, 1.0));
    return out;
}

} // namespace le
