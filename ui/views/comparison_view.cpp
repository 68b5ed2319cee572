#include "ui/views/comparison_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

#include "core/util/error.h"
#include "ui/dialogs/export_dialog.h"
#include "ui/export/matrix_export.h"
#include "ui/views/heatmap_view.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

ComparisonView::ComparisonView(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), computed_(new HeatmapView(this)),
      published_(new HeatmapView(this)), third_(new QComboBox(this)),
      lower_(new QDoubleSpinBox(this)), upper_(new QDoubleSpinBox(this)),
      mode_(new QComboBox(this)), status_(new QLabel(this)) {
    for (QDoubleSpinBox* box : {lower_, upper_}) {
        box->setRange(-1000, 1000);
        box->setDecimals(2);
        box->setSingleStep(0.05);
    }
    lower_->setValue(0.0);
    upper_->setValue(1.0);
    lower_->setToolTip(tr("Colour range: lower end (the paper uses 0–1)"));
    upper_->setToolTip(tr("Colour range: upper end"));
    auto applyRange = [this] {
        if (upper_->value() > lower_->value()) {
            computed_->setColorRange(lower_->value(), upper_->value());
            if (mode_->currentIndex() == int(PublishedMode::Beside))
                published_->setColorRange(lower_->value(), upper_->value());
        }
    };
    connect(lower_, &QDoubleSpinBox::valueChanged, this, applyRange);
    connect(upper_, &QDoubleSpinBox::valueChanged, this, applyRange);
    third_->setObjectName("thirdPanel");
    third_->addItem(tr("no third panel"), -1);
    for (Measure m : {Measure::GFRD, Measure::KGFRE, Measure::CKA, Measure::DCKA, Measure::Procrustes,
                      Measure::InformationImbalance})
        third_->addItem(measureTitle(m), int(m));
    third_->setToolTip(tr("A third heatmap beside GFRE | LFRE: any other measure of the comparison (tick it in "
                          "Analysis settings). CKA, the Procrustes angle and the information imbalance have their "
                          "own colour bar."));
    connect(third_, &QComboBox::currentIndexChanged, this, [this] { refreshComputed(); });
    mode_->addItem(tr("published beside computed"));
    mode_->addItem(tr("computed − published"));
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] { refreshPublished(); });

    auto* importButton = new QPushButton(tr("Import published…"), this);
    importButton->setToolTip(tr("Published GFRE/LFRE matrices (JSON: target → source → A_to_B)"));
    connect(importButton, &QPushButton::clicked, this, &ComparisonView::chooseAndImport);
    auto* exportFigureButton = new QPushButton(tr("Export figure…"), this);
    connect(exportFigureButton, &QPushButton::clicked, this, &ComparisonView::exportFigure);
    auto* exportDataButton = new QPushButton(tr("Export data…"), this);
    connect(exportDataButton, &QPushButton::clicked, this, &ComparisonView::exportData);

    auto* bar = new QHBoxLayout;
    bar->addWidget(third_);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Colour range:"), this));
    bar->addWidget(lower_);
    bar->addWidget(new QLabel("–", this));
    bar->addWidget(upper_);
    bar->addSpacing(8);
    bar->addWidget(importButton);
    bar->addWidget(mode_);
    bar->addStretch();
    bar->addWidget(exportFigureButton);
    bar->addWidget(exportDataButton);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(computed_);
    splitter->addWidget(published_);
    published_->hide();
    status_->setWordWrap(true);
    status_->setStyleSheet("color: palette(mid);");
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    layout->addWidget(status_);

    connect(computed_, &HeatmapView::cellClicked, this, [this](int panel, int row, int column) {
        if (panel < 0 || panel >= int(measures_.size())) return;
        workspace_.setCurrentPair(row, column, measures_[std::size_t(panel)]);
        emit pairActivated(row, column, measures_[std::size_t(panel)]);
    });
    connect(&workspace_, &Workspace::metricsChanged, this, [this] {
        refreshComputed();
        refreshPublished();
    });
    connect(&workspace_, &Workspace::currentPairChanged, this, [this] { highlightCurrentPair(); });
    refreshComputed();
}

void ComparisonView::setShowGfrd(bool show) {
    setThirdPanel(show ? std::optional<Measure>(Measure::GFRD) : std::nullopt);
}

void ComparisonView::setThirdPanel(std::optional<Measure> measure) {
    const int index = third_->findData(measure ? int(*measure) : -1);
    if (index != third_->currentIndex()) third_->setCurrentIndex(std::max(0, index)); // refreshes through the signal
    else refreshComputed();
}

std::optional<Measure> ComparisonView::thirdPanel() const {
    const int data = third_->currentData().toInt();
    return data < 0 ? std::nullopt : std::optional<Measure>(Measure(data));
}

void ComparisonView::offerComputedMeasures() {
    const auto metrics = workspace_.metrics();
    auto* model = qobject_cast<QStandardItemModel*>(third_->model());
    bool any = false;
    for (int i = 1; i < third_->count(); ++i) {
        const bool computed = metrics && metrics->matrices.count(Measure(third_->itemData(i).toInt()));
        model->item(i)->setEnabled(computed);
        any = any || computed;
    }
    // Without GFRE and LFRE the third panel is all there is: show the first measure computed.
    if (metrics && any && !metrics->matrices.count(Measure::GFRE) && !metrics->matrices.count(Measure::LFRE) &&
        !(thirdPanel() && metrics->matrices.count(*thirdPanel())))
        for (int i = 1; i < third_->count(); ++i)
            if (model->item(i)->isEnabled()) {
                const QSignalBlocker block(third_);
                third_->setCurrentIndex(i);
                break;
            }
}

void ComparisonView::refreshComputed() {
    measures_.clear();
    std::vector<NamedMatrix> panels;
    const auto metrics = workspace_.metrics();
    if (metrics) {
        offerComputedMeasures();
        std::vector<Measure> wanted{Measure::GFRE, Measure::LFRE};
        if (thirdPanel()) wanted.push_back(*thirdPanel());
        const auto summary = workspace_.repeatSummary();
        for (Measure m : wanted)
            if (metrics->matrices.count(m)) {
                measures_.push_back(m);
                panels.push_back(matrixFromResult(*metrics, m, summary.get()));
                // Errors share the adjustable 0–1 bar; the others are read on their own scale.
                if (m != Measure::GFRE && m != Measure::LFRE && m != Measure::GFRD && m != Measure::KGFRE)
                    panels.back().ownRange = naturalRange(m, panels.back().values);
            }
        QString status = tr("%1 models, %2 training and %3 test points. Click a cell for the "
                            "pair's details.")
                             .arg(metrics->names.size())
                             .arg(metrics->trainIndices.size())
                             .arg(metrics->testIndices.size());
        if (summary && summary->count > 1)
            status += tr(" Cells: mean ± sample s.d. over %1 test sets (seeds %2–%3).")
                          .arg(summary->count)
                          .arg(summary->firstSeed)
                          .arg(summary->firstSeed + unsigned(summary->count - 1));
        status_->setText(status);
    } else {
        offerComputedMeasures();
        status_->setText(tr("Press Compare to compute GFRE, GFRD and LFRE (and the measures ticked in Analysis "
                            "settings) between the ticked feature sets."));
    }
    computed_->setPanels(std::move(panels));
    highlightCurrentPair();
}

void ComparisonView::highlightCurrentPair() {
    const auto found = std::find(measures_.begin(), measures_.end(), workspace_.currentMeasure());
    const int panel = found == measures_.end() ? -1 : int(found - measures_.begin());
    computed_->setHighlightedCell(panel, workspace_.currentSource(), workspace_.currentTarget());
}

void ComparisonView::importPublished(const QStringList& paths) {
    std::vector<NamedMatrix> matrices;
    for (const QString& path : paths) matrices.push_back(readPublishedMatrix(path));
    imported_ = std::move(matrices);
    refreshPublished();
}

void ComparisonView::clearPublished() {
    imported_.clear();
    refreshPublished();
}

void ComparisonView::setPublishedMode(PublishedMode mode) {
    mode_->setCurrentIndex(int(mode)); // refreshes through the signal when it changes
    refreshPublished();
}

void ComparisonView::refreshPublished() {
    if (imported_.empty()) {
        published_->hide();
        return;
    }
    published_->show();
    if (mode_->currentIndex() == int(PublishedMode::Beside)) {
        published_->setColormap(ColormapId::Viridis);
        published_->setPanels(imported_);
        published_->setColorRange(lower_->value(), upper_->value());
        return;
    }
    // Difference: each imported matrix against the computed one of the same measure.
    std::vector<NamedMatrix> differences;
    const auto metrics = workspace_.metrics();
    for (const NamedMatrix& p : imported_) {
        if (!metrics) break;
        const Measure m = p.title.startsWith("LFRE")   ? Measure::LFRE
                          : p.title.startsWith("GFRD") ? Measure::GFRD
                                                       : Measure::GFRE;
        if (!metrics->matrices.count(m)) continue;
        try {
            // The computed side is what the heatmap shows (the mean when there are repeats).
            differences.push_back(matrixDifference(matrixFromResult(*metrics, m, workspace_.repeatSummary().get()), p));
        } catch (const ComputeError& e) {
            status_->setText(QString::fromStdString(e.what()));
        }
    }
    published_->setPanels(std::move(differences));
    published_->useDivergingRange();
}

void ComparisonView::chooseAndImport() {
    QSettings settings;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import published matrices"), settings.value("import/dir").toString(),
        tr("Reconstruction errors (*.json)"));
    if (paths.isEmpty()) return;
    settings.setValue("import/dir", QFileInfo(paths.front()).absolutePath());
    try {
        importPublished(paths);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Import published matrices"), QString::fromUtf8(e.what()));
    }
}

void ComparisonView::exportFigure() {
    const bool published = !imported_.empty();
    QCustomPlot& plot = *computed_->plot();
    QString name = published ? "heatmaps" : "gfre_lfre";
    if (!published && thirdPanel()) name += QString("_") + measureName(*thirdPanel());
    ExportDialog::exportPlotInteractively(plot, name, this);
}

std::vector<NamedMatrix> ComparisonView::exportedMatrices() const {
    // Every computed matrix (not only the panels shown), then the published ones.
    const auto metrics = workspace_.metrics();
    std::vector<NamedMatrix> all =
        metrics ? allResultMatrices(*metrics, workspace_.repeatSummary().get()) : std::vector<NamedMatrix>{};
    for (const NamedMatrix& m : imported_.empty() ? std::vector<NamedMatrix>{} : published_->panels())
        all.push_back(m);
    return all;
}

QString ComparisonView::writeData(const QString& path) const {
    const std::vector<NamedMatrix> all = exportedMatrices();
    if (!path.endsWith(".json", Qt::CaseInsensitive)) return writeTextFile(path, matricesToCsv(all).toUtf8());
    // heatmaps.json → heatmaps_gfre.json, heatmaps_lfre.json, ...
    const QFileInfo info(path);
    for (const NamedMatrix& m : all) {
        const QString tag = QString(m.title).toLower().replace(QRegularExpression("[^a-z0-9]+"), "_");
        const QString file = all.size() == 1 ? path : info.dir().filePath(info.completeBaseName() + "_" + tag + ".json");
        const QString error = writeTextFile(file, matrixToJson(m));
        if (!error.isEmpty()) return error;
    }
    return {};
}

void ComparisonView::exportData() {
    if (exportedMatrices().empty()) return;
    QSettings settings;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export data"), settings.value("export/dir").toString() + "/heatmaps.csv",
        tr("CSV table (*.csv);;JSON in the paper's layout, one file per matrix (*.json)"));
    if (path.isEmpty()) return;
    const QString error = writeData(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export data"), error);
}

} // namespace le::ui
