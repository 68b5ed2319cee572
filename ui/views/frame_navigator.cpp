#include "ui/views/frame_navigator.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/views/frame_navigator_model.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

FrameNavigator::FrameNavigator(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace) {
    model_ = new FrameNavigatorModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setFilterKeyColumn(-1); // search every column
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search frames (formula, labels, values)…"));
    search_->setClearButtonEnabled(true);
    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(FrameNavigatorModel::FrameColumn, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Column widths from the first rows only: measuring 100 000 frames would stall the window.
    table_->horizontalHeader()->setResizeContentsPrecision(200);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(search_);
    layout->addWidget(table_);

    connect(search_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& i) { openRow(i, false); });
    connect(table_, &QTableView::activated, this, [this](const QModelIndex& i) { openRow(i, true); });
    // A new dataset also emits metricsChanged (results are dropped): one refresh for both.
    connect(workspace_, &Workspace::metricsChanged, this, [this] { refresh(); });
    connect(workspace_, &Workspace::currentPairChanged, this, [this] { refresh(); });
    // Follow frames opened elsewhere (map click, outlier row); selecting a row does not emit
    // clicked(), so this never loops back.
    connect(workspace_, &Workspace::currentFrameChanged, this, [this](int frame) {
        const QModelIndex row = proxy_->mapFromSource(model_->index(frame, 0));
        if (!row.isValid()) return;
        table_->selectRow(row.row());
        table_->scrollTo(row);
    });
    refresh();
}

int FrameNavigator::frameAtRow(int row) const {
    return proxy_->mapToSource(proxy_->index(row, 0)).row();
}

void FrameNavigator::refresh() {
    const auto dataset = workspace_->dataset();
    const auto metrics = workspace_->metrics();
    FrameErrorSummary errors;
    QString name = tr("error");
    if (dataset && metrics && workspace_->currentSource() >= 0) {
        errors = summariseFrameErrors(*dataset, *metrics, workspace_->currentSource(),
                                      workspace_->currentTarget(), workspace_->currentMeasure());
        name = QString::fromUtf8(measureDisplayName(workspace_->currentMeasure()));
    }
    model_->setData(dataset, errors, name);
    table_->resizeColumnsToContents();
}

void FrameNavigator::openRow(const QModelIndex& index, bool selectWorstAtom) {
    if (!index.isValid()) return;
    const QModelIndex source = proxy_->mapToSource(index);
    workspace_->setCurrentFrame(source.row());
    if (!selectWorstAtom) return;
    const QVariant worst = model_->data(model_->index(source.row(), FrameNavigatorModel::WorstAtomColumn), Qt::UserRole);
    const auto dataset = workspace_->dataset();
    if (!dataset || !worst.isValid() || worst.toLongLong() < 0) return;
    workspace_->setSelectedAtoms({dataset->offsets()[std::size_t(source.row())] + worst.toLongLong()}, this);
}

} // namespace le::ui
