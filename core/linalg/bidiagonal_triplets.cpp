#include "core/linalg/bidiagonal_triplets.h"

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
// From a random start, with a value exact to rounding, one step already gives residuals
// of about 1e-15·s₁ but leaves vectors of values just outside a cluster orthogonal only to
// ~1e-12; a second step brings that to rounding level. A third is taken when needed.
constexpr int kMinInverseIterations = 2, kMaxInverseIterations = 3;

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

// max(‖B v − s u‖, ‖Bᵀ u − s v‖) for the halves of x = (v₁, u₁, v₂, u₂, …), each scaled
// to unit length (infinite when a half is zero).
double tripletResidual(const Eigen::VectorXd& d, const Eigen::VectorXd& e, double s, const std::vector<double>& x) {
    const Eigen::Index n = d.size();
    double vSq = 0.0, uSq = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        vSq += x[std::size_t(2 * i)] * x[std::size_t(2 * i)];
        uSq += x[std::size_t(2 * i + 1)] * x[std::size_t(2 * i + 1)];
    }
    if (!(vSq > 0.0) || !(uSq > 0.0)) return std::numeric_limits<double>::infinity();
    const double toV = 1.0 / std::sqrt(vSq), toU = 1.0 / std::sqrt(uSq);
    double bvSq = 0.0, btuSq = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double v = x[std::size_t(2 * i)] * toV, u = x[std::size_t(2 * i + 1)] * toU;
        const double vNext = i + 1 < n ? x[std::size_t(2 * i + 2)] * toV : 0.0;
        const double uPrev = i > 0 ? x[std::size_t(2 * i - 1)] * toU : 0.0;
        const double bv = d[i] * v + (i + 1 < n ? e[i] * vNext : 0.0) - s * u;
        const double btu = d[i] * u + (i > 0 ? e[i - 1] * uPrev : 0.0) - s * v;
        bvSq += bv * bv;
        btuSq += btu * btu;
    }
    return std::sqrt(std::max(bvSq, btuSq));
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
        bool certified = false;
        for (int it = 0; it < kMaxInverseIterations && !certified; ++it) {
            orthogonalise(x, Z, clusterStart, j);
            lu.solveInPlace(x);
            normalise(x);
            orthogonalise(x, Z, clusterStart, j);
            normalise(x);
            certified = it + 1 >= kMinInverseIterations && tripletResidual(d, e, s[j], x) <= tolerance;
        }
        if (!certified) return std::nullopt;
        Z.col(j) = Eigen::Map<const Eigen::VectorXd>(x.data(), 2 * n);
    }

    LeadingTriplets out{Eigen::MatrixXd(n, q), Eigen::MatrixXd(n, q)};
    for (Eigen::Index j = 0; j < q; ++j) {
        for (Eigen::Index i = 0; i < n; ++i) {
            out.V(i, j) = Z(2 * i, j);
            out.U(i, j) = Z(2 * i + 1, j);
        }
        out.U.col(j).normalize();
        out.V.col(j).normalize();
    }
    return out;
}

} // namespace le
