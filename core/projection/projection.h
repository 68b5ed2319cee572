#pragma once
// Linear maps of a feature set to a few coordinates: PCA and PCovR (principal covariates
// regression, as scikit-matter's `PCovR`). Both work from d × d matrices only, so the number
// of rows is limited by the input, not by the method.
//
// Sign convention (deterministic): eigenvalues in descending order; each eigenvector of the
// decomposed d × d matrix has its largest-magnitude entry positive (the first on ties). For
// PCA this is scikit-learn ≥ 1.5's convention on components_; for PCovR it is skmatter's
// svd_flip on the eigenvectors of the modified covariance.
#include <string>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/projection/scatter.h"
#include "core/util/task_context.h"

namespace le {

struct ProjectionResult {
    std::string method;                      // "pca" or "pcovr"
    Eigen::MatrixXd projector;               // d × k: coordinates = ((x − mean) / scale) · projector
    Eigen::RowVectorXd mean;                 // 1 × d
    double scale = 1.0;                      // 1 for PCA; StandardFlexibleScaler σ for PCovR
    Eigen::VectorXd explainedVariance;       // k, eigenvalue / (n − 1)
    Eigen::VectorXd explainedVarianceRatio;  // k; see each method for the denominator
    MatrixD coordinates;                     // selected rows × k, in selection order
};

struct PcaOptions {
    int components = 2;
};

// PCA of the selected rows (centred, not scaled, as scikit-learn's PCA): principal axes of
// the covariance; explained variance ratio = eigenvalue / total variance (all components).
ProjectionResult computePca(const FeatureSet& features, const RowSelection& rows,
                            const PcaOptions& options, const TaskContext& ctx);

struct PcovrOptions {
    int components = 2;
    double mixing = 0.5;          // α: 1 = PCA, 0 = regression only
    double ridgeAlpha = 1e-6;     // skmatter's default regressor Ridge(alpha=1e-6, no intercept)
    double tolerance = 1e-12;     // eigenvalues ≤ tolerance count as zero (skmatter's tol)
};

// PCovR of the selected rows against `property` (one row per selected row, in selection
// order; any width).
// Feature-space formulation (see the README / pcovr.cpp):
//   X, Y centred and scaled by StandardFlexibleScaler (one scalar per matrix);
//   C = XᵀX;  W = (C + a I)⁻¹ XᵀY;  Ŷ = XW;
//   C̃ = α C + (1 − α) C^{-1/2} XᵀŶ ŶᵀX C^{-1/2}  (C^{-1/2} over eigenvalues > tol);
//   C̃ = V Λ Vᵀ, first k;  P = C^{-1/2} V_k Λ_k^{1/2};  T = X P.
// explained variance = Λ_k / (n − 1), ratio = Λ_k / Σ Λ_k (over the k kept, as skmatter).
// With fewer rows than features the equivalent sample-space form is used, as skmatter's
// space="auto": K̃ = α XXᵀ + (1 − α) ŶŶᵀ = U Λ Uᵀ, T = U_k Λ_k^{1/2} (signs on U).
ProjectionResult computePcovr(const FeatureSet& features, const MatrixD& property,
                              const RowSelection& rows, const PcovrOptions& options,
                              const TaskContext& ctx);

// Applies a fitted map to the selected rows of a feature set with the same columns (e.g. the
// inliers after fitting on every row).
MatrixD projectRows(const FeatureSet& features, const RowSelection& rows,
                    const ProjectionResult& map, const TaskContext& ctx);

} // namespace le
