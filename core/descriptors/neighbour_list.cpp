#include "core/descriptors/neighbour_list.h"

#include <Eigen/Geometry>
#include <Eigen/LU>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/util/error.h"

namespace le {

namespace {

struct Lattice {
    Eigen::Matrix3d cell;    // rows a, b, c
    Eigen::Matrix3d inverse; // fractional = cartesian · inverse
    std::array<bool, 3> periodic{false, false, false};
    Eigen::Vector3i range = Eigen::Vector3i::Zero();
    Eigen::Vector3d reach = Eigen::Vector3d::Zero(); // cutoff in fractional units per direction
};

// Slabs and wires are often written with zero cell vectors along their open directions.
// Replace those by unit vectors perpendicular to the rest: any complete basis gives the same
// images, since only the periodic vectors ever shift an atom.
Eigen::Matrix3d completedCell(const Frame& frame) {
    Eigen::Matrix3d cell = frame.cell;
    std::vector<int> missing;
    for (int k = 0; k < 3; ++k)
        if (!frame.pbc[std::size_t(k)] && cell.row(k).norm() < 1e-9) missing.push_back(k);
    if (missing.size() == 1) {
        const int k = missing[0];
        const Eigen::Vector3d normal = cell.row((k + 1) % 3).cross(cell.row((k + 2) % 3));
        if (normal.norm() > 0) cell.row(k) = normal.normalized();
    } else if (missing.size() == 2) {
        const int p = 3 - missing[0] - missing[1];
        const Eigen::Vector3d a = cell.row(p);
        if (a.norm() > 0) {
            const Eigen::Vector3d u = a.unitOrthogonal();
            cell.row(missing[0]) = u;
            cell.row(missing[1]) = a.cross(u).normalized();
        }
    }
    return cell;
}

Lattice makeLattice(const Frame& frame, double cutoff) {
    if (!(cutoff > 0)) throw ComputeError("the neighbour cutoff must be positive");
    Lattice lat;
    lat.cell = frame.cell;
    if (!frame.isPeriodic()) return lat;
    lat.cell = completedCell(frame);
    const double volume = std::abs(lat.cell.determinant());
    if (!(volume > 1e-12 * std::pow(lat.cell.norm(), 3) && volume > 0))
        throw ComputeError("the cell of a periodic structure is singular (zero volume)");
    lat.inverse = lat.cell.inverse();
    for (int k = 0; k < 3; ++k) {
        lat.periodic[std::size_t(k)] = frame.pbc[std::size_t(k)];
        if (!lat.periodic[std::size_t(k)]) continue;
        // Column k of the inverse is the reciprocal vector; 1/|b*_k| is the plane spacing.
        lat.reach[k] = cutoff * lat.inverse.col(k).norm();
        lat.range[k] = int(std::ceil(lat.reach[k]));
    }
    return lat;
}

// A point of the search: an atom or one of its periodic images.
struct Point {
    Eigen::Vector3d position;
    int atom;
};

} // namespace

Eigen::Vector3i imageRange(const Frame& frame, double cutoff) {
    return makeLattice(frame, cutoff).range;
}

NeighbourList buildNeighbourList(const Frame& frame, double cutoff) {
    const Lattice lat = makeLattice(frame, cutoff);
    const int n = frame.atomCount();
    NeighbourList result(static_cast<std::size_t>(n));
    if (n == 0) return result;

    // Wrap atoms into the cell along periodic directions, then add every image whose
    // fractional coordinates lie within `reach` of the cell: any neighbour of a wrapped atom
    // closer than the cutoff is among them.
    std::vector<Point> points;
    std::vector<int> selfPoint(static_cast<std::size_t>(n));
    points.reserve(std::size_t(n));
    const bool periodic = frame.isPeriodic();
    for (int i = 0; i < n; ++i) {
        Eigen::Vector3d pos = frame.positions.row(i).transpose();
        if (!periodic) {
            selfPoint[std::size_t(i)] = int(points.size());
            points.push_back({pos, i});
            continue;
        }
        Eigen::Vector3d frac = lat.inverse.transpose() * pos;
        for (int k = 0; k < 3; ++k)
            if (lat.periodic[std::size_t(k)]) frac[k] -= std::floor(frac[k]);
        const Eigen::Vector3i& r = lat.range;
        for (int a = -r[0] - 1; a <= r[0] + 1; ++a)
            for (int b = -r[1] - 1; b <= r[1] + 1; ++b)
                for (int c = -r[2] - 1; c <= r[2] + 1; ++c) {
                    const Eigen::Vector3i shift(a, b, c);
                    bool keep = true;
                    for (int k = 0; k < 3 && keep; ++k) {
                        if (!lat.periodic[std::size_t(k)]) {
                            keep = shift[k] == 0;
                            continue;
                        }
                        const double f = frac[k] + shift[k];
                        keep = f >= -lat.reach[k] && f <= 1.0 + lat.reach[k];
                    }
                    if (!keep) continue;
                    const Eigen::Vector3d f = frac + shift.cast<double>();
                    if (shift.isZero()) selfPoint[std::size_t(i)] = int(points.size());
                    points.push_back({lat.cell.transpose() * f, i});
                }
    }

    // Bin the points on a grid of boxes at least `cutoff` wide; cap the box count so a
    // sparse molecule spread over a large volume does not allocate a huge grid.
    Eigen::Vector3d lo = points.front().position, hi = lo;
    for (const auto& p : points) {
        lo = lo.cwiseMin(p.position);
        hi = hi.cwiseMax(p.position);
    }
    const Eigen::Vector3d extent = hi - lo;
    double boxSize = cutoff;
    Eigen::Vector3i bins;
    for (;;) {
        for (int k = 0; k < 3; ++k) bins[k] = std::max(1, int(std::floor(extent[k] / boxSize)));
        if (double(bins[0]) * bins[1] * bins[2] <= 8.0 * double(points.size()) + 64) break;
        boxSize *= 1.5;
    }
    Eigen::Vector3d width;
    for (int k = 0; k < 3; ++k) width[k] = bins[k] > 1 ? extent[k] / bins[k] : extent[k] + 1.0;
    auto binOf = [&](const Eigen::Vector3d& p) {
        Eigen::Vector3i b;
        for (int k = 0; k < 3; ++k)
            b[k] = std::clamp(int(std::floor((p[k] - lo[k]) / width[k])), 0, bins[k] - 1);
        return b;
    };
    auto flat = [&](const Eigen::Vector3i& b) { return (b[0] * bins[1] + b[1]) * bins[2] + b[2]; };

    const int binCount = bins[0] * bins[1] * bins[2];
    std::vector<int> start(std::size_t(binCount) + 1, 0), order(points.size());
    std::vector<int> pointBin(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
        pointBin[p] = flat(binOf(points[p].position));
        ++start[std::size_t(pointBin[p]) + 1];
    }
    for (int b = 0; b < binCount; ++b) start[std::size_t(b) + 1] += start[std::size_t(b)];
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (std::size_t p = 0; p < points.size(); ++p)
        order[std::size_t(fill[std::size_t(pointBin[p])]++)] = int(p);

    const double cutoff2 = cutoff * cutoff;
    for (int i = 0; i < n; ++i) {
        const int self = selfPoint[std::size_t(i)];
        const Eigen::Vector3d& centre = points[std::size_t(self)].position;
        const Eigen::Vector3i b = binOf(centre);
        auto& list = result[std::size_t(i)];
        for (int x = std::max(0, b[0] - 1); x <= std::min(bins[0] - 1, b[0] + 1); ++x)
            for (int y = std::max(0, b[1] - 1); y <= std::min(bins[1] - 1, b[1] + 1); ++y)
                for (int z = std::max(0, b[2] - 1); z <= std::min(bins[2] - 1, b[2] + 1); ++z) {
                    const int box = flat(Eigen::Vector3i(x, y, z));
                    for (int s = start[std::size_t(box)]; s < start[std::size_t(box) + 1]; ++s) {
                        const int p = order[std::size_t(s)];
                        if (p == self) continue;
                        const Eigen::Vector3d v = points[std::size_t(p)].position - centre;
                        const double d2 = v.squaredNorm();
                        if (d2 < cutoff2 && d2 > 0)
                            list.push_back({points[std::size_t(p)].atom, v, std::sqrt(d2)});
                    }
                }
    }
    return result;
}

NeighbourList bruteForceNeighbourList(const Frame& frame, double cutoff) {
    const Lattice lat = makeLattice(frame, cutoff);
    const int n = frame.atomCount();
    NeighbourList result(static_cast<std::size_t>(n));
    const double cutoff2 = cutoff * cutoff;
    Eigen::Vector3i r = Eigen::Vector3i::Zero(); // images tried: [-r, r] per direction
    for (int k = 0; k < 3; ++k)
        if (lat.periodic[std::size_t(k)]) r[k] = lat.range[k] + 1;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            Eigen::Vector3d delta = (frame.positions.row(j) - frame.positions.row(i)).transpose();
            if (frame.isPeriodic()) {
                // Bring the pair into the same cell first, then try every image in range.
                Eigen::Vector3d frac = lat.inverse.transpose() * delta;
                for (int k = 0; k < 3; ++k)
                    if (lat.periodic[std::size_t(k)]) frac[k] -= std::round(frac[k]);
                delta = lat.cell.transpose() * frac;
            }
            for (int a = -r[0]; a <= r[0]; ++a)
                for (int b = -r[1]; b <= r[1]; ++b)
                    for (int c = -r[2]; c <= r[2]; ++c) {
                        const Eigen::Vector3d v =
                            delta + lat.cell.transpose() * Eigen::Vector3d(a, b, c);
                        const double d2 = v.squaredNorm();
                        if (d2 < cutoff2 && d2 > 0) result[std::size_t(i)].push_back({j, v, std::sqrt(d2)});
                    }
        }
    return result;
}

} // namespace le
