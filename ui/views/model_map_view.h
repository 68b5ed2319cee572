#pragma once
// The "Model map" tab (shown once a comparison computed the Procrustes angle): the models as
// labelled points of the classical MDS of their angles (equal scale on both axes, so distances
// read as θ) beside the average-linkage dendrogram, each model labelled with its TwoNN intrinsic
// dimension when that was computed. Exports like every plot (button, right-click).
#include <QWidget>

#include "ui/views/dendrogram_layout.h"

class QCustomPlot;
class QCPAxisRect;
class QCPItemLine;
class QCPItemText;
class QLabel;

namespace le::ui {

class Workspace;

class ModelMapView : public QWidget {
    Q_OBJECT
public:
    explicit ModelMapView(Workspace& workspace, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    // What is drawn (for tests and exports): the point of each model (names order), its label,
    // and the dendrogram's lines.
    const std::vector<QPointF>& points() const { return points_; }
    const QStringList& pointLabels() const { return labels_; }
    const DendrogramLayout& dendrogram() const { return dendrogram_; }
    QString statusText() const;

    void exportFigure();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    // Gives the MDS panel the same number of pixels per unit on both axes.
    void equaliseScale();
    void separateLabels();

    Workspace& workspace_;
    QCustomPlot* plot_;
    QLabel* status_;
    QCPAxisRect* mdsRect_ = nullptr;
    QCPAxisRect* treeRect_ = nullptr;
    std::vector<QPointF> points_;
    QStringList labels_;
    std::vector<QCPItemText*> labelItems_;
    std::vector<QCPItemLine*> leaders_;
    DendrogramLayout dendrogram_;
};

} // namespace le::ui
