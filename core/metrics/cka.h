#pragma once
// Linear centred kernel alignment (Kornblith et al. 2019) and its debiased form with the
// unbiased HSIC estimator of Song et al. (2012), for the linear kernel K = X Xᵀ, evaluated
// in feature space: O(n d_x d_y) from the cross product Xᵀ Y instead of n × n Gram matrices.
//   CKA  = ‖XᵀY‖_F² / (‖XᵀX‖_F ‖YᵀY‖_F)                    (columns centred)
//   dCKA = HSIC_u(K, L) / sqrt(HSIC_u(K, K) HSIC_u(L, L))
//   HSIC_u(K, L) = [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1 / ((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1] / (n(n−3)),
// K̃ = K with its diagonal set to zero.
#include <Eigen/Core>

#include "core/metrics/centered_set.h"

namespace le {

// `cross` = x.rowsᵀ y.rows. Symmetric in x and y.
double linearCka(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross);
// Needs n ≥ 4 rows (ComputeError). NaN when a self-HSIC estimate is not positive (the
// unbiased estimator can be for very few rows): no meaningful ratio exists then.
double debiasedCka(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross);
double unbiasedHsic(const CenteredSet& x, const CenteredSet& y, const Eigen::MatrixXd& cross);

} // namespace le
