#include "core/structure/bonds.h"

#include <Eigen/Geometry>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "core/structure/element_style.h"

namespace le {
namespace {

// Atoms binned in cubes of side `binSize` (the largest possible bond length), so a query
// only looks at the 27 cubes around it.
class CellList {
public:
    CellList(const Positions& positions, double binSize) : binSize_(binSize) {
        lower_ = positions.colwise().minCoeff().transpose();
        upper_ = positions.colwise().maxCoeff().transpose();
        for (Eigen::Index k = 0; k < positions.rows(); ++k)
            bins_[key(binOf(positions.row(k).transpose()))].push_back(int(k));
    }

    template <typename Visit>
    void forEachNear(const Eigen::Vector3d& point, Visit&& visit) const {
        if ((point.array() < lower_.array() - binSize_).any() ||
            (point.array() > upper_.array() + binSize_).any())
            return;
        const Eigen::Vector3i centre = binOf(point);
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                for (int dz = -1; dz <= 1; ++dz) {
                    auto found = bins_.find(key(centre + Eigen::Vector3i(dx, dy, dz)));
                    if (found == bins_.end()) continue;
                    for (int atom : found->second) visit(atom);
                }
    }

private:
    Eigen::Vector3i binOf(const Eigen::Vector3d& p) const {
        return ((p - lower_) / binSize_).array().floor().cast<int>();
    }
    static long long key(const Eigen::Vector3i& b) {
        // 21 bits per axis; bins of a few Å make collisions impossible in practice, and a
        // collision would only cost extra distance checks, never a wrong bond.
        const auto part = [](int v) { return (static_cast<long long>(v) + (1 << 20)) & 0x1FFFFF; };
        return (part(b.x()) << 42) | (part(b.y()) << 21) | part(b.z());
    }

    double binSize_;
    Eigen::Vector3d lower_, upper_;
    std::unordered_map<long long, std::vector<int>> bins_;
};

bool lexicographicallyPositive(const Eigen::Vector3i& v) {
    if (v.x() != 0) return v.x() > 0;
    if (v.y() != 0) return v.y() > 0;
    return v.z() > 0;
}

} // namespace

std::vector<Bond> detectBonds(const Frame& frame, const BondSettings& settings,
                              const TaskContext& ctx) {
    const int n = frame.atomCount();
    std::vector<Bond> bonds;
    if (n == 0 || frame.positions.rows() != n) return bonds;

    std::vector<double> radius(static_cast<std::size_t>(n));
    double maxRadius = 0;
    for (int k = 0; k < n; ++k) {
        radius[std::size_t(k)] = elementStyle(frame.species[std::size_t(k)]).covalentRadius;
        maxRadius = std::max(maxRadius, radius[std::size_t(k)]);
    }
    const double maxBond = 2 * maxRadius + settings.tolerance;

    // Periodic axes need an invertible cell; otherwise the frame is treated as a molecule.
    const Eigen::Matrix3d& cell = frame.cell;
    const double volume = frame.hasCell ? std::abs(cell.determinant()) : 0.0;
    Eigen::Vector3i repeats = Eigen::Vector3i::Zero();
    Eigen::Array3i periodic = Eigen::Array3i::Zero();
    if (settings.periodic && frame.isPeriodic() && volume > 1e-9) {
        for (int a = 0; a < 3; ++a) {
            if (!frame.pbc[std::size_t(a)]) continue;
            periodic[a] = 1;
            // Height of the cell along the normal of the other two vectors.
            const double height =
                volume / cell.row((a + 1) % 3).cross(cell.row((a + 2) % 3)).norm();
            repeats[a] = int(std::ceil(maxBond / height));
        }
    }

    // Wrap atoms into the cell along periodic axes (shift s_k cells), search there, and
    // translate the image found back to the positions as written.
    Positions wrapped = frame.positions;
    Eigen::Matrix<int, Eigen::Dynamic, 3, Eigen::RowMajor> shift =
        Eigen::Matrix<int, Eigen::Dynamic, 3, Eigen::RowMajor>::Zero(n, 3);
    if (periodic.any()) {
        const Eigen::Matrix3d inverse = cell.inverse();
        for (int k = 0; k < n; ++k) {
            const Eigen::RowVector3d fractional = frame.positions.row(k) * inverse;
            for (int a = 0; a < 3; ++a)
                if (periodic[a]) shift(k, a) = int(std::floor(fractional[a]));
            wrapped.row(k) = frame.positions.row(k) - shift.row(k).cast<double>() * cell;
        }
    }

    const CellList grid(wrapped, maxBond);
    for (int tx = -repeats.x(); tx <= repeats.x(); ++tx)
        for (int ty = -repeats.y(); ty <= repeats.y(); ++ty)
            for (int tz = -repeats.z(); tz <= repeats.z(); ++tz) {
                const Eigen::Vector3i t(tx, ty, tz);
                const Eigen::RowVector3d offset = t.cast<double>().transpose() * cell;
                for (int j = 0; j < n; ++j) {
                    if ((j & 1023) == 0) ctx.throwIfCancelled();
                    const Eigen::Vector3d query = (wrapped.row(j) + offset).transpose();
                    grid.forEachNear(query, [&](int i) {
                        if (i > j || (i == j && !lexicographicallyPositive(t))) return;
                        const double d = (query - wrapped.row(i).transpose()).norm();
                        const double limit =
                            radius[std::size_t(i)] + radius[std::size_t(j)] + settings.tolerance;
                        if (d <= settings.minDistance || d >= limit) return;
                        const Eigen::Vector3i image =
                            t + shift.row(i).transpose() - shift.row(j).transpose();
                        bonds.push_back({i, j, image, d});
                    });
                }
            }

    std::sort(bonds.begin(), bonds.end(), [](const Bond& a, const Bond& b) {
        return std::tie(a.i, a.j, a.image.x(), a.image.y(), a.image.z()) <
               std::tie(b.i, b.j, b.image.x(), b.image.y(), b.image.z());
    });
    return bonds;
}

} // namespace le
