#pragma once
// The "Cumulant orders" tab: structure-level GFRE | LFRE heatmaps of cumulant-pooled
// per-atom features. Either the progressive-order table of one feature set (rows = source
// order φ1..φn, columns = target; GFRE(higher → lower) ≈ 0 by construction) or the
// cross-model table of several feature sets at one order. Per-structure split (50/50 or N
// test structures stratified by a frame label, seeded), paper-compatible κ8 switch, the
// dataset panel's subset; computed in the background by the task runner; exportable.
#include <QWidget>

#include <memory>
#include <vector>

#include "core/pooling/order_tables.h"
#include "ui/tasks/order_table_job.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace le::ui {

class DatasetPanel;
class HeatmapView;
class TaskRunner;
class Workspace;

class OrderTableTab : public QWidget {
    Q_OBJECT
public:
    // The dataset panel provides the feature sets as arranged (names, order) and the subset.
    OrderTableTab(Workspace* workspace, TaskRunner* runner, DatasetPanel* datasetPanel,
                  QWidget* parent = nullptr);

    // The request the controls describe (throws ComputeError when it cannot be built).
    OrderTableRequest request() const;
    // Starts the computation in the background; `computed` or `failed` when done.
    void compute();
    bool isComputing() const { return taskId_ != 0; }

    std::shared_ptr<const StructureTable> table() const { return table_; }
    HeatmapView* heatmaps() const { return heatmaps_; }

    // Controls (tests drive the tab through them, as a user would).
    QComboBox* kindBox() const { return kind_; }
    QComboBox* modelBox() const { return model_; }
    QListWidget* modelList() const { return models_; }
    QSpinBox* orderBox() const { return order_; }
    QCheckBox* gfreBox() const { return gfre_; }
    QCheckBox* lfreBox() const { return lfre_; }
    QCheckBox* paperKappa8Box() const { return paperKappa8_; }
    QComboBox* splitBox() const { return split_; }
    QSpinBox* testSizeBox() const { return testSize_; }
    QComboBox* stratifyBox() const { return stratifyBy_; }
    QSpinBox* seedBox() const { return seed_; }
    QPushButton* computeButton() const { return compute_; }
    QLabel* statusLabel() const { return status_; }

    void exportFigure();
    void exportData();

signals:
    void computed();
    void failed(const QString& message);

private:
    QWidget* buildControls();
    void refreshInputs();
    void updateEnabled();
    void showTable(std::shared_ptr<const StructureTable> table, OrderTableRequest::Kind kind);
    void clearTable(const QString& message);

    Workspace* workspace_;
    TaskRunner* runner_;
    DatasetPanel* datasetPanel_;
    HeatmapView* heatmaps_;
    QComboBox* kind_;
    QComboBox* model_;
    QListWidget* models_;
    QSpinBox* order_;
    QCheckBox* gfre_;
    QCheckBox* lfre_;
    QCheckBox* paperKappa8_;
    QComboBox* split_;
    QSpinBox* testSize_;
    QComboBox* stratifyBy_;
    QSpinBox* seed_;
    QPushButton* compute_;
    QPushButton* cancel_;
    QPushButton* exportFigure_;
    QPushButton* exportData_;
    QLabel* status_;
    std::shared_ptr<const StructureTable> table_;
    int taskId_ = 0;
};

} // namespace le::ui
