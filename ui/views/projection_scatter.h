#pragma once
// QCustomPlot plottable for up to millions of individually coloured and sized points.
// On screen the points are written straight into an image (a disc mask per radius, no
// per-point QPainter call), so 200 000 points redraw in a few milliseconds and nothing
// is thinned. Vector exports (SVG/PDF) draw every point as a real ellipse.
#include <qcustomplot.h>

#include <memory>
#include <vector>

#include "core/util/colormap.h"
#include "ui/views/projection_points.h"

namespace le::ui {

class ProjectionScatter : public QCPAbstractPlottable {
    Q_OBJECT
public:
    ProjectionScatter(QCPAxis* keyAxis, QCPAxis* valueAxis);

    void setPoints(std::shared_ptr<const ProjectionPoints> points);
    const ProjectionPoints* points() const { return points_.get(); }
    // One colour per point; `order` is the drawing order (later on top), empty = index order.
    void setColors(std::vector<Rgb> colors, std::vector<int> order = {});
    // Radius per point in pixels (empty = uniform `radius`).
    void setRadii(std::vector<float> radii, float radius = 2.5f);
    void setSelectedMask(std::vector<char> selected);
    void setVectorOutput(bool on) { vectorOutput_ = on; }

    // Pixel position of a point in the plot widget.
    QPointF pixelOf(int index) const;
    // Nearest point within `tolerance` pixels of `pixel`, or -1.
    int pointNear(const QPointF& pixel, double tolerance) const;

    double selectTest(const QPointF&, bool, QVariant* = nullptr) const override { return -1; }
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain = QCP::sdBoth,
                           const QCPRange& = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    void drawRaster(QCPPainter* painter);
    void drawVector(QCPPainter* painter);
    float radiusOf(std::size_t k) const { return radii_.empty() ? radius_ : radii_[k]; }
    Rgb colorOf(std::size_t k) const { return k < colors_.size() ? colors_[k] : Rgb{31, 119, 180}; }

    std::shared_ptr<const ProjectionPoints> points_;
    std::vector<Rgb> colors_;
    std::vector<int> order_;
    std::vector<float> radii_;
    float radius_ = 2.5f;
    std::vector<char> selected_;
    bool vectorOutput_ = false;
};

} // namespace le::ui
