#include "ui/views/outlier_table.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/io/extxyz_writer.h"
#include "core/structure/element_style.h"
#include "ui/views/outlier_model.h"
#include "ui/workspace/workspace.h"

namespace le::ui {
namespace {

QString csvField(QString text) {
    if (text.contains(',') || text.contains('"') || text.contains('\n'))
        text = '"' + text.replace('"', "\"\"") + '"';
    return text;
}

QString measureText(Measure m) {
    return m == Measure::GFRE ? "gfre" : m == Measure::GFRD ? "gfrd" : "lfre";
}

} // namespace

OutlierTable::OutlierTable(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace) {
    model_ = new OutlierModel(this);
    filter_ = new OutlierFilter(this);
    filter_->setSourceModel(model_);
    filter_->setSortRole(Qt::UserRole);
    table_ = new QTableView(this);
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(OutlierModel::ValueColumn, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    // Compact rows (one line of text and a small margin), so the dock shows many atoms.
    const int rowHeight = table_->fontMetrics().height() + 6;
    table_->verticalHeader()->setMinimumSectionSize(rowHeight);
    table_->verticalHeader()->setDefaultSectionSize(rowHeight);
    // Columns fit their header and values (measured on the first rows only, so a table of
    // 100 000 atoms stays fast); the labels column takes the rest.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setResizeContentsPrecision(200);
    table_->horizontalHeader()->setStretchLastSection(true);
    species_ = new QComboBox(this);
    label_ = new QLineEdit(this);
    label_->setPlaceholderText(tr("Filter labels…"));
    label_->setClearButtonEnabled(true);
    count_ = new QLabel(this);
    pair_ = new QLabel(this);
    pair_->setTextFormat(Qt::PlainText);
    auto* csv = new QPushButton(tr("CSV…"), this);
    auto* xyz = new QPushButton(tr("extxyz…"), this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(pair_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Species"), this));
    controls->addWidget(species_);
    controls->addWidget(label_, 1);
    controls->addWidget(count_);
    controls->addWidget(csv);
    controls->addWidget(xyz);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(table_, 1);

    connect(species_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->setSpecies(species_->currentData().toInt());
        count_->setText(tr("%1 of %2 atoms").arg(filter_->rowCount()).arg(model_->rowCount()));
    });
    connect(label_, &QLineEdit::textChanged, this, [this](const QString& text) {
        filter_->setLabelText(text);
        count_->setText(tr("%1 of %2 atoms").arg(filter_->rowCount()).arg(model_->rowCount()));
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { onSelectionChanged(); });
    const auto exportWith = [this](const QString& filterText, auto writer) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export outliers"), {}, filterText);
        QString error;
        if (!path.isEmpty() && !(this->*writer)(path, &error))
            QMessageBox::warning(this, tr("Export failed"), error);
    };
    connect(csv, &QPushButton::clicked, this,
            [=] { exportWith(tr("CSV (*.csv)"), &OutlierTable::exportCsv); });
    connect(xyz, &QPushButton::clicked, this,
            [=] { exportWith(tr("Extended XYZ (*.extxyz *.xyz)"), &OutlierTable::exportExtxyz); });
    for (auto signal : {&Workspace::datasetChanged, &Workspace::metricsChanged})
        connect(workspace_, signal, this, [this] { refresh(); });
    connect(workspace_, &Workspace::currentPairChanged, this, [this] { refresh(); });
    refresh();
}

QString OutlierTable::errorColumnName() const {
    const auto metrics = workspace_->metrics();
    const int s = workspace_->currentSource(), t = workspace_->currentTarget();
    if (!metrics || s < 0 || t < 0) return "pointwise_error";
    return QString("%1_%2_to_%3")
        .arg(measureText(workspace_->currentMeasure()),
             QString::fromStdString(metrics->names[std::size_t(s)]),
             QString::fromStdString(metrics->names[std::size_t(t)]));
}

QSize OutlierTable::sizeHint() const {
    // The window opens its bottom dock at this height: the controls and kRowsInView rows.
    QSize hint = QWidget::sizeHint();
    const int rows = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth() +
                     kRowsInView * table_->verticalHeader()->defaultSectionSize();
    hint.setHeight(hint.height() - table_->sizeHint().height() + rows);
    return hint;
}

QString OutlierTable::pairText() const {
    const auto metrics = workspace_->metrics();
    const int s = workspace_->currentSource(), t = workspace_->currentTarget();
    if (!metrics || s < 0 || t < 0 || std::size_t(std::max(s, t)) >= metrics->names.size())
        return tr("No pair: click a heatmap cell");
    return tr("%1  %2 → %3")
        .arg(measureText(workspace_->currentMeasure()).toUpper(),
             QString::fromStdString(metrics->names[std::size_t(s)]),
             QString::fromStdString(metrics->names[std::size_t(t)]));
}

void OutlierTable::refresh() {
    const auto dataset = workspace_->dataset();
    const auto metrics = workspace_->metrics();
    std::vector<OutlierRow> rows;
    if (dataset && metrics)
        rows = outlierRows(*dataset, *metrics, workspace_->currentSource(),
                           workspace_->currentTarget(), workspace_->currentMeasure());
    std::set<int> species;
    for (const OutlierRow& r : rows) species.insert(r.z);
    model_->setRows(std::move(rows), QString("Pointwise %1").arg(measureText(workspace_->currentMeasure()).toUpper()));
    const QSignalBlocker block(species_);
    species_->clear();
    species_->addItem(tr("All"), 0);
    for (int z : species) species_->addItem(elementStyle(z).symbol, z);
    filter_->setSpecies(0);
    count_->setText(tr("%1 of %2 atoms").arg(filter_->rowCount()).arg(model_->rowCount()));
    pair_->setText(pairText());
}

void OutlierTable::onSelectionChanged() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    QSet<qint64> atoms;
    for (const QModelIndex& index : rows)
        atoms.insert(model_->rows()[std::size_t(filter_->mapToSource(index).row())].atom);
    const OutlierRow& first = model_->rows()[std::size_t(filter_->mapToSource(table_->currentIndex().isValid() ? table_->currentIndex() : rows.front()).row())];
    workspace_->setCurrentFrame(first.frame);
    workspace_->setSelectedAtoms(atoms, this);
}

bool OutlierTable::exportCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray text = "frame,atom,global_atom,species,";
    text += csvField(errorColumnName()).toUtf8() + ",labels\n";
    for (int r = 0; r < filter_->rowCount(); ++r) {
        const OutlierRow& row = model_->rows()[std::size_t(filter_->mapToSource(filter_->index(r, 0)).row())];
        text += QString("%1,%2,%3,%4,%5,%6\n")
                    .arg(row.frame)
                    .arg(row.frameAtom)
                    .arg(row.atom)
                    .arg(elementStyle(row.z).symbol)
                    .arg(QString::number(row.value, 'g', 17), csvField(row.labels))
                    .toUtf8();
    }
    file.write(text);
    if (!file.commit()) {
        if (error) *error = tr("%1: could not write the file").arg(path);
        return false;
    }
    return true;
}

bool OutlierTable::exportExtxyz(const QString& path, QString* error) const {
    const auto dataset = workspace_->dataset();
    if (!dataset) {
        if (error) *error = tr("No dataset loaded");
        return false;
    }
    AtomColumn column;
    column.name = errorColumnName().toStdString();
    column.values = MatrixD::Constant(dataset->atomCount(), 1, std::nan(""));
    for (const OutlierRow& row : model_->rows()) column.values(row.atom, 0) = row.value;
    try {
        writeExtxyz(path.toStdString(), *dataset, {column});
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

} // namespace le::ui
