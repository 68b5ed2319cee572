#pragma once
// One feature set over the rows being compared, columns centred, with the per-set quantities
// CKA, debiased CKA and the Procrustes distance need from each side of a pair. With them, a
// pair costs one cross product Xᵀ Y (d_x × d_y) instead of n × n Gram matrices.
#include <string>

#include <Eigen/Core>

namespace le {

struct CenteredSet {
    Eigen::MatrixXd rows;             // n × d, column means removed
    Eigen::MatrixXd gram;             // Xᵀ X (d × d)
    Eigen::VectorXd rowSquaredNorms;  // diag(X Xᵀ)
    Eigen::VectorXd columnSums;       // Xᵀ 1: zero up to rounding, kept so formulas stay exact
    double squaredNorm = 0.0;         // ‖X‖_F² = trace(Xᵀ X)
};

// Centres the columns of `rows` (float64). ComputeError naming `what` when every row is the
// same (nothing to compare: all these measures divide by the spread).
CenteredSet centerColumns(Eigen::MatrixXd rows, const std::string& what);

} // namespace le
