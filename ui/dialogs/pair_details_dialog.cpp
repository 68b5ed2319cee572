#include "ui/dialogs/pair_details_dialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "core/dataset/elements.h"
#include "ui/dialogs/export_dialog.h"
#include "ui/dialogs/pair_repeats.h"
#include "ui/views/heatmap_data.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

PairDetailsDialog::PairDetailsDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), workspace_(workspace), title_(new QLabel(this)), summary_(new QLabel(this)),
      plot_(new QCustomPlot(this)), groupPlot_(new QCustomPlot(this)), plots_(new QTabWidget(this)),
      table_(new QTableWidget(this)), repeatsTable_(new QTableWidget(this)), tables_(new QTabWidget(this)) {
    setWindowTitle(tr("Pair details"));
    resize(760, 700);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setWordWrap(true);
    plot_->setMinimumHeight(220);
    plot_->xAxis->setLabel(tr("pointwise error"));
    plot_->yAxis->setLabel(tr("test points"));
    table_->setColumnCount(4);
    table_->setHorizontalHeaderLabels({tr("frame"), tr("atom"), tr("species"), tr("value")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(table_, &QTableWidget::cellClicked, this,
            [this](int row, int) { onWorstRowActivated(row); });

    groupPlot_->setMinimumHeight(220);
    repeatsTable_->setColumnCount(2);
    repeatsTable_->setHorizontalHeaderLabels({tr("seed"), tr("value")});
    repeatsTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    repeatsTable_->verticalHeader()->setVisible(false);
    repeatsTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    plots_->addTab(plot_, tr("Pointwise histogram"));
    plots_->addTab(groupPlot_, tr("By group"));
    tables_->addTab(table_, tr("Worst test points (click to show the atom)"));
    tables_->addTab(repeatsTable_, tr("Repeats"));

    auto* exportButton = new QPushButton(tr("Export plot…"), this);
    exportButton->setToolTip(tr("Exports the plot shown (histogram or per-group bars)"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        QCustomPlot* shown = plots_->currentWidget() == groupPlot_ ? groupPlot_ : plot_;
        ExportDialog::exportPlotInteractively(*shown, title_->text(), this);
    });
    auto* close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(exportButton);
    buttons->addStretch();
    buttons->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(summary_);
    layout->addWidget(plots_, 3);
    layout->addWidget(tables_, 2);
    layout->addLayout(buttons);

    connect(&workspace_, &Workspace::currentPairChanged, this, &PairDetailsDialog::refresh);
    connect(&workspace_, &Workspace::metricsChanged, this, &PairDetailsDialog::refresh);
    refresh();
}

QString PairDetailsDialog::summaryText() const { return summary_->text(); }

void PairDetailsDialog::refresh() {
    stats_ = {};
    plot_->clearPlottables();
    table_->setRowCount(0);
    repeatsTable_->setRowCount(0);
    repeatNote_.clear();
    groupPlot_->clearPlottables();
    groupPlot_->clearItems();
    groupPlot_->replot();
    plots_->setTabEnabled(1, false);
    tables_->setTabEnabled(1, false);
    const auto metrics = workspace_.metrics();
    const int s = workspace_.currentSource(), t = workspace_.currentTarget();
    const Measure measure = workspace_.currentMeasure();
    const int n = metrics ? int(metrics->names.size()) : 0;
    auto pairs = metrics ? metrics->pairs.find(measure) : decltype(metrics->pairs.end()){};
    auto matrix = metrics ? metrics->matrices.find(measure) : decltype(metrics->matrices.end()){};
    const bool inRange = metrics && s >= 0 && t >= 0 && s < n && t < n;
    const bool hasPair = inRange && pairs != metrics->pairs.end() && int(pairs->second.size()) > s &&
                         int(pairs->second[s].size()) > t;
    // A measure kept only as a matrix (e.g. from a saved workspace) still has its value.
    const bool hasValue = inRange && matrix != metrics->matrices.end() && matrix->second.rows() > s &&
                          matrix->second.cols() > t;
    if (!hasPair && !hasValue) {
        title_->setText(tr("No pair selected"));
        summary_->setText(tr("Click a cell of a heatmap to see the pair's details."));
        plot_->replot();
        return;
    }
    PairMeasure fromMatrix;
    if (!hasPair) fromMatrix.value = matrix->second(s, t);
    const PairMeasure& pair = hasPair ? pairs->second[s][t] : fromMatrix;
    const QString source = QString::fromStdString(metrics->names[s]);
    const QString target = QString::fromStdString(metrics->names[t]);
    const QString repeated = showRepeatsAndGroups(s, t, measure, pair.value);
    title_->setText(QString("%1  %2 → %3 = %4")
                        .arg(measureTitle(measure), source, target,
                             repeated.isEmpty() ? QString::number(pair.value, 'f', 4) : repeated));
    stats_ = pairStatistics(pair, metrics->testIndices, workspace_.analysisRows(),
                            workspace_.analysisLevel(), workspace_.dataset().get());
    if (stats_.count == 0 && !hasPointwiseValues(measure)) {
        summary_->setText(tr("No per-point distribution: %1 is one number for the pair.\nEstimator: %2.")
                              .arg(measureTitle(measure), regularisationText(pair, measure)));
    } else if (stats_.count == 0) {
        summary_->setText(tr("No pointwise values for this pair. %1")
                              .arg(regularisationText(pair, measure)));
    } else {
        summary_->setText(tr("%1 test points — mean %2, median %3, 95th percentile %4, max %5.\n"
                             "Chosen regularisation: %6.")
                              .arg(stats_.count)
                              .arg(stats_.mean, 0, 'g', 4)
                              .arg(stats_.median, 0, 'g', 4)
                              .arg(stats_.p95, 0, 'g', 4)
                              .arg(stats_.max, 0, 'g', 4)
                              .arg(regularisationText(pair, measure)));
    }
    summary_->setText(summary_->text() + repeatNote_);
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setWidth(stats_.binWidth);
    bars->setPen(QPen(QColor(40, 40, 90)));
    bars->setBrush(QColor(59, 82, 139));
    double top = 1;
    for (std::size_t b = 0; b < stats_.histogram.size(); ++b) {
        bars->addData(stats_.binStart + (double(b) + 0.5) * stats_.binWidth,
                      double(stats_.histogram[b]));
        top = std::max(top, double(stats_.histogram[b]));
    }
    plot_->xAxis->setRange(stats_.binStart,
                           stats_.binStart + stats_.binWidth * double(stats_.histogram.size()));
    plot_->yAxis->setRange(0, top * 1.1);
    plot_->replot();

    const bool atoms = workspace_.analysisLevel() == Level::Atom;
    table_->setRowCount(int(stats_.worst.size()));
    for (int r = 0; r < int(stats_.worst.size()); ++r) {
        const WorstPoint& w = stats_.worst[std::size_t(r)];
        auto set = [&](int c, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignCenter);
            table_->setItem(r, c, item);
        };
        set(0, QString::number(w.frame));
        set(1, atoms ? QString::number(w.atomInFrame) : QString("—"));
        set(2, atoms ? QString(elementSymbol(w.species)) : QString("—"));
        set(3, QString::number(w.value, 'g', 6));
    }
}

QString PairDetailsDialog::showRepeatsAndGroups(int source, int target, Measure measure, double value) {
    const auto summary = workspace_.repeatSummary();
    if (!summary) return {};
    QString suffix;
    const std::vector<RepeatValue> repeats = pairRepeatValues(*summary, measure, source, target);
    if (summary->count > 1 && !repeats.empty()) {
        const RepeatedMatrices& m = summary->measures.at(measure);
        suffix = QString("%1 ± %2")
                     .arg(QString::number(m.mean(source, target), 'f', 4))
                     .arg(QString::number(m.std(source, target), 'f', 4));
        repeatNote_ = tr("\nMean ± sample s.d. over %1 test sets (seeds %2–%3, values in the Repeats tab); the "
                         "histogram and the worst points are those of the first (seed %2).")
                          .arg(summary->count)
                          .arg(summary->firstSeed)
                          .arg(summary->firstSeed + unsigned(summary->count - 1));
        repeatsTable_->setRowCount(int(repeats.size()));
        for (int r = 0; r < int(repeats.size()); ++r) {
            auto* seed = new QTableWidgetItem(QString::number(repeats[std::size_t(r)].seed));
            auto* v = new QTableWidgetItem(QString::number(repeats[std::size_t(r)].value, 'g', 6));
            seed->setTextAlignment(Qt::AlignCenter);
            v->setTextAlignment(Qt::AlignCenter);
            repeatsTable_->setItem(r, 0, seed);
            repeatsTable_->setItem(r, 1, v);
        }
        tables_->setTabEnabled(1, true);
    }
    const std::vector<GroupBar> bars = pairGroupBars(*summary, measure, source, target);
    if (!bars.empty()) {
        const double overall = summary->count > 1 ? summary->measures.at(measure).mean(source, target) : value;
        drawGroupBars(*groupPlot_, bars, QString::fromStdString(summary->groupKey), measureTitle(measure), overall);
        plots_->setTabText(1, tr("By %1").arg(QString::fromStdString(summary->groupKey)));
        plots_->setTabEnabled(1, true);
    }
    return suffix;
}

void PairDetailsDialog::onWorstRowActivated(int row) {
    if (row < 0 || row >= int(stats_.worst.size())) return;
    const WorstPoint& w = stats_.worst[std::size_t(row)];
    workspace_.setCurrentFrame(int(w.frame));
    workspace_.setSelectedAtoms({qint64(w.row)}, this);
}

} // namespace le::ui
