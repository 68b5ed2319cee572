#include "ui/views/projection_points.h"

#include <algorithm>
#include <cmath>

namespace le::ui {

std::size_t countPointsInWindow(const ProjectionPoints& points, double xLower, double xUpper,
                                double yLower, double yUpper) {
    std::size_t inside = 0;
    for (std::size_t k = 0; k < points.size(); ++k)
        inside += points.x[k] >= xLower && points.x[k] <= xUpper && points.y[k] >= yLower &&
                  points.y[k] <= yUpper;
    return inside;
}

std::vector<int> pointsInRect(const ProjectionPoints& points, const QRectF& rect) {
    const QRectF r = rect.normalized();
    std::vector<int> out;
    for (std::size_t k = 0; k < points.size(); ++k)
        if (points.x[k] >= r.left() && points.x[k] <= r.right() && points.y[k] >= r.top() &&
            points.y[k] <= r.bottom())
            out.push_back(int(k));
    return out;
}

std::vector<int> pointsInPolygon(const ProjectionPoints& points, const QPolygonF& polygon) {
    std::vector<int> out;
    if (polygon.size() < 3) return out;
    const QRectF bounds = polygon.boundingRect();
    const int n = int(polygon.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
        const double px = points.x[k], py = points.y[k];
        if (px < bounds.left() || px > bounds.right() || py < bounds.top() || py > bounds.bottom())
            continue;
        // Even-odd rule: count edges crossed by a ray towards +x.
        bool inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            const QPointF& a = polygon[i];
            const QPointF& b = polygon[j];
            if ((a.y() > py) != (b.y() > py) &&
                px < (b.x() - a.x()) * (py - a.y()) / (b.y() - a.y()) + a.x())
                inside = !inside;
        }
        if (inside) out.push_back(int(k));
    }
    return out;
}

QSet<qint64> atomsOfPoints(const ProjectionPoints& points, const std::vector<int>& indices,
                           const Dataset& dataset) {
    QSet<qint64> atoms;
    for (int i : indices) {
        const qint64 row = points.row[std::size_t(i)];
        if (points.level == Level::Atom) {
            atoms.insert(row);
            continue;
        }
        for (qint64 a = dataset.offsets()[std::size_t(row)]; a < dataset.offsets()[std::size_t(row) + 1]; ++a)
            atoms.insert(a);
    }
    return atoms;
}

std::vector<char> pointsOfAtoms(const ProjectionPoints& points, const QSet<qint64>& atoms,
                                const Dataset& dataset) {
    std::vector<char> selected(points.size(), 0);
    if (atoms.isEmpty()) return selected;
    if (points.level == Level::Atom) {
        for (std::size_t k = 0; k < points.size(); ++k) selected[k] = atoms.contains(points.row[k]);
        return selected;
    }
    std::vector<char> frameHit(std::size_t(dataset.frameCount()), 0);
    for (qint64 atom : atoms)
        if (atom >= 0 && atom < dataset.atomCount()) frameHit[std::size_t(dataset.frameOfAtom(atom))] = 1;
    for (std::size_t k = 0; k < points.size(); ++k) selected[k] = frameHit[std::size_t(points.row[k])];
    return selected;
}

DensityGrid histogram2d(const ProjectionPoints& points, int bins, double xLower, double xUpper,
                        double yLower, double yUpper) {
    DensityGrid grid{bins, xLower, xUpper, yLower, yUpper, std::vector<int>(std::size_t(bins * bins), 0)};
    if (bins <= 0 || !(xUpper > xLower) || !(yUpper > yLower)) return grid;
    const double sx = bins / (xUpper - xLower), sy = bins / (yUpper - yLower);
    for (std::size_t k = 0; k < points.size(); ++k) {
        const double x = points.x[k], y = points.y[k];
        if (!(x >= xLower && x <= xUpper && y >= yLower && y <= yUpper)) continue;
        const int ix = std::min(bins - 1, int((x - xLower) * sx));
        const int iy = std::min(bins - 1, int((y - yLower) * sy));
        ++grid.counts[std::size_t(ix * bins + iy)];
    }
    return grid;
}

} // namespace le::ui
