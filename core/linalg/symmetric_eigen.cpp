#include "core/linalg/symmetric_eigen.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/linalg/lapack.h"
#include "core/util/error.h"

namespace le {

SymmetricEigen symmetricEigen(Eigen::MatrixXd a) {
    if (a.rows() != a.cols()) throw ComputeError("symmetric eigenproblem: the matrix is not square");
    if (!a.allFinite()) throw ComputeError("symmetric eigenproblem: the matrix has NaN or infinite entries");
    // dsyevd's workspace is 1 + 6n + 2n² doubles: it must fit a 32-bit int.
    if (a.rows() > 30000) throw ComputeError("symmetric eigenproblem: " + std::to_string(a.rows()) + " rows exceed LAPACK's 32-bit sizes");
    SymmetricEigen out;
    const int n = int(a.rows());
    out.values.resize(n);
    if (n == 0) return out;
    const int lda = std::max(1, n);
    int info = 0, lwork = -1, liwork = -1, iworkSize = 0;
    double workSize = 0.0;
    dsyevd_("V", "L", &n, a.data(), &lda, out.values.data(), &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1);
    if (info != 0) throw ComputeError("symmetric eigenproblem: dsyevd workspace query failed (info " + std::to_string(info) + ")");
    lwork = int(workSize);
    liwork = iworkSize;
    std::vector<double> work(std::size_t(std::max(1, lwork)));
    std::vector<int> iwork(std::size_t(std::max(1, liwork)));
    dsyevd_("V", "L", &n, a.data(), &lda, out.values.data(), work.data(), &lwork, iwork.data(), &liwork, &info, 1, 1);
    if (info != 0)
        throw ComputeError("symmetric eigenproblem: dsyevd did not converge (info " + std::to_string(info) + ")");
    out.vectors = std::move(a);
    return out;
}

} // namespace le
