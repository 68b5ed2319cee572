#include "core/metrics/kernel_gfre.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "core/linalg/symmetric_eigen.h"
#include "core/util/error.h"
#include "core/util/rng.h"

namespace le {

std::vector<long long> landmarkPositions(const KernelGfreSettings& settings, const std::vector<long long>& trainRows) {
    const auto nTrain = (long long)trainRows.size();
    if (nTrain < 2) throw ComputeError("kernel GFRE needs at least 2 train rows for landmarks");
    if (settings.landmarkRows.empty()) {
        if (settings.landmarks < 2)
            throw ComputeError("kernel GFRE needs at least 2 landmarks, got " + std::to_string(settings.landmarks));
        std::vector<long long> positions = NumpyRandomState(settings.seed).permutation(nTrain);
        positions.resize(std::size_t(std::min(nTrain, settings.landmarks)));
        return positions;
    }
    std::unordered_map<long long, long long> positionOfRow;
    for (long long p = 0; p < nTrain; ++p) positionOfRow[trainRows[std::size_t(p)]] = p;
    std::vector<long long> positions;
    std::vector<bool> used(std::size_t(nTrain), false);
    for (std::size_t entry = 0; entry < settings.landmarkRows.size(); ++entry) {
        const long long row = settings.landmarkRows[entry];
        const std::string which = "landmark row " + std::to_string(row) + " (entry " + std::to_string(entry) + ")";
        const auto found = positionOfRow.find(row);
        if (found == positionOfRow.end())
            throw ComputeError(which + " is not a train row: landmarks must come from the rows the reconstruction "
                                       "is fitted on");
        if (used[std::size_t(found->second)]) throw ComputeError(which + " is given twice");
        used[std::size_t(found->second)] = true;
        positions.push_back(found->second);
    }
    if (positions.size() < 2) throw ComputeError("kernel GFRE needs at least 2 landmarks, got " + std::to_string(positions.size()));
    return positions;
}

double medianPairSquaredDistance(const Eigen::MatrixXd& rows) {
    const Eigen::Index m = rows.rows();
    if (m < 2) throw ComputeError("a median distance needs at least 2 rows");
    const Eigen::MatrixXd byColumn = rows.transpose();
    std::vector<double> d;
    d.reserve(std::size_t(m * (m - 1) / 2));
    for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = i + 1; j < m; ++j) d.push_back((byColumn.col(i) - byColumn.col(j)).squaredNorm());
    const std::size_t half = d.size() / 2;
    std::nth_element(d.begin(), d.begin() + std::ptrdiff_t(half), d.end());
    const double upper = d[half];
    if (d.size() % 2 == 1) return upper;
    const double lower = *std::max_element(d.begin(), d.begin() + std::ptrdiff_t(half)); // numpy averages both middles
    return 0.5 * (lower + upper);
}

NystromMap::NystromMap(Eigen::MatrixXd landmarks, double gamma)
    : landmarks_(std::move(landmarks)), landmarkSquaredNorms_(landmarks_.rowwise().squaredNorm()), gamma_(gamma) {
    if (!(gamma_ > 0.0)) {
        const double median = medianPairSquaredDistance(landmarks_);
        if (!(median > 0.0))
            throw ComputeError("kernel GFRE: the median squared distance between landmarks is 0 (most landmarks "
                               "coincide); give --gamma");
        gamma_ = 1.0 / median;
    }
    // LAPACK's dsyevd, not Eigen's single-threaded solver: at 2000 landmarks the latter took
    // most of the map's time.
    const SymmetricEigen eig = symmetricEigen(kernel(landmarks_));
    const Eigen::VectorXd& lambda = eig.values; // ascending
    const double threshold = 1e-12 * lambda.maxCoeff();
    Eigen::Index first = 0;
    while (first < lambda.size() && !(lambda[first] > threshold)) ++first;
    const Eigen::Index rank = lambda.size() - first;
    projection_ = eig.vectors.rightCols(rank) * lambda.tail(rank).cwiseSqrt().cwiseInverse().asDiagonal();
}

Eigen::MatrixXd NystromMap::kernel(const Eigen::MatrixXd& rows) const {
    // ‖a‖² + ‖l‖² − 2 a·l through one product; clamped at 0 against rounding.
    Eigen::MatrixXd squared = -2.0 * rows * landmarks_.transpose();
    squared.colwise() += rows.rowwise().squaredNorm();
    squared.rowwise() += landmarkSquaredNorms_.transpose();
    return (-gamma_ * squared.cwiseMax(0.0)).array().exp().matrix();
}

Eigen::MatrixXd NystromMap::features(const Eigen::MatrixXd& rows) const { return kernel(rows) * projection_; }

} // namespace le
