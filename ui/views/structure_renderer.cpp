#include "ui/views/structure_renderer.h"

#include <QRadialGradient>

#include <algorithm>
#include <cmath>

#include "core/structure/element_style.h"

namespace le::ui {
namespace {

enum class ItemKind : std::uint8_t { Atom, Stick, CellSegment };

struct DrawItem {
    float depth;
    ItemKind kind;
    int index;
};

constexpr int kCellSegmentsPerEdge = 8; // cell edges are cut so they sort between atoms

QColor toQColor(Rgb c) { return QColor(c.r, c.g, c.b); }

QColor mix(const QColor& a, const QColor& b, double f) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

// Light from the upper left: a bright spot, the colour itself, a darker rim.
QRadialGradient sphereGradient(double x, double y, double radius, Rgb color) {
    const QColor base = toQColor(color);
    QRadialGradient gradient(QPointF(x, y), radius, QPointF(x - 0.35 * radius, y - 0.4 * radius));
    gradient.setColorAt(0.0, mix(base, Qt::white, 0.6));
    gradient.setColorAt(0.45, base);
    gradient.setColorAt(1.0, mix(base, Qt::black, 0.55));
    return gradient;
}

Rgb colorOf(const SceneAtom& atom, const std::vector<Rgb>& frameAtomColors) {
    if (atom.frameAtom >= 0 && std::size_t(atom.frameAtom) < frameAtomColors.size())
        return frameAtomColors[std::size_t(atom.frameAtom)];
    return elementStyle(atom.z).color;
}

} // namespace

const QImage& StructureRenderer::sprite(Rgb color, double radius, double dpr) {
    // Radius quantised to 1/4 device pixel: invisible steps, bounded cache.
    const int quarterPixels = std::clamp(int(std::lround(radius * dpr * 4)), 1, 4 * 512);
    const quint64 key = (quint64(color.r) << 40) | (quint64(color.g) << 32) |
                        (quint64(color.b) << 24) | quint64(quarterPixels);
    auto found = sprites_.constFind(key);
    if (found != sprites_.constEnd()) return *found;
    if (sprites_.size() > 20000) sprites_.clear();

    const double r = quarterPixels / 4.0; // device pixels
    const int side = int(std::ceil(2 * r)) + 2;
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        const double c = side / 2.0;
        p.setBrush(sphereGradient(c, c, r, color));
        p.drawEllipse(QPointF(c, c), r, r);
    }
    image.setDevicePixelRatio(dpr);
    return *sprites_.insert(key, image);
}

void StructureRenderer::drawSphere(QPainter& painter, double x, double y, double radius,
                                   Rgb color, bool vector, double dpr) {
    if (vector) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(sphereGradient(x, y, radius, color));
        painter.drawEllipse(QPointF(x, y), radius, radius);
        return;
    }
    const QImage& image = sprite(color, radius, dpr);
    const double half = image.width() / (2.0 * dpr);
    painter.drawImage(QPointF(x - half, y - half), image);
}

void StructureRenderer::paint(QPainter& painter, QSize size, const StructureScene& scene,
                              const StructureCamera& camera,
                              const std::vector<Rgb>& frameAtomColors,
                              const std::vector<char>& selected, int hovered,
                              const RenderOptions& options) {
    const double w = size.width(), h = size.height();
    painter.fillRect(QRectF(0, 0, w, h), options.background);

    std::vector<ProjectedPoint> atoms(scene.atoms.size());
    for (std::size_t k = 0; k < scene.atoms.size(); ++k)
        atoms[k] = camera.project(scene.atoms[k].position, w, h);

    std::vector<DrawItem> items;
    items.reserve(scene.atoms.size() + scene.sticks.size() +
                  scene.cellEdges.size() * kCellSegmentsPerEdge);
    for (std::size_t k = 0; k < scene.atoms.size(); ++k)
        if (atoms[k].visible) items.push_back({float(atoms[k].depth), ItemKind::Atom, int(k)});
    // Sticks are clipped where they leave the spheres, so a stick drawn over the farther
    // atom starts at that atom's surface, as it would look in 3D.
    struct ProjectedStick {
        ProjectedPoint start, middle, end;
    };
    std::vector<ProjectedStick> sticks(scene.sticks.size());
    for (std::size_t k = 0; k < scene.sticks.size(); ++k) {
        const SceneStick& stick = scene.sticks[k];
        const SceneAtom& a = scene.atoms[std::size_t(stick.atomA)];
        const double rB = stick.atomB >= 0 ? scene.atoms[std::size_t(stick.atomB)].radius : 0.0;
        const Eigen::Vector3d along = stick.end - stick.start;
        const double length = along.norm();
        if (length <= a.radius + rB) continue;
        const Eigen::Vector3d dir = along / length;
        ProjectedStick& p = sticks[k];
        p.start = camera.project(stick.start + a.radius * dir, w, h);
        p.end = camera.project(stick.end - rB * dir, w, h);
        p.middle = camera.project(0.5 * (stick.start + stick.end), w, h);
        if (!p.start.visible || !p.end.visible) continue;
        items.push_back({float(0.5 * (p.start.depth + p.end.depth)), ItemKind::Stick, int(k)});
    }
    std::vector<std::array<ProjectedPoint, 2>> cellSegments;
    for (const auto& edge : scene.cellEdges)
        for (int s = 0; s < kCellSegmentsPerEdge; ++s) {
            const double f0 = double(s) / kCellSegmentsPerEdge;
            const double f1 = double(s + 1) / kCellSegmentsPerEdge;
            const auto a = camera.project(edge[0] + f0 * (edge[1] - edge[0]), w, h);
            const auto b = camera.project(edge[0] + f1 * (edge[1] - edge[0]), w, h);
            if (!a.visible || !b.visible) continue;
            items.push_back({float(0.5 * (a.depth + b.depth)), ItemKind::CellSegment,
                             int(cellSegments.size())});
            cellSegments.push_back({a, b});
        }
    std::sort(items.begin(), items.end(),
              [](const DrawItem& a, const DrawItem& b) { return a.depth > b.depth; });

    // Depth cueing for dense scenes: up to 40 % towards the background at the back, in 8
    // steps so the sprite cache stays small.
    const bool cue = options.depthCueing && scene.atoms.size() >= 100 && !items.empty();
    const double nearest = cue ? items.back().depth : 0.0, farthest = cue ? items.front().depth : 1.0;
    const Rgb background{std::uint8_t(options.background.red()), std::uint8_t(options.background.green()),
                         std::uint8_t(options.background.blue())};
    const auto cued = [&](Rgb c, double depth) {
        if (!cue || farthest <= nearest) return c;
        const double level = std::round(7.0 * (depth - nearest) / (farthest - nearest)) / 7.0;
        const double f = 0.4 * level;
        const auto channel = [f](std::uint8_t a, std::uint8_t b) {
            return std::uint8_t(std::lround(a + (double(b) - a) * f));
        };
        return Rgb{channel(c.r, background.r), channel(c.g, background.g), channel(c.b, background.b)};
    };

    const auto isSelected = [&](int frameAtom) {
        return frameAtom >= 0 && std::size_t(frameAtom) < selected.size() &&
               selected[std::size_t(frameAtom)];
    };
    drawn_.clear();
    drawn_.reserve(scene.atoms.size());
    const QPen cellPen(options.cellColor, std::max(1.0, std::min(w, h) / 600.0));
    // State changes cost more than the lines themselves: only change what differs.
    QPen bondPen;
    bondPen.setCapStyle(Qt::FlatCap);
    bool penIsBond = false;
    Rgb penColor;
    double penWidth = -1;
    const auto setBondPen = [&](Rgb color, double width) {
        if (penIsBond && color == penColor && std::abs(width - penWidth) < 0.05) return;
        bondPen.setColor(mix(toQColor(color), Qt::black, 0.15));
        bondPen.setWidthF(width);
        painter.setPen(bondPen);
        penIsBond = true, penColor = color, penWidth = width;
    };
    int antialiased = -1;
    const auto setAntialiasing = [&](bool on) {
        if (antialiased == int(on)) return;
        painter.setRenderHint(QPainter::Antialiasing, on);
        antialiased = int(on);
    };
    for (const DrawItem& item : items) {
        switch (item.kind) {
        case ItemKind::CellSegment: {
            const auto& s = cellSegments[std::size_t(item.index)];
            setAntialiasing(!options.fast);
            painter.setPen(cellPen);
            penIsBond = false;
            painter.drawLine(QPointF(s[0].x, s[0].y), QPointF(s[1].x, s[1].y));
            break;
        }
        case ItemKind::Stick: {
            const SceneStick& stick = scene.sticks[std::size_t(item.index)];
            const ProjectedStick& p = sticks[std::size_t(item.index)];
            const Rgb colorA = cued(colorOf(scene.atoms[std::size_t(stick.atomA)], frameAtomColors), item.depth);
            const Rgb colorB = stick.atomB >= 0
                                   ? cued(colorOf(scene.atoms[std::size_t(stick.atomB)], frameAtomColors), item.depth)
                                   : colorA;
            const double width =
                2 * scene.bondRadius * 0.5 * (p.start.pixelsPerUnit + p.end.pixelsPerUnit);
            setAntialiasing(!options.fast);
            setBondPen(colorA, width);
            if (colorA == colorB) {
                painter.drawLine(QPointF(p.start.x, p.start.y), QPointF(p.end.x, p.end.y));
            } else {
                painter.drawLine(QPointF(p.start.x, p.start.y), QPointF(p.middle.x, p.middle.y));
                setBondPen(colorB, width);
                painter.drawLine(QPointF(p.middle.x, p.middle.y), QPointF(p.end.x, p.end.y));
            }
            break;
        }
        case ItemKind::Atom: {
            const SceneAtom& atom = scene.atoms[std::size_t(item.index)];
            const ProjectedPoint& p = atoms[std::size_t(item.index)];
            const double radius = atom.radius * p.pixelsPerUnit;
            drawSphere(painter, p.x, p.y, radius, cued(colorOf(atom, frameAtomColors), item.depth),
                       options.vector, options.devicePixelRatio);
            if (options.vector) penIsBond = false; // the gradient sphere cleared the pen
            const bool isHovered = atom.frameAtom == hovered;
            if (isSelected(atom.frameAtom) || isHovered) {
                setAntialiasing(true);
                penIsBond = false;
                painter.setBrush(Qt::NoBrush);
                const double ring = std::max(1.5, radius * 0.18);
                painter.setPen(QPen(isSelected(atom.frameAtom) ? QColor(255, 200, 0)
                                                                : QColor(20, 20, 20),
                                    ring));
                painter.drawEllipse(QPointF(p.x, p.y), radius + ring / 2, radius + ring / 2);
            }
            drawn_.push_back({float(p.x), float(p.y), float(radius), item.index});
            break;
        }
        }
    }

    if (options.labels) {
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        QFont font = painter.font();
        font.setPixelSize(std::max(9, int(std::min(w, h) / 60)));
        painter.setFont(font);
        painter.setPen(QColor(0, 0, 0));
        const bool all = int(drawn_.size()) <= options.maxLabels;
        for (const ProjectedAtom& p : drawn_) {
            const SceneAtom& atom = scene.atoms[std::size_t(p.sceneAtom)];
            if (!all && !isSelected(atom.frameAtom) && atom.frameAtom != hovered) continue;
            const QString text =
                QString("%1%2").arg(elementStyle(atom.z).symbol).arg(atom.frameAtom);
            painter.drawText(QPointF(p.x + p.radius * 0.75, p.y - p.radius * 0.75), text);
        }
    }
}

int StructureRenderer::atomAt(double x, double y) const {
    for (auto it = drawn_.rbegin(); it != drawn_.rend(); ++it) {
        const double dx = x - it->x, dy = y - it->y;
        if (dx * dx + dy * dy <= double(it->radius) * it->radius) return it->sceneAtom;
    }
    return -1;
}

} // namespace le::ui
