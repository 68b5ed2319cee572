#include "core/metrics/model_map.h"

#include <cmath>
#include <string>

#include <Eigen/Eigenvalues>

#include "core/util/error.h"

namespace le {

Eigen::MatrixXd classicalMds(const Eigen::MatrixXd& distances, int dims, Eigen::VectorXd* eigenvalues) {
    const Eigen::Index n = distances.rows();
    const Eigen::MatrixXd squared = distances.cwiseAbs2();
    // J D² J with J = I − 11ᵀ/n: remove row and column means, add back the grand mean.
    const Eigen::VectorXd rowMean = squared.rowwise().mean();
    Eigen::MatrixXd b = squared;
    b.colwise() -= rowMean;
    b.rowwise() -= rowMean.transpose();
    b.array() += squared.mean();
    b *= -0.5;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(b);
    Eigen::MatrixXd coordinates = Eigen::MatrixXd::Zero(n, dims);
    if (eigenvalues) eigenvalues->setZero(dims);
    for (int k = 0; k < dims && k < n; ++k) {
        const Eigen::Index column = n - 1 - k; // eigenvalues ascending
        const double lambda = eig.eigenvalues()[column];
        if (eigenvalues) (*eigenvalues)[k] = lambda;
        if (!(lambda > 0.0)) continue;
        Eigen::VectorXd axis = eig.eigenvectors().col(column) * std::sqrt(lambda);
        Eigen::Index largest = 0;
        axis.cwiseAbs().maxCoeff(&largest);
        if (axis[largest] < 0) axis = -axis;
        coordinates.col(k) = axis;
    }
    return coordinates;
}

std::vector<DendrogramMerge> averageLinkage(const Eigen::MatrixXd& distances) {
    const int n = int(distances.rows());
    // Working distances between active clusters, indexed by slot; slot i starts as model i.
    Eigen::MatrixXd d = distances;
    std::vector<int> idOf(static_cast<std::size_t>(n)), sizeOf(static_cast<std::size_t>(n), 1);
    for (int i = 0; i < n; ++i) idOf[std::size_t(i)] = i;
    std::vector<bool> active(static_cast<std::size_t>(n), true);
    std::vector<DendrogramMerge> merges;
    for (int step = 0; step + 1 < n; ++step) {
        int bestA = -1, bestB = -1;
        for (int a = 0; a < n; ++a)
            for (int b = a + 1; b < n; ++b) {
                if (!active[std::size_t(a)] || !active[std::size_t(b)]) continue;
                auto ids = [&](int x, int y) {
                    return std::pair(std::min(idOf[std::size_t(x)], idOf[std::size_t(y)]),
                                     std::max(idOf[std::size_t(x)], idOf[std::size_t(y)]));
                };
                if (bestA < 0 || d(a, b) < d(bestA, bestB) || (d(a, b) == d(bestA, bestB) && ids(a, b) < ids(bestA, bestB))) {
                    bestA = a;
                    bestB = b;
                }
            }
        const int sa = sizeOf[std::size_t(bestA)], sb = sizeOf[std::size_t(bestB)];
        DendrogramMerge m;
        m.left = std::min(idOf[std::size_t(bestA)], idOf[std::size_t(bestB)]);
        m.right = std::max(idOf[std::size_t(bestA)], idOf[std::size_t(bestB)]);
        m.height = d(bestA, bestB);
        m.size = sa + sb;
        merges.push_back(m);
        // The merged cluster takes slot bestA; the average distance to it is size-weighted.
        for (int k = 0; k < n; ++k) {
            if (!active[std::size_t(k)] || k == bestA || k == bestB) continue;
            d(bestA, k) = d(k, bestA) = (sa * d(bestA, k) + sb * d(bestB, k)) / double(sa + sb);
        }
        active[std::size_t(bestB)] = false;
        idOf[std::size_t(bestA)] = n + step;
        sizeOf[std::size_t(bestA)] = sa + sb;
    }
    return merges;
}

ModelMap modelMap(const Eigen::MatrixXd& distances) {
    const Eigen::Index n = distances.rows();
    if (distances.cols() != n || n < 2)
        throw ComputeError("a model map needs a square matrix of at least 2 models, got " + std::to_string(n) + " × " +
                           std::to_string(distances.cols()));
    Eigen::MatrixXd d = distances;
    d.diagonal().setZero();
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
            if (!std::isfinite(d(i, j)) || d(i, j) < 0 ||
                std::abs(d(i, j) - d(j, i)) > 1e-12 * std::max(std::abs(d(i, j)), std::abs(d(j, i))))
                throw ComputeError("a model map needs finite, non-negative, symmetric distances; entry (" +
                                   std::to_string(i) + ", " + std::to_string(j) + ") is " + std::to_string(d(i, j)));
    ModelMap map;
    Eigen::VectorXd lambda;
    map.coordinates = classicalMds(d, 2, &lambda);
    map.eigenvalues = lambda;
    map.merges = averageLinkage(d);
    return map;
}

} // namespace le
