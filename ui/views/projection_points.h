#pragma once
// The points of a projection map and the geometry on them: box and lasso hit tests,
// a 2-D histogram for the density mode, and the mapping between points and the atoms of the
// workspace selection (a structure-level point stands for all atoms of its frame).
#include <QPolygonF>
#include <QRectF>
#include <QSet>

#include <vector>

#include "core/dataset/dataset.h"

namespace le::ui {

struct ProjectionPoints {
    std::vector<double> x, y;
    Level level = Level::Atom;
    std::vector<qint64> row; // global atom (atom level) or frame (structure level) per point

    std::size_t size() const { return x.size(); }
};

// How many points lie inside [xLower, xUpper] × [yLower, yUpper], edges included (the points
// a view of that window draws; NaN coordinates are never inside).
std::size_t countPointsInWindow(const ProjectionPoints& points, double xLower, double xUpper,
                                double yLower, double yUpper);

// Points inside an axis-aligned rectangle / a closed polygon (even-odd rule), data units.
std::vector<int> pointsInRect(const ProjectionPoints& points, const QRectF& rect);
std::vector<int> pointsInPolygon(const ProjectionPoints& points, const QPolygonF& polygon);

// Global atoms standing for the given points, and the points whose atoms are selected.
QSet<qint64> atomsOfPoints(const ProjectionPoints& points, const std::vector<int>& indices,
                           const Dataset& dataset);
std::vector<char> pointsOfAtoms(const ProjectionPoints& points, const QSet<qint64>& atoms,
                                const Dataset& dataset);

// Counts of points per cell of a bins × bins grid over [xLower, xUpper] × [yLower, yUpper]
// (points outside are ignored; the upper edge belongs to the last cell).
struct DensityGrid {
    int bins = 0;
    double xLower = 0, xUpper = 1, yLower = 0, yUpper = 1;
    std::vector<int> counts; // counts[ix * bins + iy]
    int at(int ix, int iy) const { return counts[std::size_t(ix * bins + iy)]; }
};
DensityGrid histogram2d(const ProjectionPoints& points, int bins, double xLower, double xUpper,
                        double yLower, double yUpper);

} // namespace le::ui
