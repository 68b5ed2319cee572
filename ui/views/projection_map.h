#pragma once
// Scatter map of a projection (PCA/PCovR coordinates) linked to the workspace selection.
// Navigate mode: drag pans, wheel zooms. Box / lasso modes: drag selects (shift adds).
// A click on a point opens its frame with its atom selected. With many points a density
// mode (2-D histogram) is offered, and switched on by itself for very many points; a label in
// the plot's corner ("N of M drawn") always says how many points the current view shows.
#include <QString>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "core/util/colormap.h"
#include "ui/views/projection_points.h"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPItemText;
class QCPLayer;
class QMouseEvent;

namespace le::ui {

class ProjectionScatter;
class Workspace;

class ProjectionMap : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Navigate, Box, Lasso };
    static constexpr std::size_t kDensityOfferThreshold = 20000;
    // From this many points on, new points open in density mode (the user may switch back).
    static constexpr std::size_t kDensityAutoThreshold = 50000;

    explicit ProjectionMap(Workspace* workspace, QWidget* parent = nullptr);

    void setPoints(std::shared_ptr<const ProjectionPoints> points, const QString& xLabel,
                   const QString& yLabel);
    const ProjectionPoints* points() const;
    // Continuous colouring: values per point through `mapper` (high values drawn on top).
    void setValueColoring(const std::vector<double>& values, const ColorMapper& mapper,
                          const QString& title);
    // Categorical colouring: a category per point and the legend names (index = category).
    void setCategoryColoring(const std::vector<int>& category, const std::vector<QString>& names,
                             const QString& title);
    void setUniformColoring();
    // Point radius from a per-point property (linear between 2 and 8 px), or uniform.
    void setSizes(const std::vector<double>& values);

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    void setDensityMode(bool on);
    bool densityMode() const { return density_; }
    bool densityOffered() const;
    QString statusText() const;
    // Points inside the visible axis ranges (scatter or histogram), and the label saying so.
    std::size_t drawnCount() const;
    QString drawnText() const;

    // Selections in data coordinates (add = keep the current selection), as the mouse does.
    void selectRect(const QRectF& data, bool add);
    void selectPolygon(const QPolygonF& data, bool add);
    // A click at a widget pixel: opens the nearest point's frame and selects its atom(s).
    bool clickAt(const QPointF& pixel);
    std::vector<int> selectedPoints() const;
    QString tooltipFor(int point) const;

    QCustomPlot* plot() const { return plot_; }
    ProjectionScatter* scatter() const { return scatter_; }
    // PNG (scale × size) / SVG / PDF by extension, every point drawn (without the on-screen
    // "N of M drawn" label); temp file + rename.
    bool exportTo(const QString& path, double scale, QString* error = nullptr);

signals:
    void statusChanged(const QString& text);
    void densityModeChanged(bool on);

private:
    void onPress(QMouseEvent* event);
    void onMove(QMouseEvent* event);
    void onRelease(QMouseEvent* event);
    void applySelection(const std::vector<int>& indices, bool add);
    void syncFromWorkspace();
    void rebuildDensity();
    void applyPointColors(std::vector<Rgb> colors, std::vector<int> order);
    void updateDrawnLabel();

    Workspace* workspace_;
    QCustomPlot* plot_;
    ProjectionScatter* scatter_;
    QCPColorMap* densityMap_;
    QCPColorScale* colorScale_;
    QCPCurve* lassoCurve_;
    QCPItemText* drawnLabel_;
    QCPLayer* overlay_;
    std::shared_ptr<const ProjectionPoints> points_;
    std::vector<char> selected_;
    Mode mode_ = Mode::Navigate;
    bool density_ = false;
    bool dragging_ = false;
    QPointF pressPixel_;
    QPolygonF lassoData_;
};

} // namespace le::ui
