#pragma once
// Details of one ordered pair and measure: a histogram of the pointwise errors over the
// test points, their mean / median / 95th percentile, the regularisation the estimator
// chose, and the worst points (frame, atom, species, value). Follows Workspace's current
// pair; clicking a worst point selects that atom and frame in every view.
#include <QDialog>

#include "ui/dialogs/pair_statistics.h"

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace le::ui {

class Workspace;

class PairDetailsDialog : public QDialog {
    Q_OBJECT
public:
    explicit PairDetailsDialog(Workspace& workspace, QWidget* parent = nullptr);

    // Re-reads the workspace's current pair and results.
    void refresh();

    const PairStatistics& statistics() const { return stats_; }
    QTableWidget* worstTable() const { return table_; }
    QCustomPlot* histogram() const { return plot_; }
    QString summaryText() const;

private:
    void onWorstRowActivated(int row);

    Workspace& workspace_;
    PairStatistics stats_;
    QLabel* title_;
    QLabel* summary_;
    QCustomPlot* plot_;
    QTableWidget* table_;
};

} // namespace le::ui
