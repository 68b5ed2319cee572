#pragma once
// The paper's heatmap figure: one or more named matrices side by side (rows = source,
// columns = target), one shared colour bar (viridis, 0–1 by default; a panel with its own range,
// e.g. the Procrustes angle, has its own bar beside it), every cell's value
// printed with 2 decimals (± the s.d. over repeats when there are several) in black or white
// depending on the cell's brightness, shrunk to fit the cells (a "±" text may take two lines).
// Hover
// shows the exact value and pair; a click emits cellClicked.
#include <QWidget>

#include <vector>

#include "core/util/colormap.h"
#include "ui/views/heatmap_data.h"

class QCustomPlot;
class QCPAxisRect;
class QCPColorScale;
class QCPItemText;
class QCPItemRect;

namespace le::ui {

struct HeatmapCell {
    int panel = -1, row = -1, column = -1;
};

class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setPanels(std::vector<NamedMatrix> panels);
    const std::vector<NamedMatrix>& panels() const { return panels_; }

    // Colour range of the shared bar (default 0–1, the paper's fixed range).
    void setColorRange(double lower, double upper);
    ValueRange colorRange() const { return range_; }
    void setColormap(ColormapId id);
    // Colour range symmetric around zero with a diverging map (for differences).
    void useDivergingRange();
    void setColorBarLabel(const QString& label);
    // Outlines one cell on screen (the pair the other views show); panel < 0 = none.
    // The outline is left out of exports.
    void setHighlightedCell(int panel, int row, int column);
    HeatmapCell highlightedCell() const { return highlight_; }
    // Digits printed in each cell (2 by default).
    void setDecimals(int decimals);

    QCustomPlot* plot() const { return plot_; }

    // The text printed in a cell ("0.42", "0.42±0.01" with repeats, "" for NaN) and its colour.
    QString cellText(int panel, int row, int column) const;
    QColor cellTextColor(int panel, int row, int column) const;
    // Widget pixel position of a cell's centre (for tests and exports) and the reverse.
    QPoint cellCenter(int panel, int row, int column) const;
    struct CellHit {
        int panel = -1, row = -1, column = -1;
        bool valid() const { return panel >= 0; }
    };
    CellHit cellAt(const QPoint& pixel) const;
    QString tooltipText(const CellHit& hit) const;

signals:
    void cellClicked(int panel, int row, int column);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void drawHighlight();
    // The panel's own range, or the shared one.
    ValueRange rangeOf(int panel) const;
    QCPColorScale* addColorScale(ValueRange range, const QString& label);
    // Limits every panel so its cells are square, as in the paper's figure.
    void fitSquareCells();
    // Shrinks the cell labels so the widest fits a cell of `cellPixels`.
    void fitCellLabels(double cellPixels);
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);

    QCustomPlot* plot_;
    std::vector<NamedMatrix> panels_;
    std::vector<QCPAxisRect*> rects_;
    std::vector<QCPItemText*> labels_;
    QCPColorScale* scale_ = nullptr;          // the shared bar
    std::vector<QCPColorScale*> ownScales_;   // bars of panels with their own range
    std::vector<int> rectColumns_;            // layout column of each panel
    ValueRange range_{0.0, 1.0};
    ColormapId colormap_ = ColormapId::Viridis;
    QString barLabel_;
    int decimals_ = 2;
    HeatmapCell highlight_;
    QCPItemRect* highlightItem_ = nullptr; // owned by the plot
};

} // namespace le::ui
