#include "ui/views/heatmap_view.h"

#include <QMenu>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

#include "ui/dialogs/export_dialog.h"
#include "ui/export/plot_export.h"

namespace le::ui {

namespace {

QCPColorGradient gradientFor(ColormapId id) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const ColorStop& stop : colormapStops(id))
        gradient.setColorStopAt(stop.position, QColor(stop.color.r, stop.color.g, stop.color.b));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    const Rgb missing = missingValueColor();
    gradient.setNanColor(QColor(missing.r, missing.g, missing.b));
    return gradient;
}

QSharedPointer<QCPAxisTickerText> nameTicker(const QStringList& names) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < names.size(); ++i) ticker->addTick(i, names[i]);
    return ticker;
}

// Relative luminance (sRGB weights): text is white on dark cells, black on light ones.
bool isDark(const QColor& c) {
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF() < 0.5;
}

} // namespace

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->setMouseTracking(true);
    plot_->setMinimumSize(320, 240);
    plot_->addLayer(kScreenOnlyLayer, plot_->layer("main"), QCustomPlot::limAbove);
    connect(plot_, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &HeatmapView::onMousePress);
    // Every heatmap (computed, published, difference, cumulant table) exports from its own
    // context menu.
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        menu.addAction(tr("Export figure…"), this, [this] {
            QString name;
            for (const NamedMatrix& m : panels_) name += (name.isEmpty() ? "" : "_") + m.title;
            ExportDialog::exportPlotInteractively(*plot_, name.isEmpty() ? "heatmap" : name, this);
        });
        menu.exec(plot_->mapToGlobal(at));
    });
    rebuild();
}

void HeatmapView::setPanels(std::vector<NamedMatrix> panels) {
    panels_ = std::move(panels);
    rebuild();
}

void HeatmapView::setColorRange(double lower, double upper) {
    if (!(upper > lower)) return;
    range_ = {lower, upper};
    rebuild();
}

void HeatmapView::setColormap(ColormapId id) {
    colormap_ = id;
    rebuild();
}

void HeatmapView::useDivergingRange() {
    double extent = 0;
    for (const auto& p : panels_)
        for (Eigen::Index i = 0; i < p.values.size(); ++i)
            if (std::isfinite(p.values.data()[i]))
                extent = std::max(extent, std::abs(p.values.data()[i]));
    if (extent == 0) extent = 1;
    colormap_ = ColormapId::Coolwarm;
    range_ = {-extent, extent};
    rebuild();
}

void HeatmapView::setColorBarLabel(const QString& label) {
    barLabel_ = label;
    rebuild();
}

void HeatmapView::setDecimals(int decimals) {
    decimals_ = std::clamp(decimals, 0, 8);
    rebuild();
}

QString HeatmapView::cellText(int panel, int row, int column) const {
    const double v = panels_.at(panel).values(row, column);
    if (!std::isfinite(v)) return {};
    auto format = [this](double x) {
        QString text = QString::number(x, 'f', decimals_);
        if (text == "-" + QString::number(0.0, 'f', decimals_)) text.remove(0, 1); // no "-0.00"
        return text;
    };
    const Eigen::MatrixXd& spread = panels_.at(panel).spread;
    if (spread.rows() > row && spread.cols() > column && std::isfinite(spread(row, column)))
        return format(v) + QString::fromUtf8("±") + format(spread(row, column));
    return format(v);
}

QColor HeatmapView::cellTextColor(int panel, int row, int column) const {
    const double v = panels_.at(panel).values(row, column);
    const ColorMapper mapper(colormap_, rangeOf(panel), Normalisation::Linear);
    const Rgb c = mapper.map(v);
    return isDark(QColor(c.r, c.g, c.b)) ? Qt::white : Qt::black;
}

void HeatmapView::setHighlightedCell(int panel, int row, int column) {
    highlight_ = HeatmapCell{panel, row, column};
    drawHighlight();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::drawHighlight() {
    if (highlightItem_) plot_->removeItem(highlightItem_);
    highlightItem_ = nullptr;
    const HeatmapCell& h = highlight_;
    if (h.panel < 0 || h.panel >= int(panels_.size()) || h.row < 0 || h.column < 0 ||
        h.row >= panels_[std::size_t(h.panel)].values.rows() || h.column >= panels_[std::size_t(h.panel)].values.cols())
        return;
    QCPAxisRect* rect = rects_[std::size_t(h.panel)];
    highlightItem_ = new QCPItemRect(plot_);
    highlightItem_->setLayer(kScreenOnlyLayer);
    highlightItem_->setClipAxisRect(rect);
    for (QCPItemPosition* corner : {highlightItem_->topLeft, highlightItem_->bottomRight})
        corner->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    highlightItem_->topLeft->setCoords(h.column - 0.47, h.row - 0.47);
    highlightItem_->bottomRight->setCoords(h.column + 0.47, h.row + 0.47);
    highlightItem_->setPen(QPen(QColor(255, 140, 0), 3));
    highlightItem_->setBrush(Qt::NoBrush);
}

ValueRange HeatmapView::rangeOf(int panel) const {
    const auto& own = panels_.at(std::size_t(panel)).ownRange;
    return own ? *own : range_;
}

QCPColorScale* HeatmapView::addColorScale(ValueRange range, const QString& label) {
    auto* scale = new QCPColorScale(plot_);
    scale->setGradient(gradientFor(colormap_));
    scale->setDataRange(QCPRange(range.min, range.max));
    scale->axis()->setLabel(label);
    scale->setBarWidth(14);
    return scale;
}

void HeatmapView::rebuild() {
    plot_->clearPlottables();
    plot_->clearItems();
    highlightItem_ = nullptr; // deleted with the other items
    plot_->plotLayout()->clear();
    rects_.clear();
    labels_.clear();
    scale_ = nullptr;
    ownScales_.clear();
    rectColumns_.clear();
    if (panels_.empty()) {
        plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("No results yet")));
        plot_->replot();
        return;
    }
    const QCPColorGradient gradient = gradientFor(colormap_);
    // The shared bar follows the last panel that uses it; a panel with its own range has its own.
    int lastShared = -1;
    for (int p = 0; p < int(panels_.size()); ++p)
        if (!panels_[std::size_t(p)].ownRange) lastShared = p;
    if (lastShared >= 0) scale_ = addColorScale(range_, barLabel_);
    int column = 0;
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    const int n = int(panels_.size());
    for (int p = 0; p < n; ++p) {
        const NamedMatrix& m = panels_[p];
        auto* rect = new QCPAxisRect(plot_);
        plot_->plotLayout()->addElement(0, column, new QCPTextElement(plot_, m.title, titleFont));
        plot_->plotLayout()->addElement(1, column, rect);
        rectColumns_.push_back(column);
        plot_->plotLayout()->setColumnStretchFactor(column++, 1);
        QCPColorScale* scale = scale_;
        if (m.ownRange) {
            scale = addColorScale(*m.ownRange, QString()); // the panel's title says what it is
            ownScales_.push_back(scale);
        }
        if (m.ownRange || p == lastShared) {
            plot_->plotLayout()->addElement(1, column, scale);
            plot_->plotLayout()->setColumnStretchFactor(column++, 0.01);
        }
        const ValueRange range = rangeOf(p);
        rects_.push_back(rect);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        x->setTicker(nameTicker(m.columnNames));
        y->setTicker(nameTicker(m.rowNames));
        // Long names are rotated so they end at their tick (no overlap with the next panel).
        x->setTickLabelRotation(m.columnNames.join("").size() > 8 * m.columnNames.size() ? -45 : 0);
        x->setLabel(tr("target"));
        y->setLabel(tr("source"));
        // The same sources as the panel on the left: their names are not repeated (room for the cells).
        if (p > 0 && m.rowNames == panels_[std::size_t(p - 1)].rowNames) {
            y->setTickLabels(false);
            y->setLabel(QString());
        }
        x->setRange(-0.5, m.values.cols() - 0.5);
        y->setRange(-0.5, m.values.rows() - 0.5);
        y->setRangeReversed(true); // first source on top, as in the paper
        for (QCPAxis* axis : {x, y}) {
            axis->grid()->setVisible(false);
            axis->setSubTicks(false);
            axis->setTickLength(0, 3);
        }
        auto* map = new QCPColorMap(x, y);
        map->data()->setSize(int(m.values.cols()), int(m.values.rows()));
        map->data()->setRange(QCPRange(0, std::max<double>(0, m.values.cols() - 1)),
                              QCPRange(0, std::max<double>(0, m.values.rows() - 1)));
        for (int r = 0; r < m.values.rows(); ++r)
            for (int c = 0; c < m.values.cols(); ++c) map->data()->setCell(c, r, m.values(r, c));
        map->setGradient(gradient);
        map->setDataRange(QCPRange(range.min, range.max));
        map->setInterpolate(false);
        map->setTightBoundary(false);
        map->setColorScale(scale);
        // Cell labels shrink to fit their cells once the layout is known (fitSquareCells).
        for (int r = 0; r < m.values.rows(); ++r)
            for (int c = 0; c < m.values.cols(); ++c) {
                const QString text = cellText(p, r, c);
                if (text.isEmpty()) continue;
                auto* label = new QCPItemText(plot_);
                label->setClipAxisRect(rect);
                label->position->setAxes(x, y);
                label->position->setCoords(c, r);
                label->setText(text);
                label->setFont(font());
                label->setColor(cellTextColor(p, r, c));
                label->setPositionAlignment(Qt::AlignCenter);
                labels_.push_back(label);
            }
    }
    // Keep the panels square-ish and the colour bars narrow.
    auto* margins = new QCPMarginGroup(plot_);
    for (auto* rect : rects_) rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    if (scale_) scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    for (auto* scale : ownScales_) scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    drawHighlight();
    fitSquareCells();
}

void HeatmapView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitSquareCells();
}

void HeatmapView::fitSquareCells() {
    // Lay out without limits, then cap each panel at the largest square-celled size.
    for (QCPAxisRect* rect : rects_) {
        rect->setSizeConstraintRect(QCPLayoutElement::scrInnerRect);
        rect->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    }
    plot_->replot();
    if (rects_.empty()) return;
    // Each panel's column gets the width of its tick labels plus its share of square cells, so
    // a panel without row names (repeated from its left neighbour) is not given the same width.
    double outer = 0, margins = 0, columns = 0;
    for (std::size_t p = 0; p < rects_.size(); ++p) {
        outer += rects_[p]->outerRect().width();
        margins += rects_[p]->outerRect().width() - rects_[p]->rect().width();
        columns += double(panels_[p].values.cols());
    }
    if (columns > 0 && outer > margins) {
        const double cellWidth = (outer - margins) / columns;
        for (std::size_t p = 0; p < rects_.size(); ++p)
            plot_->plotLayout()->setColumnStretchFactor(
                rectColumns_[p], std::max(1.0, rects_[p]->outerRect().width() - rects_[p]->rect().width() +
                                                   cellWidth * double(panels_[p].values.cols())));
        plot_->replot();
    }
    double cell = 1e9;
    for (std::size_t p = 0; p < rects_.size(); ++p) {
        const QRect inner = rects_[p]->rect();
        const auto& m = panels_[p].values;
        if (m.rows() == 0 || m.cols() == 0) continue;
        cell = std::min({cell, double(inner.width()) / double(m.cols()),
                         double(inner.height()) / double(m.rows())});
    }
    if (cell <= 0 || cell >= 1e9) return;
    for (std::size_t p = 0; p < rects_.size(); ++p) {
        const auto& m = panels_[p].values;
        rects_[p]->setMaximumSize(int(cell * double(m.cols())), int(cell * double(m.rows())));
    }
    fitCellLabels(cell);
    plot_->replot();
}

void HeatmapView::fitCellLabels(double cellPixels) {
    // One size for every label: the widget's font, smaller when the widest text would not fit
    // in 90 % of a cell (never below 6 pt). "0.42±0.01" (repeats) may break into "0.42" over
    // "±0.01" when two lines allow a larger font in the square cells.
    const QFont base = font();
    const QFontMetricsF metrics(base);
    const QString pm = QString::fromUtf8("±");
    double oneLine = 0, twoLines = 0;
    bool spread = false;
    for (const QCPItemText* label : labels_) {
        const QString text = label->text().replace('\n', "");
        oneLine = std::max(oneLine, metrics.horizontalAdvance(text));
        const qsizetype at = text.indexOf(pm);
        if (at < 0) {
            twoLines = std::max(twoLines, metrics.horizontalAdvance(text));
            continue;
        }
        spread = true;
        twoLines = std::max({twoLines, metrics.horizontalAdvance(text.left(at)), metrics.horizontalAdvance(text.mid(at))});
    }
    auto scaleFor = [&](double width, double height) {
        return std::min({1.0, width > 0 ? 0.9 * cellPixels / width : 1.0, 0.9 * cellPixels / height});
    };
    const double single = scaleFor(oneLine, metrics.height());
    const double stacked = spread ? scaleFor(twoLines, 2 * metrics.lineSpacing()) : 0.0;
    const bool stack = stacked > 1.05 * single;
    QFont cellFont = base;
    cellFont.setPointSizeF(std::max(6.0, base.pointSizeF() * (stack ? stacked : single)));
    for (QCPItemText* label : labels_) {
        QString text = label->text().replace('\n', "");
        if (stack) text.replace(pm, "\n" + pm);
        label->setText(text);
        label->setFont(cellFont);
        label->setTextAlignment(Qt::AlignCenter);
    }
}

QPoint HeatmapView::cellCenter(int panel, int row, int column) const {
    QCPAxisRect* rect = rects_.at(panel);
    const double px = rect->axis(QCPAxis::atBottom)->coordToPixel(column);
    const double py = rect->axis(QCPAxis::atLeft)->coordToPixel(row);
    return plot_->mapTo(this, QPoint(int(std::lround(px)), int(std::lround(py))));
}

HeatmapView::CellHit HeatmapView::cellAt(const QPoint& pixel) const {
    const QPoint p = plot_->mapFrom(this, pixel);
    for (int i = 0; i < int(rects_.size()); ++i) {
        QCPAxisRect* rect = rects_[i];
        if (!rect->rect().contains(p)) continue;
        const int c = int(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(p.x())));
        const int r = int(std::lround(rect->axis(QCPAxis::atLeft)->pixelToCoord(p.y())));
        const auto& m = panels_[i].values;
        if (r < 0 || c < 0 || r >= m.rows() || c >= m.cols()) return {};
        return {i, r, c};
    }
    return {};
}

QString HeatmapView::tooltipText(const CellHit& hit) const {
    if (!hit.valid()) return {};
    const NamedMatrix& m = panels_[hit.panel];
    const double v = m.values(hit.row, hit.column);
    QString value = std::isfinite(v) ? QString::number(v, 'g', 10) : tr("not computed");
    if (m.spread.size() && std::isfinite(v))
        value = tr("mean %1 ± s.d. %2 over %3 repeats")
                    .arg(QString::number(v, 'g', 6), QString::number(m.spread(hit.row, hit.column), 'g', 3))
                    .arg(m.repeats);
    return QString("%1  %2 → %3\n%4").arg(m.title, m.rowNames[hit.row],
                                           m.columnNames[hit.column], value);
}

void HeatmapView::onMouseMove(QMouseEvent* event) {
    const CellHit hit = cellAt(plot_->mapTo(this, event->pos()));
    if (hit.valid())
        QToolTip::showText(event->globalPosition().toPoint(), tooltipText(hit), plot_);
    else
        QToolTip::hideText();
}

void HeatmapView::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const CellHit hit = cellAt(plot_->mapTo(this, event->pos()));
    if (hit.valid()) emit cellClicked(hit.panel, hit.row, hit.column);
}

} // namespace le::ui
