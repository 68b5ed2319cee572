#pragma once
// Interactive ball-and-stick view of the workspace's current frame. Left drag rotates
// (arcball), right or shift+left drag pans, the wheel zooms, a click selects an atom
// (ctrl+click adds/removes) into the workspace selection, hovering shows a tooltip.
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

#include "core/util/colormap.h"
#include "ui/views/structure_camera.h"
#include "ui/views/structure_renderer.h"
#include "ui/views/structure_scene.h"

namespace le::ui {

class Workspace;

class StructureView : public QWidget {
    Q_OBJECT
public:
    explicit StructureView(Workspace* workspace, QWidget* parent = nullptr);

    // Colour per atom of the current frame and the value behind it (tooltips show
    // "<valueName>: value", or the atom's text label). Empty colours = element colours.
    void setAtomColoring(std::vector<Rgb> colors, std::vector<double> values, QString valueName,
                         std::vector<std::string> labels = {});

    void setSceneOptions(const SceneOptions& options);
    const SceneOptions& sceneOptions() const { return sceneOptions_; }
    void setShowLabels(bool on);
    void setPerspective(bool on);
    bool perspective() const { return camera_.perspective(); }
    void resetView();

    // Renders the current view at any size (the view is scaled, not cropped).
    QImage renderImage(QSize size, double devicePixelRatio = 1.0);
    // PNG/JPEG at `scale` × the widget size; SVG or PDF by extension. Writes a temporary file
    // and renames it, so a failure never destroys an existing file. False + message on error.
    bool exportTo(const QString& path, double scale, QString* error = nullptr);

    // Current frame shown (-1 when none) and its first global atom index.
    int frameIndex() const { return frame_; }
    qint64 frameOffset() const { return offset_; }
    const StructureScene& scene() const { return scene_; }
    // Selected atoms of the shown frame (frame atom index → 0/1).
    const std::vector<char>& selectedMask() const { return selected_; }
    StructureCamera& camera() { return camera_; }
    StructureRenderer& renderer() { return renderer_; }
    // Frame atom under a widget position on the last paint, or -1.
    int frameAtomAt(QPointF position) const;
    QString tooltipFor(int frameAtom) const;
    // What a click at `position` does (also used by tests): selects, or toggles with ctrl.
    void clickAt(QPointF position, bool toggle);

signals:
    void hoveredAtomChanged(int frameAtom);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;

private:
    void resetCamera(); // default orientation for the current frame
    void rebuildScene(bool keepCamera);
    void updateSelection();
    void paintInto(QPainter& painter, QSize size, const RenderOptions& options);

    Workspace* workspace_;
    SceneOptions sceneOptions_;
    StructureScene scene_;
    StructureCamera camera_;
    StructureRenderer renderer_;
    RenderOptions renderOptions_;
    std::vector<Rgb> colors_;
    std::vector<double> values_;
    std::vector<std::string> labels_;
    QString valueName_;
    std::vector<char> selected_;
    int frame_ = -1;
    qint64 offset_ = 0;
    int hovered_ = -1;
    QPointF pressPosition_, lastPosition_;
    bool dragging_ = false;
    bool pressed_ = false;
};

} // namespace le::ui
