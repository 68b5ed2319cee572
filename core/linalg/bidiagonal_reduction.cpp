#include "core/linalg/bidiagonal_reduction.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/linalg/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {
constexpr int kPanel = 16;
}

void bidiagonalReduction(int m, int n, double* a, int lda, double* d, double* e, double* tauQ, double* tauP) {
    if (m < n) throw ComputeError("bidiagonal reduction of a " + std::to_string(m) + " x " + std::to_string(n) +
                                  " block: needs at least as many rows as columns");
    using Block = Eigen::Map<Eigen::MatrixXd, 0, Eigen::OuterStride<>>;
    auto at = [&](int row, int col) { return a + std::size_t(row) + std::size_t(col) * std::size_t(lda); };
    std::vector<double> x(std::size_t(m) * kPanel), y(std::size_t(n) * kPanel);
    int i = 0;
    for (; n - i > kPanel; i += kPanel) {
        // Panel i…i+nb−1 reduced, the trailing block then updated as A₂₂ −= V Yᵀ + X U
        // (V, U the panel's reflectors as stored in A), exactly as dgebrd's blocked loop.
        const int rowsLeft = m - i, colsLeft = n - i, nb = kPanel;
        dlabrd_(&rowsLeft, &colsLeft, &nb, at(i, i), &lda, d + i, e + i, tauQ + i, tauP + i, x.data(), &rowsLeft,
                y.data(), &colsLeft);
        const int r = rowsLeft - nb, c = colsLeft - nb;
        Block trailing(at(i + nb, i + nb), r, c, Eigen::OuterStride<>(lda));
        const Block V(at(i + nb, i), r, nb, Eigen::OuterStride<>(lda));
        const Block U(at(i, i + nb), nb, c, Eigen::OuterStride<>(lda));
        const Block X(x.data() + nb, r, nb, Eigen::OuterStride<>(rowsLeft));
        const Block Y(y.data() + nb, c, nb, Eigen::OuterStride<>(colsLeft));
        trailing.noalias() -= V * Y.transpose();
        trailing.noalias() -= X * U;
        for (int j = i; j < i + nb; ++j) { // dlabrd leaves the reflectors' unit entries there
            *at(j, j) = d[j];
            *at(j, j + 1) = e[j];
        }
    }
    const int rowsLeft = m - i, colsLeft = n - i;
    std::vector<double> work(std::size_t(std::max(rowsLeft, colsLeft)));
    int info = 0;
    dgebd2_(&rowsLeft, &colsLeft, at(i, i), &lda, d + i, e + i, tauQ + i, tauP + i, work.data(), &info);
    if (info != 0) throw ComputeError("LAPACK dgebd2 rejected argument " + std::to_string(-info));
}

} // namespace le
