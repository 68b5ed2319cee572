#include "core/metrics/bidiagonal_triplets.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace le {

namespace {

constexpr double kCertifiedAccuracy = 1e-10;
// Vectors whose values lie closer than this fraction of s₁ are orthogonalised against each
// other explicitly (LAPACK's dstein uses the same width); inverse iteration alone keeps
// vectors of values further apart orthogonal to ρ / (gap), which the certificate bounds.
constexpr double kClusterWidth = 1e-3;
constexpr int kInverseIterations = 2; // from a random start, with a value exact to rounding

// T − λI for the Golub–Kahan tridiagonal T (zero diagonal, off-diagonal f), factored as
// P L U by Gaussian elimination with partial pivoting (as LAPACK's dgttrf). λ is an
// eigenvalue, so a pivot may vanish: pivots below `pivotFloor` are raised to it, which
// only changes the growth of the inverse iterate, not its direction.
class ShiftedGolubKahanLu {
public:
    explicit ShiftedGolubKahanLu(const std::vector<double>& f)
        : f_(f), m_(f.size() + 1), inversePivot_(m_), multiplier_(m_), upper1_(m_), upper2_(m_), swapped_(m_) {}

    void factor(double lambda, double pivotFloor) {
        std::vector<double>& pivot = inversePivot_; // pivots first, inverted at the end
        std::fill(pivot.begin(), pivot.end(), -lambda);
        std::copy(f_.begin(), f_.end(), upper1_.begin());
        for (std::size_t i = 0; i + 1 < m_; ++i) {
            const double below = f_[i];
            if (std::abs(pivot[i]) >= std::abs(below)) {
                swapped_[i] = 0;
                raiseToFloor(pivot[i], pivotFloor);
                multiplier_[i] = below / pivot[i];
                pivot[i + 1] -= multiplier_[i] * upper1_[i];
                upper2_[i] = 0.0;
            } else { // swap rows i and i + 1
                swapped_[i] = 1;
                multiplier_[i] = pivot[i] / below;
                pivot[i] = below;
                const double above = upper1_[i];
                upper1_[i] = pivot[i + 1];
                pivot[i + 1] = above - multiplier_[i] * pivot[i + 1];
                if (i + 2 < m_) {
                    upper2_[i] = upper1_[i + 1];
                    upper1_[i + 1] = -multiplier_[i] * upper1_[i + 1];
                } else {
                    upper2_[i] = 0.0;
                }
            }
        }
        raiseToFloor(pivot[m_ - 1], pivotFloor);
        for (double& p : pivot) p = 1.0 / p;
    }

    void solveInPlace(std::vector<double>& x) const {
        for (std::size_t i = 0; i + 1 < m_; ++i) {
            if (swapped_[i]) {
                const double xi = x[i];
                x[i] = x[i + 1];
                x[i + 1] = xi - multiplier_[i] * x[i];
            } else {
                x[i + 1] -= multiplier_[i] * x[i];
            }
        }
        x[m_ - 1] *= inversePivot_[m_ - 1];
        if (m_ >= 2) x[m_ - 2] = (x[m_ - 2] - upper1_[m_ - 2] * x[m_ - 1]) * inversePivot_[m_ - 2];
        for (std::size_t i = m_ - 2; i-- > 0;)
            x[i] = (x[i] - upper1_[i] * x[i + 1] - upper2_[i] * x[i + 2]) * inversePivot_[i];
    }

private:
    static void raiseToFloor(double& pivot, double floor) {
        if (std::abs(pivot) < floor) pivot = pivot < 0.0 ? -floor : floor;
    }

    const std::vector<double>& f_;
    std::size_t m_;
    std::vector<double> inversePivot_, multiplier_, upper1_, upper2_;
    std::vector<char> swapped_;
};

// Reproducible start vectors in (−½, ½): any vector with a component along the wanted
// eigenvector will do, and a fixed sequence keeps the results the same from run to run.
void fillStart(std::vector<double>& x, std::uint64_t seed) {
    for (double& xi : x) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        xi = double(seed >> 11) * 0x1.0p-53 - 0.5;
    }
}

void normalise(std::vector<double>& x) {
    double sq = 0.0;
    for (double xi : x) sq += xi * xi;
    const double scale = 1.0 / std::sqrt(sq);
    for (double& xi : x) xi *= scale;
}

// x minus its projections on columns [first, last) of Z (orthonormal).
void orthogonalise(std::vector<double>& x, const Eigen::MatrixXd& Z, Eigen::Index first, Eigen::Index last) {
    Eigen::Map<Eigen::VectorXd> v(x.data(), Eigen::Index(x.size()));
    for (Eigen::Index c = first; c < last; ++c) v -= Z.col(c).dot(v) * Z.col(c);
}

} // namespace

std::optional<LeadingTriplets> leadingBidiagonalTriplets(const Eigen::VectorXd& d, const Eigen::VectorXd& e,
                                                         const Eigen::VectorXd& s, Eigen::Index q) {
    const Eigen::Index n = d.size();
    if (q <= 0 || q > n || s.size() < n || e.size() < n - 1) return std::nullopt;
    const double sMax = s[0];
    if (!(sMax > 0.0) || !(s[q - 1] > 0.0)) return std::nullopt;
    const double cutGap = s[q - 1] - (q < n ? s[q] : 0.0);
    const double clusterWidth = kClusterWidth * sMax;
    const double tolerance = kCertifiedAccuracy * std::min({cutGap, s[q - 1], clusterWidth});

    std::vector<double> f(std::size_t(2 * n - 1));
    for (Eigen::Index i = 0; i < n; ++i) {
        f[std::size_t(2 * i)] = d[i];
        if (i + 1 < n) f[std::size_t(2 * i + 1)] = e[i];
    }
    double offNorm = 0.0;
    for (double fi : f) offNorm = std::max(offNorm, std::abs(fi));
    const double pivotFloor = std::numeric_limits<double>::epsilon() * 2.0 * offNorm;

    ShiftedGolubKahanLu lu(f);
    Eigen::MatrixXd Z(2 * n, q);
    std::vector<double> x(std::size_t(2 * n));
    Eigen::Index clusterStart = 0;
    for (Eigen::Index j = 0; j < q; ++j) {
        while (s[clusterStart] - s[j] >= clusterWidth) ++clusterStart;
        lu.factor(s[j], pivotFloor);
        fillStart(x, std::uint64_t(j) + 1);
        for (int it = 0; it < kInverseIterations; ++it) {
            orthogonalise(x, Z, clusterStart, j);
            lu.solveInPlace(x);
            normalise(x);
        }
        orthogonalise(x, Z, clusterStart, j);
        normalise(x);
        Z.col(j) = Eigen::Map<const Eigen::VectorXd>(x.data(), 2 * n);
    }

    LeadingTriplets out{Eigen::MatrixXd(n, q), Eigen::MatrixXd(n, q)};
    for (Eigen::Index j = 0; j < q; ++j) {
        for (Eigen::Index i = 0; i < n; ++i) {
            out.V(i, j) = Z(2 * i, j);
            out.U(i, j) = Z(2 * i + 1, j);
        }
        const double normU = out.U.col(j).norm(), normV = out.V.col(j).norm();
        if (!(normU > 0.0) || !(normV > 0.0)) return std::nullopt;
        out.U.col(j) /= normU;
        out.V.col(j) /= normV;
        // Residuals of B v = s u and Bᵀ u = s v, row by row.
        double bvSq = 0.0, btuSq = 0.0;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double bv = d[i] * out.V(i, j) + (i + 1 < n ? e[i] * out.V(i + 1, j) : 0.0) - s[j] * out.U(i, j);
            const double btu = d[i] * out.U(i, j) + (i > 0 ? e[i - 1] * out.U(i - 1, j) : 0.0) - s[j] * out.V(i, j);
            bvSq += bv * bv;
            btuSq += btu * btu;
        }
        if (!(std::sqrt(std::max(bvSq, btuSq)) <= tolerance)) return std::nullopt;
    }
    return out;
}

} // namespace le
