#pragma once
// The "Comparison" tab: the computed GFRE | LFRE heatmaps (GFRD as an optional third
// panel), an adjustable colour range, and imported published matrices shown beside the
// computed ones or as their difference. Exports the figure and its data.
#include <QWidget>

#include <vector>

#include "ui/views/heatmap_data.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace le::ui {

class HeatmapView;
class Workspace;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    enum class PublishedMode { Beside, Difference };

    explicit ComparisonView(Workspace& workspace, QWidget* parent = nullptr);

    HeatmapView* computedView() const { return computed_; }
    HeatmapView* publishedView() const { return published_; }
    // Measure shown in each panel of the computed view.
    const std::vector<Measure>& panelMeasures() const { return measures_; }

    void setShowGfrd(bool show);
    // Imports published matrices (errors are thrown as InputError) and shows them.
    void importPublished(const QStringList& paths);
    void clearPublished();
    void setPublishedMode(PublishedMode mode);
    const std::vector<NamedMatrix>& publishedMatrices() const { return imported_; }

    // Interactive exports (dialogs); the data export writes CSV or JSON by suffix.
    void exportFigure();
    void exportData();

signals:
    // A computed cell was clicked (the workspace's current pair is already set).
    void pairActivated(int source, int target, le::Measure measure);

private:
    void refreshComputed();
    void refreshPublished();
    void chooseAndImport();
    // Outlines the current pair's cell in the panel of the current measure.
    void highlightCurrentPair();

    Workspace& workspace_;
    HeatmapView* computed_;
    HeatmapView* published_;
    std::vector<Measure> measures_;
    std::vector<NamedMatrix> imported_;
    QCheckBox* gfrd_;
    QDoubleSpinBox* lower_;
    QDoubleSpinBox* upper_;
    QComboBox* mode_;
    QLabel* status_;
};

} // namespace le::ui
