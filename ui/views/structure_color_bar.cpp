#include "ui/views/structure_color_bar.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace le::ui {

StructureColorBar::StructureColorBar(QWidget* parent) : QWidget(parent) {
    setMinimumWidth(130);
}

void StructureColorBar::showContinuous(const QString& title, const ColorMapper& mapper) {
    title_ = title;
    mapper_ = mapper;
    categories_.clear();
    update();
}

void StructureColorBar::showCategories(const QString& title,
                                       std::vector<std::pair<QString, Rgb>> entries) {
    title_ = title;
    mapper_.reset();
    categories_ = std::move(entries);
    update();
}

void StructureColorBar::clear() {
    title_.clear();
    mapper_.reset();
    categories_.clear();
    update();
}

std::vector<std::pair<double, QString>> StructureColorBar::ticks() const {
    std::vector<std::pair<double, QString>> out;
    if (!mapper_) return out;
    const ValueRange r = mapper_->range();
    if (mapper_->normalisation() == Normalisation::Log && r.min > 0 && r.max > r.min) {
        // One tick per decade inside the range, plus both ends.
        out.push_back({r.min, QString::number(r.min, 'g', 3)});
        for (int e = int(std::ceil(std::log10(r.min))); e <= int(std::floor(std::log10(r.max))); ++e) {
            const double v = std::pow(10.0, e);
            if (v > r.min * 1.2 && v < r.max / 1.2) out.push_back({v, QString("1e%1").arg(e)});
        }
        out.push_back({r.max, QString::number(r.max, 'g', 3)});
        return out;
    }
    for (int k = 0; k <= 4; ++k) {
        const double v = r.min + (r.max - r.min) * k / 4.0;
        out.push_back({v, QString::number(v, 'g', 3)});
    }
    return out;
}

void StructureColorBar::paintLegend(QPainter& painter, QRectF area) const {
    painter.save();
    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetricsF metrics(painter.font());
    const double line = metrics.height();
    // Up to three lines of title, then the bar starts below it with room for the top tick.
    const QRectF titleBox(area.left(), area.top(), area.width(), line * 3);
    const QRectF used = painter.boundingRect(titleBox, Qt::AlignLeft | Qt::TextWordWrap, title_);
    painter.save();
    painter.setClipRect(titleBox);
    painter.drawText(titleBox, Qt::AlignLeft | Qt::TextWordWrap, title_);
    painter.restore();
    const double top = area.top() + std::min(used.height(), line * 3) + line * 0.8;
    if (mapper_) {
        const double barWidth = 18, bottom = area.bottom() - line;
        const double height = bottom - top;
        if (height > 10) {
            for (int y = 0; y < int(height); ++y) {
                const Rgb c = sampleColormap(mapper_->colormap(), 1.0 - y / height);
                painter.fillRect(QRectF(area.left(), top + y, barWidth, 1.5), QColor(c.r, c.g, c.b));
            }
            painter.drawRect(QRectF(area.left(), top, barWidth, height));
            for (const auto& [value, text] : ticks()) {
                const double f = mapper_->normalise(value);
                if (!std::isfinite(f)) continue;
                const double y = bottom - f * height;
                painter.drawLine(QPointF(area.left() + barWidth, y), QPointF(area.left() + barWidth + 4, y));
                painter.drawText(QPointF(area.left() + barWidth + 6, y + line / 3), text);
            }
        }
    } else {
        double y = top;
        for (const auto& [name, c] : categories_) {
            if (y + line > area.bottom()) break;
            painter.fillRect(QRectF(area.left(), y + 2, line - 4, line - 4), QColor(c.r, c.g, c.b));
            painter.drawText(QPointF(area.left() + line + 2, y + line * 0.8), name);
            y += line * 1.2;
        }
    }
    painter.restore();
}

void StructureColorBar::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    paintLegend(painter, QRectF(rect()).adjusted(6, 6, -4, -6));
}

} // namespace le::ui
