#include "ui/views/projection_map.h"

#include <QFileInfo>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/structure/element_style.h"
#include "ui/views/projection_scatter.h"
#include "ui/workspace/workspace.h"

namespace le::ui {
namespace {

constexpr int kDensityBins = 256;
constexpr double kClickTolerance = 6.0; // pixels

QCPColorGradient gradientOf(ColormapId id) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const ColorStop& stop : colormapStops(id))
        gradient.setColorStopAt(stop.position, QColor(stop.color.r, stop.color.g, stop.color.b));
    gradient.setLevelCount(256);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

} // namespace

ProjectionMap::ProjectionMap(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace) {
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMinimumSize(250, 200);
    scatter_ = new ProjectionScatter(plot_->xAxis, plot_->yAxis);
    densityMap_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    densityMap_->setInterpolate(false);
    densityMap_->setVisible(false);
    colorScale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, colorScale_);
    colorScale_->setVisible(false);
    auto* group = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    colorScale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    plot_->legend->setVisible(false);
    overlay_ = plot_->layer("overlay"); // QCustomPlot's topmost standard layer
    overlay_->setMode(QCPLayer::lmBuffered);
    lassoCurve_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    lassoCurve_->setLayer(overlay_);
    lassoCurve_->setPen(QPen(QColor(20, 20, 20), 1.2, Qt::DashLine));
    lassoCurve_->setBrush(QColor(255, 200, 0, 40));
    lassoCurve_->removeFromLegend();
    drawnLabel_ = new QCPItemText(plot_);
    drawnLabel_->setLayer(overlay_);
    drawnLabel_->setClipToAxisRect(false);
    drawnLabel_->position->setType(QCPItemPosition::ptAxisRectRatio);
    drawnLabel_->position->setCoords(1.0, 0.0);
    drawnLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    drawnLabel_->setPadding(QMargins(6, 3, 6, 3));
    drawnLabel_->setBrush(QColor(255, 255, 255, 220));
    drawnLabel_->setPen(QPen(QColor(160, 160, 160)));
    drawnLabel_->setColor(QColor(40, 40, 40));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    connect(plot_, &QCustomPlot::mousePress, this, &ProjectionMap::onPress);
    connect(plot_, &QCustomPlot::mouseMove, this, &ProjectionMap::onMove);
    connect(plot_, &QCustomPlot::mouseRelease, this, &ProjectionMap::onRelease);
    connect(workspace_, &Workspace::selectionChanged, this, [this] { syncFromWorkspace(); });
    // Panning and zooming change how many points are in view.
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis})
        connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] { updateDrawnLabel(); });
    updateDrawnLabel();
}

void ProjectionMap::setPoints(std::shared_ptr<const ProjectionPoints> points,
                              const QString& xLabel, const QString& yLabel) {
    points_ = std::move(points);
    scatter_->setPoints(points_);
    plot_->xAxis->setLabel(xLabel);
    plot_->yAxis->setLabel(yLabel);
    setUniformColoring();
    const bool wasDensity = density_;
    if (density_ && !densityOffered()) density_ = false;
    if (points_ && points_->size() >= kDensityAutoThreshold) density_ = true;
    rebuildDensity();
    plot_->rescaleAxes(true); // only the points (hidden density map and lasso have no data)
    syncFromWorkspace();
    updateDrawnLabel();
    if (density_ != wasDensity) emit densityModeChanged(density_);
    emit statusChanged(statusText());
}

const ProjectionPoints* ProjectionMap::points() const { return points_.get(); }

void ProjectionMap::applyPointColors(std::vector<Rgb> colors, std::vector<int> order) {
    scatter_->setColors(std::move(colors), std::move(order));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ProjectionMap::setValueColoring(const std::vector<double>& values, const ColorMapper& mapper,
                                     const QString& title) {
    std::vector<Rgb> colors;
    colors.reserve(values.size());
    for (double v : values) colors.push_back(mapper.map(v));
    // High values on top so the worst points stay visible; NaN (no value) at the bottom.
    std::vector<int> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const double va = values[std::size_t(a)], vb = values[std::size_t(b)];
        if (std::isnan(va) || std::isnan(vb)) return std::isnan(va) && !std::isnan(vb);
        return va < vb;
    });
    plot_->legend->setVisible(false);
    plot_->clearGraphs();
    if (!density_) {
        colorScale_->setVisible(true);
        colorScale_->setGradient(gradientOf(mapper.colormap()));
        colorScale_->setDataScaleType(mapper.normalisation() == Normalisation::Log
                                          ? QCPAxis::stLogarithmic
                                          : QCPAxis::stLinear);
        colorScale_->setDataRange(QCPRange(mapper.range().min, mapper.range().max));
        colorScale_->axis()->setLabel(title);
    }
    applyPointColors(std::move(colors), std::move(order));
}

void ProjectionMap::setCategoryColoring(const std::vector<int>& category,
                                        const std::vector<QString>& names, const QString& title) {
    std::vector<Rgb> colors;
    colors.reserve(category.size());
    for (int c : category) colors.push_back(c < 0 ? missingValueColor() : categoricalColor(std::size_t(c)));
    if (!density_) colorScale_->setVisible(false);
    plot_->clearGraphs();
    plot_->legend->setVisible(!names.empty());
    for (std::size_t k = 0; k < names.size(); ++k) {
        // Empty graphs only carry the legend entries.
        QCPGraph* entry = plot_->addGraph();
        const Rgb c = categoricalColor(k);
        entry->setLineStyle(QCPGraph::lsNone);
        entry->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(c.r, c.g, c.b), 8));
        entry->setName(names[k]);
    }
    if (!names.empty()) plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    (void)title; // the legend entries name the categories
    applyPointColors(std::move(colors), {});
}

void ProjectionMap::setUniformColoring() {
    plot_->clearGraphs();
    plot_->legend->setVisible(false);
    if (!density_) colorScale_->setVisible(false);
    applyPointColors({}, {});
}

void ProjectionMap::setSizes(const std::vector<double>& values) {
    if (values.empty()) {
        scatter_->setRadii({});
    } else {
        const ValueRange r = resolveRange(values, {});
        const ColorMapper scale(ColormapId::Viridis, r, Normalisation::Linear);
        std::vector<float> radii;
        radii.reserve(values.size());
        for (double v : values) {
            const double f = scale.normalise(v);
            radii.push_back(float(std::isnan(f) ? 1.5 : 2.0 + 6.0 * f));
        }
        scatter_->setRadii(std::move(radii));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ProjectionMap::setMode(Mode mode) {
    mode_ = mode;
    plot_->setInteraction(QCP::iRangeDrag, mode == Mode::Navigate);
    plot_->setCursor(mode == Mode::Navigate ? Qt::OpenHandCursor : Qt::CrossCursor);
}

bool ProjectionMap::densityOffered() const {
    return points_ && points_->size() >= kDensityOfferThreshold;
}

void ProjectionMap::setDensityMode(bool on) {
    const bool changed = density_ != on;
    density_ = on;
    rebuildDensity();
    updateDrawnLabel();
    if (changed) emit densityModeChanged(on);
    emit statusChanged(statusText());
}

void ProjectionMap::rebuildDensity() {
    densityMap_->setVisible(density_);
    scatter_->setVisible(!density_);
    if (density_ && points_ && points_->size() > 0) {
        bool found = false;
        const QCPRange xr = scatter_->getKeyRange(found), yr = scatter_->getValueRange(found);
        const DensityGrid grid = histogram2d(*points_, kDensityBins, xr.lower, xr.upper, yr.lower, yr.upper);
        densityMap_->data()->setSize(kDensityBins, kDensityBins);
        densityMap_->data()->setRange(xr, yr);
        int maxCount = 1;
        for (int ix = 0; ix < kDensityBins; ++ix)
            for (int iy = 0; iy < kDensityBins; ++iy) {
                const int c = grid.at(ix, iy);
                maxCount = std::max(maxCount, c);
                densityMap_->data()->setCell(ix, iy, c > 0 ? double(c) : std::nan(""));
            }
        densityMap_->setColorScale(colorScale_);
        colorScale_->setVisible(true);
        colorScale_->setGradient(gradientOf(ColormapId::Magma));
        colorScale_->setDataScaleType(QCPAxis::stLogarithmic);
        colorScale_->setDataRange(QCPRange(1, std::max(2, maxCount)));
        colorScale_->axis()->setLabel(tr("points per bin"));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString ProjectionMap::statusText() const {
    const std::size_t n = points_ ? points_->size() : 0;
    if (density_)
        return tr("density of all %1 points (2-D histogram, %2×%2 bins)").arg(n).arg(kDensityBins);
    return tr("showing %1 of %2 points").arg(drawnCount()).arg(n);
}

std::size_t ProjectionMap::drawnCount() const {
    if (!points_) return 0;
    const QCPRange x = plot_->xAxis->range(), y = plot_->yAxis->range();
    return countPointsInWindow(*points_, x.lower, x.upper, y.lower, y.upper);
}

QString ProjectionMap::drawnText() const {
    const std::size_t n = points_ ? points_->size() : 0;
    const QString text = tr("%1 of %2 drawn").arg(drawnCount()).arg(n);
    return density_ ? text + tr(" · density") : text;
}

void ProjectionMap::updateDrawnLabel() {
    drawnLabel_->setVisible(points_ && points_->size() > 0);
    drawnLabel_->setText(drawnText());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<int> ProjectionMap::selectedPoints() const {
    std::vector<int> out;
    for (std::size_t k = 0; k < selected_.size(); ++k)
        if (selected_[k]) out.push_back(int(k));
    return out;
}

void ProjectionMap::applySelection(const std::vector<int>& indices, bool add) {
    const auto dataset = workspace_->dataset();
    if (!points_ || !dataset) return;
    QSet<qint64> atoms = atomsOfPoints(*points_, indices, *dataset);
    if (add) atoms.unite(workspace_->selectedAtoms());
    workspace_->setSelectedAtoms(atoms, this);
}

void ProjectionMap::selectRect(const QRectF& data, bool add) {
    if (points_) applySelection(pointsInRect(*points_, data), add);
}

void ProjectionMap::selectPolygon(const QPolygonF& data, bool add) {
    if (points_) applySelection(pointsInPolygon(*points_, data), add);
}

bool ProjectionMap::clickAt(const QPointF& pixel) {
    const auto dataset = workspace_->dataset();
    if (!points_ || !dataset || density_) return false;
    const int point = scatter_->pointNear(pixel, kClickTolerance);
    if (point < 0) return false;
    const qint64 row = points_->row[std::size_t(point)];
    const int frame = int(points_->level == Level::Atom ? dataset->frameOfAtom(row) : row);
    workspace_->setCurrentFrame(frame);
    applySelection({point}, false);
    return true;
}

QString ProjectionMap::tooltipFor(int point) const {
    const auto dataset = workspace_->dataset();
    if (!points_ || !dataset || point < 0) return {};
    const qint64 row = points_->row[std::size_t(point)];
    if (points_->level == Level::Structure) return tr("frame %1").arg(row);
    const auto frame = dataset->frameOfAtom(row);
    const auto local = row - dataset->offsets()[std::size_t(frame)];
    const int z = dataset->frames()[std::size_t(frame)].species[std::size_t(local)];
    return tr("%1 atom %2 of frame %3 (global %4)").arg(elementStyle(z).symbol).arg(local).arg(frame).arg(row);
}

void ProjectionMap::syncFromWorkspace() {
    const auto dataset = workspace_->dataset();
    selected_ = points_ && dataset ? pointsOfAtoms(*points_, workspace_->selectedAtoms(), *dataset)
                                   : std::vector<char>{};
    scatter_->setSelectedMask(selected_);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ProjectionMap::onPress(QMouseEvent* event) {
    pressPixel_ = event->position();
    dragging_ = mode_ != Mode::Navigate && event->button() == Qt::LeftButton;
    lassoData_.clear();
    if (dragging_)
        lassoData_ << QPointF(plot_->xAxis->pixelToCoord(pressPixel_.x()),
                              plot_->yAxis->pixelToCoord(pressPixel_.y()));
}

void ProjectionMap::onMove(QMouseEvent* event) {
    const QPointF p = event->position();
    if (dragging_) {
        const QPointF data(plot_->xAxis->pixelToCoord(p.x()), plot_->yAxis->pixelToCoord(p.y()));
        if (mode_ == Mode::Box) {
            const QPointF start = lassoData_.front();
            lassoData_ = QPolygonF() << start << QPointF(data.x(), start.y()) << data
                                     << QPointF(start.x(), data.y());
        } else {
            lassoData_ << data;
        }
        QVector<double> keys, values;
        for (const QPointF& q : lassoData_) keys << q.x(), values << q.y();
        keys << lassoData_.front().x();
        values << lassoData_.front().y();
        lassoCurve_->setData(keys, values);
        overlay_->replot();
        return;
    }
    if (event->buttons() != Qt::NoButton || density_) return;
    const int point = scatter_->pointNear(p, kClickTolerance);
    if (point >= 0) QToolTip::showText(event->globalPosition().toPoint(), tooltipFor(point), plot_);
    else QToolTip::hideText();
}

void ProjectionMap::onRelease(QMouseEvent* event) {
    const bool moved = (event->position() - pressPixel_).manhattanLength() > 3;
    const bool add = event->modifiers() & Qt::ShiftModifier;
    if (dragging_ && moved) {
        if (mode_ == Mode::Box) {
            const QPointF a = lassoData_.front(), b = lassoData_.size() > 2 ? lassoData_[2] : a;
            selectRect(QRectF(a, b), add);
        } else {
            selectPolygon(lassoData_, add);
        }
    } else if (!moved && event->button() == Qt::LeftButton) {
        clickAt(event->position());
    }
    dragging_ = false;
    lassoData_.clear();
    lassoCurve_->data()->clear();
    overlay_->replot();
}

bool ProjectionMap::exportTo(const QString& path, double scale, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    const int w = plot_->width(), h = plot_->height();
    bool ok = true;
    drawnLabel_->setVisible(false); // the "N of M drawn" label is for the screen only
    if (suffix == "svg" || suffix == "pdf") {
        scatter_->setVectorOutput(true);
        if (suffix == "svg") {
            QSvgGenerator generator;
            generator.setOutputDevice(&file);
            generator.setSize(QSize(w, h));
            generator.setViewBox(QRect(0, 0, w, h));
            QCPPainter painter(&generator);
            plot_->toPainter(&painter, w, h);
        } else {
            QPdfWriter writer(&file);
            writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            writer.setResolution(72);
            QCPPainter painter(&writer);
            plot_->toPainter(&painter, w, h);
        }
        scatter_->setVectorOutput(false);
    } else {
        const QPixmap pixmap = plot_->toPixmap(w, h, std::max(scale, 0.1));
        ok = pixmap.save(&file, "PNG");
    }
    updateDrawnLabel();
    if (!ok || !file.commit()) {
        if (error) *error = tr("%1: could not write the image").arg(path);
        return false;
    }
    return true;
}

} // namespace le::ui
