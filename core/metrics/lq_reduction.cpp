#include "core/metrics/lq_reduction.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/metrics/lapack.h"
#include "core/util/error.h"

namespace le {

Eigen::MatrixXd lqOfRows(Eigen::MatrixXd& columns, Eigen::MatrixXd& carried) {
    const int d = int(columns.rows()), k = int(columns.cols()), p = int(carried.cols());
    if (carried.rows() != columns.rows())
        throw ComputeError("LQ reduction: carried block has " + std::to_string(carried.rows()) + " rows for " +
                           std::to_string(d) + " columns");
    Eigen::VectorXd tau(k);
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dgeqrf_(&d, &k, columns.data(), &d, tau.data(), &optimal, &lwork, &info);
    lwork = std::max({1, int(optimal), 64 * std::max(1, p)});
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgeqrf_(&d, &k, columns.data(), &d, tau.data(), work.data(), &lwork, &info);
    if (info != 0) throw ComputeError("LAPACK dgeqrf failed (info " + std::to_string(info) + ")");
    if (p > 0) {
        const char side = 'L', trans = 'T';
        dormqr_(&side, &trans, &d, &p, &k, columns.data(), &d, tau.data(), carried.data(), &d, work.data(), &lwork,
                &info, 1, 1);
        if (info != 0) throw ComputeError("LAPACK dormqr failed (info " + std::to_string(info) + ")");
    }
    carried.conservativeResize(k, Eigen::NoChange);
    return columns.topRows(k).triangularView<Eigen::Upper>().toDenseMatrix().transpose();
}

} // namespace le
