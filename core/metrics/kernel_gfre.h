#pragma once
// Kernel GFRE: the GFRE procedure with the source replaced by Nyström features of an RBF
// kernel, so that the reconstruction may be any smooth function of the source, not only a
// linear one. On the GFRE-scaled source rows (train mean, sqrt of total train variance):
//   k(a, b) = exp(−γ ‖a − b‖²),   Φ = K(X, L) U Λ^{-1/2},
// with (Λ, U) the eigenpairs of K(L, L) for λ > 1e-12 λ_max, L the landmark rows (taken from
// the train rows), γ by default 1 / median of the squared distances between distinct landmark
// pairs. Then GFRE(Φ → Y) exactly as for any source: Φ is scaled, Ridge2FoldCV, test error.
#include <vector>

#include <Eigen/Core>

#include "core/metrics/metric_settings.h"

namespace le {

// Positions in the train block (0 … trainRows.size()−1) of the landmarks: the explicit
// `landmarkRows` (dataset rows, each a train row, no repeats: ComputeError otherwise, naming
// the offending row), else the first `landmarks` of numpy RandomState(seed).permutation(n_train)
// (every train row when there are fewer).
std::vector<long long> landmarkPositions(const KernelGfreSettings& settings, const std::vector<long long>& trainRows);

// numpy.median of the squared distances over the pairs i < j of rows (ComputeError below 2 rows).
double medianPairSquaredDistance(const Eigen::MatrixXd& rows);

class NystromMap {
public:
    // gamma ≤ 0: 1 / medianPairSquaredDistance(landmarks) (ComputeError if that is 0: all
    // landmarks coincide).
    NystromMap(Eigen::MatrixXd landmarks, double gamma);
    // Φ for any rows with the source's columns: rows × rank.
    Eigen::MatrixXd features(const Eigen::MatrixXd& rows) const;
    double gamma() const { return gamma_; }
    Eigen::Index rank() const { return projection_.cols(); }

private:
    Eigen::MatrixXd kernel(const Eigen::MatrixXd& rows) const; // K(rows, L)
    Eigen::MatrixXd landmarks_;
    Eigen::VectorXd landmarkSquaredNorms_;
    double gamma_ = 0.0;
    Eigen::MatrixXd projection_; // U Λ^{-1/2}, landmarks × rank
};

} // namespace le
