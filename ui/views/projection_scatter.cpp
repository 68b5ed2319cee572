#include "ui/views/projection_scatter.h"

#include <algorithm>
#include <cmath>

namespace le::ui {
namespace {

constexpr Rgb kSelectedColor{255, 200, 0};
constexpr Rgb kOutlineColor{30, 30, 30};

// Writes an opaque disc into a 32-bit image, clipped to the image.
void fillDisc(QImage& image, double cx, double cy, double radius, QRgb color) {
    const int x0 = std::max(0, int(std::floor(cx - radius)));
    const int x1 = std::min(image.width() - 1, int(std::ceil(cx + radius)));
    const int y0 = std::max(0, int(std::floor(cy - radius)));
    const int y1 = std::min(image.height() - 1, int(std::ceil(cy + radius)));
    const double r2 = radius * radius;
    for (int y = y0; y <= y1; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const double dy = y + 0.5 - cy;
        for (int x = x0; x <= x1; ++x) {
            const double dx = x + 0.5 - cx;
            if (dx * dx + dy * dy <= r2) line[x] = color;
        }
    }
}

} // namespace

ProjectionScatter::ProjectionScatter(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis) {
    setSelectable(QCP::stNone);
    setAntialiased(false);
}

void ProjectionScatter::setPoints(std::shared_ptr<const ProjectionPoints> points) {
    points_ = std::move(points);
    colors_.clear();
    order_.clear();
    radii_.clear();
    selected_.clear();
}

void ProjectionScatter::setColors(std::vector<Rgb> colors, std::vector<int> order) {
    colors_ = std::move(colors);
    order_ = std::move(order);
}

void ProjectionScatter::setRadii(std::vector<float> radii, float radius) {
    radii_ = std::move(radii);
    radius_ = radius;
}

void ProjectionScatter::setSelectedMask(std::vector<char> selected) { selected_ = std::move(selected); }

QCPRange ProjectionScatter::getKeyRange(bool& foundRange, QCP::SignDomain) const {
    foundRange = points_ && points_->size() > 0;
    if (!foundRange) return {};
    const auto [lo, hi] = std::minmax_element(points_->x.begin(), points_->x.end());
    return {*lo, *hi};
}

QCPRange ProjectionScatter::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const {
    foundRange = points_ && points_->size() > 0;
    if (!foundRange) return {};
    const auto [lo, hi] = std::minmax_element(points_->y.begin(), points_->y.end());
    return {*lo, *hi};
}

QPointF ProjectionScatter::pixelOf(int index) const {
    return {mKeyAxis->coordToPixel(points_->x[std::size_t(index)]),
            mValueAxis->coordToPixel(points_->y[std::size_t(index)])};
}

int ProjectionScatter::pointNear(const QPointF& pixel, double tolerance) const {
    if (!points_) return -1;
    int best = -1;
    double bestDistance = tolerance * tolerance;
    for (std::size_t k = 0; k < points_->size(); ++k) {
        const QPointF p = pixelOf(int(k));
        const double d = (p.x() - pixel.x()) * (p.x() - pixel.x()) + (p.y() - pixel.y()) * (p.y() - pixel.y());
        if (d <= bestDistance) bestDistance = d, best = int(k);
    }
    return best;
}

void ProjectionScatter::draw(QCPPainter* painter) {
    if (!points_ || points_->size() == 0) return;
    if (vectorOutput_) drawVector(painter);
    else drawRaster(painter);
}

void ProjectionScatter::drawRaster(QCPPainter* painter) {
    const QRect area = clipRect();
    const double dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QImage image(area.size() * dpr, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    // Pixel = a·coordinate + b along each axis (linear axes), in image pixels.
    const double ax = (mKeyAxis->coordToPixel(1) - mKeyAxis->coordToPixel(0)) * dpr;
    const double bx = (mKeyAxis->coordToPixel(0) - area.left()) * dpr;
    const double ay = (mValueAxis->coordToPixel(1) - mValueAxis->coordToPixel(0)) * dpr;
    const double by = (mValueAxis->coordToPixel(0) - area.top()) * dpr;
    const auto drawPoint = [&](std::size_t k, Rgb c, double extra) {
        const Rgb rgb = c;
        fillDisc(image, ax * points_->x[k] + bx, ay * points_->y[k] + by,
                 (radiusOf(k) + extra) * dpr, qRgb(rgb.r, rgb.g, rgb.b));
    };
    const std::size_t n = points_->size();
    const bool anySelected = std::find(selected_.begin(), selected_.end(), 1) != selected_.end();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = order_.size() == n ? std::size_t(order_[i]) : i;
        if (!anySelected || !selected_[k]) drawPoint(k, colorOf(k), 0);
    }
    // Selected points on top: a dark outline and an amber centre.
    if (anySelected)
        for (std::size_t k = 0; k < n; ++k)
            if (selected_[k]) {
                drawPoint(k, kOutlineColor, 1.5);
                drawPoint(k, kSelectedColor, 0.5);
            }
    image.setDevicePixelRatio(dpr);
    painter->drawImage(area.topLeft(), image);
}

void ProjectionScatter::drawVector(QCPPainter* painter) {
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    const std::size_t n = points_->size();
    const QRectF area = clipRect();
    const auto drawPoint = [&](std::size_t k, Rgb c, double extra) {
        const QPointF p = pixelOf(int(k));
        if (!area.adjusted(-10, -10, 10, 10).contains(p)) return;
        painter->setBrush(QColor(c.r, c.g, c.b));
        const double r = radiusOf(k) + extra;
        painter->drawEllipse(p, r, r);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = order_.size() == n ? std::size_t(order_[i]) : i;
        if (selected_.size() != n || !selected_[k]) drawPoint(k, colorOf(k), 0);
    }
    if (selected_.size() == n)
        for (std::size_t k = 0; k < n; ++k)
            if (selected_[k]) {
                drawPoint(k, kOutlineColor, 1.5);
                drawPoint(k, kSelectedColor, 0.5);
            }
}

void ProjectionScatter::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const {
    painter->setBrush(QColor(31, 119, 180));
    painter->setPen(Qt::NoPen);
    painter->drawEllipse(rect.center(), 3, 3);
}

} // namespace le::ui
