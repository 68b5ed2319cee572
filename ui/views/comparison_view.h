#pragma once
// The "Comparison" tab: the computed GFRE | LFRE heatmaps (the paper's figure), an optional
// third panel showing any other computed pair measure (GFRD, kernel GFRE, CKA, debiased CKA,
// Procrustes angle, information imbalance; those not on the error scale get their own colour
// bar and natural range), an adjustable colour range, and imported published matrices shown beside the
// computed ones or as their difference. Exports the figure and its data.
#include <QWidget>

#include <optional>
#include <vector>

#include "ui/views/heatmap_data.h"

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

    void setShowGfrd(bool show); // third panel GFRD (true) or none
    // The measure of the third panel; nullopt = none. A measure that was not computed shows no panel.
    void setThirdPanel(std::optional<Measure> measure);
    std::optional<Measure> thirdPanel() const;
    // Imports published matrices (errors are thrown as InputError) and shows them.
    void importPublished(const QStringList& paths);
    void clearPublished();
    void setPublishedMode(PublishedMode mode);
    const std::vector<NamedMatrix>& publishedMatrices() const { return imported_; }

    // Interactive exports (dialogs); the data export writes CSV or JSON by suffix.
    void exportFigure();
    void exportData();
    // What Export data writes: every computed matrix (intrinsic dimension as an n × 1 table),
    // then the published ones; writeData writes them to a CSV or JSON path (error text or "").
    std::vector<NamedMatrix> exportedMatrices() const;
    QString writeData(const QString& path) const;

signals:
    // A computed cell was clicked (the workspace's current pair is already set).
    void pairActivated(int source, int target, le::Measure measure);

private:
    void refreshComputed();
    // Enables the third-panel choices that were computed.
    void offerComputedMeasures();
    void refreshPublished();
    void chooseAndImport();
    // Outlines the current pair's cell in the panel of the current measure.
    void highlightCurrentPair();

    Workspace& workspace_;
    HeatmapView* computed_;
    HeatmapView* published_;
    std::vector<Measure> measures_;
    std::vector<NamedMatrix> imported_;
    QComboBox* third_;
    QDoubleSpinBox* lower_;
    QDoubleSpinBox* upper_;
    QComboBox* mode_;
    QLabel* status_;
};

} // namespace le::ui
