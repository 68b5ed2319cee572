#pragma once
// Details of one ordered pair and measure: a histogram of the pointwise errors over the
// test points, their mean / median / 95th percentile, the regularisation the estimator
// chose, and the worst points (frame, atom, species, value). With repeats: the value of each
// repeat (the histogram and worst points are the first repeat's); with a breakdown: a bar
// chart of the per-group values. Follows Workspace's current pair; clicking a worst point
// selects that atom and frame in every view.
#include <QDialog>

#include "ui/dialogs/pair_statistics.h"

class QCustomPlot;
class QLabel;
class QTableWidget;
class QTabWidget;

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
    QCustomPlot* groupChart() const { return groupPlot_; }
    QTableWidget* repeatsTable() const { return repeatsTable_; }
    QTabWidget* plotTabs() const { return plots_; }
    QTabWidget* tableTabs() const { return tables_; }
    QString summaryText() const;

private:
    void onWorstRowActivated(int row);
    // Fills the repeats table and the group chart from the workspace's summary; returns the
    // value shown in the title ("mean ± s.d.") with repeats, else "".
    QString showRepeatsAndGroups(int source, int target, Measure measure, double value);

    Workspace& workspace_;
    PairStatistics stats_;
    QLabel* title_;
    QLabel* summary_;
    QCustomPlot* plot_;
    QCustomPlot* groupPlot_;
    QTabWidget* plots_;
    QTableWidget* table_;
    QTableWidget* repeatsTable_;
    QTabWidget* tables_;
    QString repeatNote_; // added to the summary with repeats
};

} // namespace le::ui
