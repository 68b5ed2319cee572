#include "ui/views/structure_view.h"

#include <QFileInfo>
#include <QMouseEvent>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

#include "core/structure/element_style.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

StructureView::StructureView(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace) {
    setMouseTracking(true);
    setMinimumSize(200, 200);
    setFocusPolicy(Qt::StrongFocus);
    connect(workspace_, &Workspace::datasetChanged, this, [this] { rebuildScene(false); });
    connect(workspace_, &Workspace::currentFrameChanged, this, [this] { rebuildScene(false); });
    connect(workspace_, &Workspace::selectionChanged, this, [this] { updateSelection(); });
    rebuildScene(false);
}

void StructureView::setAtomColoring(std::vector<Rgb> colors, std::vector<double> values,
                                    QString valueName, std::vector<std::string> labels) {
    colors_ = std::move(colors);
    values_ = std::move(values);
    labels_ = std::move(labels);
    valueName_ = std::move(valueName);
    update();
}

void StructureView::setSceneOptions(const SceneOptions& options) {
    sceneOptions_ = options;
    rebuildScene(true);
}

void StructureView::setShowLabels(bool on) {
    renderOptions_.labels = on;
    update();
}

void StructureView::setPerspective(bool on) {
    camera_.setPerspective(on);
    update();
}

void StructureView::resetView() {
    resetCamera();
    update();
}

void StructureView::resetCamera() {
    camera_.reset();
    // A molecule is shown flat, so no atom hides behind another one; a crystal keeps its axes.
    const auto dataset = workspace_->dataset();
    if (dataset && frame_ >= 0 && frame_ < dataset->frameCount()) {
        const Frame& frame = dataset->frames()[std::size_t(frame_)];
        if (!frame.isPeriodic()) camera_.setRotation(flatViewRotation(frame.positions));
    }
}

void StructureView::rebuildScene(bool keepCamera) {
    const auto dataset = workspace_->dataset();
    const int frame = workspace_->currentFrame();
    hovered_ = -1;
    if (!dataset || frame < 0 || frame >= dataset->frameCount()) {
        frame_ = -1;
        scene_ = StructureScene{};
    } else {
        const bool sameFrame = frame == frame_;
        frame_ = frame;
        offset_ = dataset->offsets()[std::size_t(frame)];
        scene_ = buildStructureScene(dataset->frames()[std::size_t(frame)], sceneOptions_);
        if (!sameFrame && !keepCamera) resetCamera();
    }
    camera_.frame(scene_.centre, scene_.boundingRadius);
    updateSelection();
}

void StructureView::updateSelection() {
    const auto dataset = workspace_->dataset();
    const int n = (frame_ >= 0 && dataset) ? dataset->frames()[std::size_t(frame_)].atomCount() : 0;
    selected_.assign(std::size_t(n), 0);
    for (qint64 atom : workspace_->selectedAtoms())
        if (atom >= offset_ && atom < offset_ + n) selected_[std::size_t(atom - offset_)] = 1;
    update();
}

void StructureView::paintInto(QPainter& painter, QSize size, const RenderOptions& options) {
    renderer_.paint(painter, size, scene_, camera_, colors_, selected_, hovered_, options);
    if (frame_ < 0) {
        painter.setPen(Qt::darkGray);
        painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("No structure loaded"));
    }
}

void StructureView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    RenderOptions options = renderOptions_;
    options.fast = dragging_;
    options.devicePixelRatio = devicePixelRatioF();
    paintInto(painter, size(), options);
}

QImage StructureView::renderImage(QSize size, double devicePixelRatio) {
    QImage image(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    QPainter painter(&image);
    RenderOptions options = renderOptions_;
    options.devicePixelRatio = devicePixelRatio;
    paintInto(painter, size, options);
    painter.end();
    // Drawing for export changed the picking data; the next screen paint restores it.
    update();
    return image;
}

bool StructureView::exportTo(const QString& path, double scale, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    RenderOptions options = renderOptions_;
    options.vector = true;
    const QSize logical = size();
    bool ok = true;
    if (suffix == "svg") {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(logical);
        generator.setViewBox(QRect(QPoint(0, 0), logical));
        generator.setTitle("Latent Explorer structure");
        QPainter painter(&generator);
        paintInto(painter, logical, options);
    } else if (suffix == "pdf") {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QSizeF(logical), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(72);
        QPainter painter(&writer);
        paintInto(painter, logical, options);
    } else {
        const QImage image = renderImage(logical, std::max(scale, 0.1));
        ok = image.save(&file, suffix == "jpg" || suffix == "jpeg" ? "JPEG" : "PNG");
    }
    update();
    if (!ok || !file.commit()) {
        if (error) *error = tr("%1: could not write the image").arg(path);
        return false;
    }
    return true;
}

int StructureView::frameAtomAt(QPointF position) const {
    const int sceneAtom = renderer_.atomAt(position.x(), position.y());
    return sceneAtom < 0 ? -1 : scene_.atoms[std::size_t(sceneAtom)].frameAtom;
}

QString StructureView::tooltipFor(int frameAtom) const {
    if (frameAtom < 0 || frame_ < 0) return {};
    const auto dataset = workspace_->dataset();
    const Frame& frame = dataset->frames()[std::size_t(frame_)];
    const int z = frame.species[std::size_t(frameAtom)];
    QString text = tr("%1 atom %2 (frame %3, global %4)")
                       .arg(elementStyle(z).symbol)
                       .arg(frameAtom)
                       .arg(frame_)
                       .arg(offset_ + frameAtom);
    if (std::size_t(frameAtom) < labels_.size() && !valueName_.isEmpty())
        text += "\n" + valueName_ + ": " + QString::fromStdString(labels_[std::size_t(frameAtom)]);
    else if (std::size_t(frameAtom) < values_.size() && !valueName_.isEmpty()) {
        const double v = values_[std::size_t(frameAtom)];
        text += "\n" + valueName_ + ": " + (std::isfinite(v) ? QString::number(v, 'g', 5) : tr("n/a"));
    }
    return text;
}

void StructureView::clickAt(QPointF position, bool toggle) {
    const int atom = frameAtomAt(position);
    QSet<qint64> selection = toggle ? workspace_->selectedAtoms() : QSet<qint64>{};
    if (atom >= 0) {
        const qint64 global = offset_ + atom;
        if (toggle && selection.contains(global)) selection.remove(global);
        else selection.insert(global);
    }
    workspace_->setSelectedAtoms(selection, this);
}

void StructureView::mousePressEvent(QMouseEvent* event) {
    pressed_ = true;
    dragging_ = false;
    pressPosition_ = lastPosition_ = event->position();
}

void StructureView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF p = event->position();
    if (pressed_) {
        if (!dragging_ && (p - pressPosition_).manhattanLength() > 3) dragging_ = true;
        if (dragging_) {
            const bool pan = (event->buttons() & (Qt::RightButton | Qt::MiddleButton)) ||
                             (event->modifiers() & Qt::ShiftModifier);
            if (pan)
                camera_.panPixels(p.x() - lastPosition_.x(), p.y() - lastPosition_.y(), width(),
                                  height());
            else
                camera_.rotate(StructureCamera::arcball(lastPosition_.x(), lastPosition_.y(),
                                                        p.x(), p.y(), width(), height()));
            lastPosition_ = p;
            update();
        }
        return;
    }
    const int atom = frameAtomAt(p);
    if (atom != hovered_) {
        hovered_ = atom;
        emit hoveredAtomChanged(atom);
        update();
    }
    if (atom >= 0) QToolTip::showText(event->globalPosition().toPoint(), tooltipFor(atom), this);
    else QToolTip::hideText();
}

void StructureView::mouseReleaseEvent(QMouseEvent* event) {
    if (pressed_ && !dragging_ && event->button() == Qt::LeftButton)
        clickAt(event->position(), event->modifiers() & Qt::ControlModifier);
    pressed_ = false;
    if (dragging_) {
        dragging_ = false;
        update(); // full quality again
    }
}

void StructureView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    camera_.setZoom(camera_.zoom() * std::pow(1.15, steps));
    update();
}

void StructureView::mouseDoubleClickEvent(QMouseEvent*) { resetView(); }

void StructureView::leaveEvent(QEvent*) {
    if (hovered_ >= 0) {
        hovered_ = -1;
        emit hoveredAtomChanged(-1);
        update();
    }
}

} // namespace le::ui
