#include "core/metrics/centered_set.h"

#include "core/util/error.h"

namespace le {

CenteredSet centerColumns(Eigen::MatrixXd rows, const std::string& what) {
    if (rows.rows() == 0) throw ComputeError("the " + what + " features have no rows to compare");
    CenteredSet c;
    const Eigen::RowVectorXd mean = rows.colwise().mean();
    rows.rowwise() -= mean;
    c.rows = std::move(rows);
    c.gram = c.rows.transpose() * c.rows;
    c.rowSquaredNorms = c.rows.rowwise().squaredNorm();
    c.columnSums = c.rows.colwise().sum().transpose();
    c.squaredNorm = c.rowSquaredNorms.sum();
    if (!(c.squaredNorm > 0.0))
        throw ComputeError("the " + what + " features are the same on every row (zero variance): "
                           "CKA and the shape distance are undefined");
    return c;
}

} // namespace le
