#pragma once
// Sortable table of test atoms by pointwise error for the current pair (worst first),
// filterable by species and label. Selecting rows selects the atoms in the workspace
// (structure view and map follow) and opens the first one's frame. Exports the visible
// rows as CSV, and the dataset as extxyz with the error as a per-atom column.
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace le::ui {

class OutlierFilter;
class OutlierModel;
class Workspace;

class OutlierTable : public QWidget {
    Q_OBJECT
public:
    // Rows the table shows at its preferred height (sizeHint), e.g. as the window opens.
    static constexpr int kRowsInView = 10;

    explicit OutlierTable(Workspace* workspace, QWidget* parent = nullptr);
    QSize sizeHint() const override;

    OutlierModel* model() const { return model_; }
    OutlierFilter* filter() const { return filter_; }
    QTableView* table() const { return table_; }
    QComboBox* speciesFilter() const { return species_; }
    QString pairText() const;
    QLineEdit* labelFilter() const { return label_; }

    // CSV of the rows as shown (sorted, filtered). False + message on failure.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    // The whole dataset as extxyz with the pointwise error per atom (NaN for atoms that
    // were not test points) in a column named after the pair.
    bool exportExtxyz(const QString& path, QString* error = nullptr) const;
    QString errorColumnName() const;

private:
    void refresh();
    void onSelectionChanged();

    Workspace* workspace_;
    OutlierModel* model_;
    OutlierFilter* filter_;
    QTableView* table_;
    QComboBox* species_;
    QLineEdit* label_;
    QLabel* count_;
    QLabel* pair_; // which pair and measure the rows belong to
};

} // namespace le::ui
