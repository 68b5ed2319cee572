#include "core/linalg/lq_reduction.h"

#include <string>

#include "core/linalg/householder_qr.h"
#include "core/util/error.h"

namespace le {

Eigen::MatrixXd lqOfRows(Eigen::MatrixXd columns, Eigen::MatrixXd& carried) {
    if (carried.rows() != columns.rows())
        throw ComputeError("LQ reduction: carried block has " + std::to_string(carried.rows()) + " rows for " +
                           std::to_string(columns.rows()) + " columns");
    const Eigen::Index k = columns.cols();
    const HouseholderQr qr(std::move(columns));
    qr.applyQt(carried);
    carried.conservativeResize(k, Eigen::NoChange);
    return qr.R().transpose();
}

} // namespace le
