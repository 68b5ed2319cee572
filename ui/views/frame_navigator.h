#pragma once
// Searchable, sortable table of frames. Clicking a row opens the frame; double-clicking
// also selects the frame's worst atom for the current pair.
#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace le::ui {

class FrameNavigatorModel;
class Workspace;

class FrameNavigator : public QWidget {
    Q_OBJECT
public:
    explicit FrameNavigator(Workspace* workspace, QWidget* parent = nullptr);

    QTableView* table() const { return table_; }
    QLineEdit* searchField() const { return search_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    FrameNavigatorModel* model() const { return model_; }
    // Frame shown in a proxy row (after sorting and filtering).
    int frameAtRow(int row) const;

private:
    void refresh();
    void openRow(const QModelIndex& index, bool selectWorstAtom);

    Workspace* workspace_;
    FrameNavigatorModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QLineEdit* search_;
};

} // namespace le::ui
