#pragma once
// Exact squared Euclidean distances Σ (a − b)² between rows, for the rank-based measures
// (information imbalance, TwoNN). Unlike the ‖a‖² + ‖b‖² − 2 a·b form of the neighbour search,
// differences are formed first, so duplicated rows are exactly at distance 0 and ties between
// equal distances are real ties (broken by row order), not rounding noise.
#include <Eigen/Core>

namespace le {

// `pointsByColumn`: one point per column (d × N, the transpose of the rows), so each distance
// reads one contiguous column. Returns the N squared distances from point i (0 at i itself).
inline Eigen::RowVectorXd squaredDistancesFrom(const Eigen::MatrixXd& pointsByColumn, Eigen::Index i) {
    return (pointsByColumn.colwise() - pointsByColumn.col(i)).colwise().squaredNorm();
}

// Position of the smallest entry other than `self`; among equal values the first wins.
inline Eigen::Index nearestOther(const Eigen::RowVectorXd& squaredDistances, Eigen::Index self) {
    Eigen::Index best = -1;
    for (Eigen::Index j = 0; j < squaredDistances.size(); ++j)
        if (j != self && (best < 0 || squaredDistances[j] < squaredDistances[best])) best = j;
    return best;
}

} // namespace le
