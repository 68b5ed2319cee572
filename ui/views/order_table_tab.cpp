#include "ui/views/order_table_tab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "core/util/error.h"
#include "ui/dialogs/export_dialog.h"
#include "ui/export/matrix_export.h"
#include "ui/panels/dataset_panel.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/heatmap_view.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

namespace {

enum SplitChoice { SplitDefault = 0, SplitStratified = 1 };

// Per-atom feature sets as arranged in the dataset panel (only those can be pooled).
std::vector<FeatureChoice> atomChoices(const Dataset& dataset,
                                       const std::vector<FeatureChoice>& arranged) {
    std::vector<FeatureChoice> out;
    for (const FeatureChoice& c : arranged) {
        if (c.index < 0 || c.index >= int(dataset.featureSets().size())) continue;
        const FeatureSet& f = dataset.featureSets()[std::size_t(c.index)];
        if (f.level == Level::Atom && f.rows() == dataset.atomCount()) out.push_back(c);
    }
    return out;
}

} // namespace

OrderTableTab::OrderTableTab(Workspace* workspace, TaskRunner* runner, DatasetPanel* datasetPanel,
                             QWidget* parent)
    : QWidget(parent), workspace_(workspace), runner_(runner), datasetPanel_(datasetPanel),
      heatmaps_(new HeatmapView(this)), kind_(new QComboBox(this)), model_(new QComboBox(this)),
      models_(new QListWidget(this)), order_(new QSpinBox(this)),
      gfre_(new QCheckBox("GFRE", this)), lfre_(new QCheckBox("LFRE", this)),
      paperKappa8_(new QCheckBox(tr("Paper-compatible κ8"), this)), split_(new QComboBox(this)),
      testSize_(new QSpinBox(this)), stratifyBy_(new QComboBox(this)), seed_(new QSpinBox(this)),
      compute_(new QPushButton(tr("Compute"), this)), cancel_(new QPushButton(tr("Cancel"), this)),
      exportFigure_(new QPushButton(tr("Export figure…"), this)),
      exportData_(new QPushButton(tr("Export data…"), this)), status_(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(buildControls());
    auto* right = new QVBoxLayout;
    right->addWidget(heatmaps_, 1);
    status_->setWordWrap(true);
    right->addWidget(status_);
    layout->addLayout(right, 1);

    connect(compute_, &QPushButton::clicked, this, &OrderTableTab::compute);
    connect(cancel_, &QPushButton::clicked, runner_, &TaskRunner::cancelCurrent);
    connect(exportFigure_, &QPushButton::clicked, this, &OrderTableTab::exportFigure);
    connect(exportData_, &QPushButton::clicked, this, &OrderTableTab::exportData);
    connect(runner_, &TaskRunner::taskCancelled, this, [this](int id) {
        if (id != taskId_) return;
        taskId_ = 0;
        status_->setText(tr("Cancelled."));
        updateEnabled();
    });
    connect(workspace_, &Workspace::datasetChanged, this, [this] {
        clearTable(tr("Choose a per-atom feature set and press Compute."));
        // The dataset panel receives the new dataset right after the workspace.
        QTimer::singleShot(0, this, &OrderTableTab::refreshInputs);
    });
    connect(datasetPanel_, &DatasetPanel::featureChoicesChanged, this, &OrderTableTab::refreshInputs);
    refreshInputs();
    clearTable(tr("Open a dataset with per-atom features, then press Compute."));
}

QWidget* OrderTableTab::buildControls() {
    kind_->addItem(tr("Orders of one model"));
    kind_->addItem(tr("Models at one order"));
    kind_->setToolTip(tr("Progressive-order table (φ1..φn of one feature set) or the "
                         "cross-model table of several feature sets pooled at one order"));
    models_->setToolTip(tr("Feature sets compared in the cross-model table (tick two or more)"));
    models_->setMaximumHeight(110);
    order_->setRange(1, kMaxCumulantOrder);
    order_->setValue(kMaxCumulantOrder);
    order_->setToolTip(tr("Highest cumulant order n: φ(n) = [κ1 | κ2 | … | κn] per feature"));
    gfre_->setChecked(true);
    lfre_->setChecked(true);
    paperKappa8_->setToolTip(tr("The paper's scripts swap two coefficients of κ8 "
                                "(420 μ2μ3² + 560 μ2²μ4); tick only to reproduce published numbers"));
    split_->addItem(tr("50/50 (scikit-matter default)"), SplitDefault);
    split_->addItem(tr("N test structures, stratified"), SplitStratified);
    split_->setToolTip(tr("Train/test split over structures"));
    testSize_->setRange(1, 1000000);
    testSize_->setToolTip(tr("Number of test structures"));
    stratifyBy_->setToolTip(tr("Frame label whose values keep their proportions in the test set"));
    seed_->setRange(0, 1 << 30);
    seed_->setToolTip(tr("Seed of the stratified split (the paper used 0)"));

    auto* box = new QWidget(this);
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Table:"), kind_);
    form->addRow(tr("Model:"), model_);
    form->addRow(tr("Models:"), models_);
    form->addRow(tr("Max order:"), order_);
    auto* measures = new QHBoxLayout;
    measures->addWidget(gfre_);
    measures->addWidget(lfre_);
    measures->addStretch();
    form->addRow(tr("Measures:"), measures);
    form->addRow(QString(), paperKappa8_);
    form->addRow(tr("Split:"), split_);
    form->addRow(tr("Test structures:"), testSize_);
    form->addRow(tr("Stratify by:"), stratifyBy_);
    form->addRow(tr("Seed:"), seed_);
    auto* run = new QHBoxLayout;
    run->addWidget(compute_);
    run->addWidget(cancel_);
    form->addRow(run);
    auto* exports = new QHBoxLayout;
    exports->addWidget(exportFigure_);
    exports->addWidget(exportData_);
    form->addRow(exports);
    box->setMaximumWidth(300);

    auto refresh = [this] { updateEnabled(); };
    connect(kind_, &QComboBox::currentIndexChanged, this, refresh);
    connect(split_, &QComboBox::currentIndexChanged, this, refresh);
    connect(models_, &QListWidget::itemChanged, this, refresh);
    connect(model_, &QComboBox::currentIndexChanged, this, refresh);
    connect(gfre_, &QCheckBox::toggled, this, refresh);
    connect(lfre_, &QCheckBox::toggled, this, refresh);
    return box;
}

void OrderTableTab::refreshInputs() {
    const auto dataset = workspace_->dataset();
    const QString previous = model_->currentText();
    model_->clear();
    models_->clear();
    stratifyBy_->clear();
    if (dataset) {
        for (const FeatureChoice& c : atomChoices(*dataset, datasetPanel_->featureChoices())) {
            const QString name = QString::fromStdString(c.name);
            model_->addItem(name, c.index);
            auto* item = new QListWidgetItem(name, models_);
            item->setData(Qt::UserRole, c.index);
            item->setCheckState(c.enabled ? Qt::Checked : Qt::Unchecked);
        }
        stratifyBy_->addItems(datasetPanel_->labelKeys());
        const int frames = int(dataset->frameCount());
        testSize_->setMaximum(std::max(1, frames - 1));
        testSize_->setValue(std::max(1, frames / 2));
        if (const int i = model_->findText(previous); i >= 0) model_->setCurrentIndex(i);
    }
    updateEnabled();
}

void OrderTableTab::updateEnabled() {
    const bool cross = kind_->currentIndex() == 1;
    const bool stratified = split_->currentIndex() == SplitStratified;
    if (auto* form = qobject_cast<QFormLayout*>(model_->parentWidget()->layout())) {
        form->setRowVisible(model_, !cross);
        form->setRowVisible(models_, cross);
        form->setRowVisible(testSize_, stratified);
        form->setRowVisible(stratifyBy_, stratified);
        form->setRowVisible(seed_, stratified);
    }
    order_->setToolTip(cross ? tr("Cumulant order n at which every model is pooled")
                             : tr("Highest cumulant order n: φ(n) = [κ1 | κ2 | … | κn] per feature"));
    // Keep the split choice usable only when the dataset has labels to stratify by.
    if (auto* model = qobject_cast<QStandardItemModel*>(split_->model()))
        model->item(SplitStratified)->setEnabled(stratifyBy_->count() > 0);
    int ticked = 0;
    for (int i = 0; i < models_->count(); ++i)
        ticked += models_->item(i)->checkState() == Qt::Checked;
    const bool haveModels = cross ? ticked >= 2 : model_->count() > 0;
    const bool busy = isComputing();
    compute_->setEnabled(!busy && haveModels && (gfre_->isChecked() || lfre_->isChecked()) &&
                         (!stratified || stratifyBy_->count() > 0));
    cancel_->setEnabled(busy);
    const bool haveTable = table_ != nullptr;
    exportFigure_->setEnabled(haveTable);
    exportData_->setEnabled(haveTable);
}

OrderTableRequest OrderTableTab::request() const {
    OrderTableRequest r;
    const auto arranged = datasetPanel_->featureChoices();
    auto choiceOf = [&](int index) {
        for (const FeatureChoice& c : arranged)
            if (c.index == index) return c;
        throw ComputeError("feature set #" + std::to_string(index) + " is not in the dataset panel");
    };
    if (kind_->currentIndex() == 1) {
        r.kind = OrderTableRequest::Kind::CrossModel;
        for (int i = 0; i < models_->count(); ++i)
            if (models_->item(i)->checkState() == Qt::Checked)
                r.features.push_back(choiceOf(models_->item(i)->data(Qt::UserRole).toInt()));
    } else if (model_->currentIndex() >= 0) {
        r.features.push_back(choiceOf(model_->currentData().toInt()));
    }
    r.options.cumulants.order = order_->value();
    r.options.cumulants.paperKappa8 = paperKappa8_->isChecked();
    r.options.subset = datasetPanel_->subset();
    r.options.metrics.measures.clear();
    if (gfre_->isChecked()) r.options.metrics.measures.push_back(Measure::GFRE);
    if (lfre_->isChecked()) r.options.metrics.measures.push_back(Measure::LFRE);
    SplitSettings& split = r.options.metrics.split;
    if (split_->currentIndex() == SplitStratified) {
        split.kind = SplitKind::Stratified;
        split.testSize = testSize_->value();
        split.stratifyBy = stratifyBy_->currentText().toStdString();
        split.seed = unsigned(seed_->value());
    } else {
        split.kind = SplitKind::SkmatterDefault;
    }
    return r;
}

void OrderTableTab::compute() {
    const auto dataset = workspace_->dataset();
    if (!dataset || isComputing()) return;
    OrderTableRequest req;
    try {
        req = request();
    } catch (const std::exception& e) {
        status_->setText(QString::fromUtf8(e.what()));
        emit failed(status_->text());
        return;
    }
    const QString title = req.kind == OrderTableRequest::Kind::Orders
        ? tr("Cumulant orders 1..%1 of %2").arg(req.options.cumulants.order)
              .arg(QString::fromStdString(req.features.front().name))
        : tr("%1 models at cumulant order %2").arg(req.features.size()).arg(req.options.cumulants.order);
    status_->setText(tr("%1…").arg(title));
    const auto kind = req.kind;
    taskId_ = runner_->submit(
        title, orderTableCacheKey(*dataset, req),
        [dataset, req](const TaskContext& ctx) -> std::any { return runOrderTable(*dataset, req, ctx); },
        [this, dataset, kind](const std::any& value) {
            taskId_ = 0;
            if (workspace_->dataset() != dataset) return updateEnabled(); // data replaced meanwhile
            showTable(std::any_cast<std::shared_ptr<const StructureTable>>(value), kind);
            emit computed();
        },
        [this](const QString& message) {
            taskId_ = 0;
            status_->setText(message);
            updateEnabled();
            emit failed(message);
        });
    updateEnabled();
}

void OrderTableTab::showTable(std::shared_ptr<const StructureTable> table,
                              OrderTableRequest::Kind kind) {
    table_ = std::move(table);
    const AllPairsResult& pairs = table_->pairs;
    std::vector<NamedMatrix> panels;
    for (Measure m : {Measure::GFRE, Measure::LFRE}) {
        if (!pairs.matrices.count(m)) continue;
        NamedMatrix panel = matrixFromResult(pairs, m);
        if (kind == OrderTableRequest::Kind::Orders) { // "phi3" → "φ3"
            for (QString& name : panel.rowNames) name.replace("phi", "φ");
            for (QString& name : panel.columnNames) name.replace("phi", "φ");
        }
        panels.push_back(std::move(panel));
    }
    heatmaps_->setPanels(std::move(panels));
    QString text = tr("%1 structures (%2 train, %3 test); subset: %4.")
                       .arg(table_->frames.size())
                       .arg(pairs.trainIndices.size())
                       .arg(pairs.testIndices.size())
                       .arg(QString::fromStdString(table_->subsetDescription));
    if (kind == OrderTableRequest::Kind::Orders)
        text += tr(" Rows: source order, columns: target. Lower orders are column subsets of "
                   "higher ones, so GFRE(higher → lower) ≈ 0 as long as the training structures "
                   "outnumber the columns (n·d).");
    if (table_->singleAtomStructures > 0)
        text += tr(" Warning: %1 structures have a single atom (their κ≥2 are 0).")
                    .arg(table_->singleAtomStructures);
    status_->setText(text);
    updateEnabled();
}

void OrderTableTab::clearTable(const QString& message) {
    table_.reset();
    heatmaps_->setPanels({});
    status_->setText(message);
    updateEnabled();
}

void OrderTableTab::exportFigure() {
    if (!table_) return;
    ExportDialog::exportPlotInteractively(*heatmaps_->plot(), "cumulant_orders", this);
}

void OrderTableTab::exportData() {
    if (!table_) return;
    QSettings settings;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export data"), settings.value("export/dir").toString() + "/cumulant_orders.csv",
        tr("CSV table (*.csv)"));
    if (path.isEmpty()) return;
    const QString error = writeTextFile(path, matricesToCsv(heatmaps_->panels()).toUtf8());
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export data"), error);
}

} // namespace le::ui
