#pragma once
// Procrustes angular shape distance (Williams et al. 2021, no whitening): with both sets'
// columns centred and each set scaled to unit Frobenius norm,
//     θ(X, Y) = arccos ‖Xᵀ Y‖_*  ∈ [0, π/2],
// a metric on shapes up to rotation, reflection, translation and isotropic scale. Sets of
// different widths are compared zero-padded to the wider one.
// arccos resolves only √(2ε) ≈ 2e-8 near θ = 0, so θ is evaluated as 2·asin(‖X − Y R‖_F / 2)
// with R the optimal orthogonal map: ‖X − Y R‖² = 2 − 2‖XᵀY‖_*, the same number, accurate
// for nearby shapes (a rotated copy gives θ ~ 1e-15, not 1e-8).
#include <Eigen/Core>

#include "core/metrics/centered_set.h"

namespace le {

// `cross` = x.rowsᵀ y.rows. Symmetric in x and y up to rounding.
double procrustesAngle(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross);

} // namespace le
