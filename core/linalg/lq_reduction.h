#pragma once
// The LQ reduction of a wide block of rows, shared by the LFRE neighbour block and the wide
// CV folds: rows X (k × d, k ≤ d) are written X = L Q₁ᵀ with L (k × k, lower triangular), which
// has the same singular values and left vectors as X and right vectors Q₁ᵀ V. Anything that
// only meets X's right vectors (a query row, held-out rows) then needs only its coordinates
// in Q₁'s basis.
#include <Eigen/Core>

namespace le {

// `columns` holds Xᵀ (d × k), factorised in place when moved in (a Householder QR of the
// transpose: its reflectors run down long columns, which OpenBLAS applies much faster than
// dgelqf's short rows). Returns L = Rᵀ and replaces `carried` (d × p, e.g. the transposed
// query or held-out rows) by its first k coordinates Q₁ᵀ carried (k × p).
Eigen::MatrixXd lqOfRows(Eigen::MatrixXd columns, Eigen::MatrixXd& carried);

} // namespace le
