#include "ui/views/structure_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <map>
#include <set>

#include "core/structure/element_style.h"
#include "ui/tasks/run_in_background.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/structure_color_bar.h"
#include "ui/views/structure_view.h"
#include "ui/workspace/workspace.h"

namespace le::ui {
namespace {

enum RangeIndex { RangeAuto, RangeFixed, RangePercentile };

QCheckBox* checkBox(const QString& text, bool checked, QWidget* parent) {
    auto* box = new QCheckBox(text, parent);
    box->setChecked(checked);
    return box;
}

} // namespace

StructurePanel::StructurePanel(Workspace* workspace, TaskRunner* runner, QWidget* parent)
    : QWidget(parent), workspace_(workspace), runner_(runner), lfreCache_(std::make_shared<LfreContextCache>()),
      frameLfre_(cachedFrameLfre(lfreCache_)) {
    view_ = new StructureView(workspace, this);
    colorBar_ = new StructureColorBar(this);
    buildControls();
    // The cached LFRE source side holds the old dataset and metrics alive: let them go.
    connect(workspace_, &Workspace::datasetChanged, this, [this] {
        lfreCache_->clear();
        refreshChoices();
    });
    connect(workspace_, &Workspace::metricsChanged, this, [this] {
        lfreCache_->clear();
        refreshChoices();
    });
    connect(workspace_, &Workspace::currentPairChanged, this, [this] { recolor(); });
    connect(workspace_, &Workspace::currentFrameChanged, this, [this] { recolor(); });
    refreshChoices();
}

void StructurePanel::buildControls() {
    colorBy_ = new QComboBox(this);
    colorBy_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    colormap_ = new QComboBox(this);
    for (ColormapId id : allColormaps()) colormap_->addItem(colormapName(id));
    rangeMode_ = new QComboBox(this);
    rangeMode_->addItems({tr("Auto range"), tr("Fixed"), tr("Percentile clip")});
    fixedMin_ = new QDoubleSpinBox(this);
    fixedMax_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* box : {fixedMin_, fixedMax_}) {
        box->setRange(-1e12, 1e12);
        box->setDecimals(4);
        box->setSingleStep(0.05);
    }
    fixedMax_->setValue(1.0);
    clipPercent_ = new QDoubleSpinBox(this);
    clipPercent_->setRange(0, 49);
    clipPercent_->setValue(2);
    clipPercent_->setSuffix(" %");
    clipPercent_->setToolTip(tr("Clip this percentage of values at each end"));
    log_ = checkBox(tr("Log"), false, this);

    for (int a = 0; a < 3; ++a) {
        repeats_[a] = new QSpinBox(this);
        repeats_[a]->setRange(1, 6);
        repeats_[a]->setToolTip(tr("Periodic images along cell vector %1").arg(QChar('a' + a)));
    }
    showCell_ = checkBox(tr("Cell"), true, this);
    showBonds_ = checkBox(tr("Bonds"), true, this);
    labels_ = checkBox(tr("Labels"), false, this);
    perspective_ = checkBox(tr("Perspective"), false, this);
    auto* reset = new QPushButton(tr("Reset view"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    status_ = new QLabel(this);

    auto* row1 = new QHBoxLayout;
    row1->addWidget(new QLabel(tr("Colour by"), this));
    row1->addWidget(colorBy_);
    row1->addWidget(colormap_);
    row1->addWidget(rangeMode_);
    row1->addWidget(fixedMin_);
    row1->addWidget(fixedMax_);
    row1->addWidget(clipPercent_);
    row1->addWidget(log_);
    row1->addStretch();
    auto* row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("Supercell"), this));
    for (QSpinBox* box : repeats_) row2->addWidget(box);
    row2->addWidget(showCell_);
    row2->addWidget(showBonds_);
    row2->addWidget(labels_);
    row2->addWidget(perspective_);
    row2->addWidget(reset);
    row2->addWidget(exportButton);
    row2->addWidget(status_, 1);
    auto* body = new QHBoxLayout;
    body->addWidget(view_, 1);
    body->addWidget(colorBar_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addLayout(body, 1);

    const auto updateRangeWidgets = [this] {
        fixedMin_->setVisible(rangeMode_->currentIndex() == RangeFixed);
        fixedMax_->setVisible(rangeMode_->currentIndex() == RangeFixed);
        clipPercent_->setVisible(rangeMode_->currentIndex() == RangePercentile);
    };
    updateRangeWidgets();
    connect(rangeMode_, &QComboBox::currentIndexChanged, this, updateRangeWidgets);
    connect(colorBy_, &QComboBox::currentIndexChanged, this, [this] { recolor(); });
    for (QComboBox* box : {colormap_, rangeMode_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { recolor(); });
    for (QDoubleSpinBox* box : {fixedMin_, fixedMax_, clipPercent_})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { recolor(); });
    connect(log_, &QCheckBox::toggled, this, [this] { recolor(); });
    for (QSpinBox* box : repeats_)
        connect(box, &QSpinBox::valueChanged, this, [this] { applySceneOptions(); });
    for (QCheckBox* box : {showCell_, showBonds_})
        connect(box, &QCheckBox::toggled, this, [this] { applySceneOptions(); });
    connect(labels_, &QCheckBox::toggled, view_, &StructureView::setShowLabels);
    connect(perspective_, &QCheckBox::toggled, view_, &StructureView::setPerspective);
    connect(reset, &QPushButton::clicked, view_, &StructureView::resetView);
    connect(exportButton, &QPushButton::clicked, this, [this] { exportImage(); });
}

void StructurePanel::refreshChoices() {
    const auto dataset = workspace_->dataset();
    const ColorChoice previous =
        colorBy_->currentIndex() >= 0 && std::size_t(colorBy_->currentIndex()) < choices_.size()
            ? choices_[std::size_t(colorBy_->currentIndex())]
            : ColorChoice{};
    choices_ = dataset ? availableColorChoices(*dataset, workspace_->metrics().get())
                       : std::vector<ColorChoice>{ColorChoice{}};
    const QSignalBlocker block(colorBy_);
    colorBy_->clear();
    int index = 0;
    for (std::size_t k = 0; k < choices_.size(); ++k) {
        colorBy_->addItem(choices_[k].displayName());
        if (choices_[k] == previous) index = int(k);
    }
    colorBy_->setCurrentIndex(index);
    recolor();
}

bool StructurePanel::setColorChoice(const ColorChoice& choice) {
    const auto found = std::find(choices_.begin(), choices_.end(), choice);
    if (found == choices_.end()) return false;
    const int index = int(found - choices_.begin());
    // A new index recolours through the combo box's signal; recolouring twice would start
    // the on-demand LFRE twice.
    if (colorBy_->currentIndex() == index) recolor();
    else colorBy_->setCurrentIndex(index);
    return true;
}

void StructurePanel::setColormap(ColormapId id) {
    colormap_->setCurrentText(colormapName(id));
}

void StructurePanel::setRangeSettings(const ColorRangeSettings& s) {
    const QSignalBlocker b1(rangeMode_), b2(fixedMin_), b3(fixedMax_), b4(clipPercent_), b5(log_);
    rangeMode_->setCurrentIndex(s.mode == RangeMode::Auto    ? RangeAuto
                                : s.mode == RangeMode::Fixed ? RangeFixed
                                                             : RangePercentile);
    fixedMin_->setValue(s.fixedMin);
    fixedMax_->setValue(s.fixedMax);
    clipPercent_->setValue(s.lowerPercentile);
    log_->setChecked(s.normalisation == Normalisation::Log);
    fixedMin_->setVisible(s.mode == RangeMode::Fixed);
    fixedMax_->setVisible(s.mode == RangeMode::Fixed);
    clipPercent_->setVisible(s.mode == RangeMode::PercentileClip);
    recolor();
}

ColorRangeSettings StructurePanel::rangeSettings() const {
    ColorRangeSettings s;
    s.mode = rangeMode_->currentIndex() == RangeFixed        ? RangeMode::Fixed
             : rangeMode_->currentIndex() == RangePercentile ? RangeMode::PercentileClip
                                                             : RangeMode::Auto;
    s.fixedMin = fixedMin_->value();
    s.fixedMax = fixedMax_->value();
    s.lowerPercentile = clipPercent_->value();
    s.upperPercentile = 100.0 - clipPercent_->value();
    s.normalisation = log_->isChecked() ? Normalisation::Log : Normalisation::Linear;
    return s;
}

void StructurePanel::applyValues(const std::vector<double>& values, const QString& name) {
    values_ = values;
    const ColorRangeSettings settings = rangeSettings();
    const ColorMapper mapper(colormapFromName(colormap_->currentText().toStdString())
                                 .value_or(ColormapId::Viridis),
                             resolveRange(values, settings), settings.normalisation);
    std::vector<Rgb> colors;
    colors.reserve(values.size());
    for (double v : values) colors.push_back(mapper.map(v));
    view_->setAtomColoring(std::move(colors), values, name);
    colorBar_->showContinuous(name, mapper);
    emit coloringChanged();
}

void StructurePanel::applyLabels(const std::vector<std::string>& labels, const QString& name) {
    std::map<std::string, std::size_t> categories;
    for (const std::string& label : labels) categories.emplace(label, 0);
    std::vector<std::pair<QString, Rgb>> legend;
    std::size_t next = 0;
    for (auto& [label, index] : categories) {
        index = next++;
        legend.push_back({QString::fromStdString(label), categoricalColor(index)});
    }
    std::vector<Rgb> colors;
    values_.clear();
    for (const std::string& label : labels) {
        colors.push_back(categoricalColor(categories[label]));
        values_.push_back(double(categories[label]));
    }
    view_->setAtomColoring(std::move(colors), values_, name, labels);
    colorBar_->showCategories(name, std::move(legend));
    emit coloringChanged();
}

void StructurePanel::recolor() {
    pendingKey_.clear();
    status_->clear();
    const auto dataset = workspace_->dataset();
    const int frame = workspace_->currentFrame();
    const int index = colorBy_->currentIndex();
    if (!dataset || frame < 0 || frame >= dataset->frameCount() || index < 0 ||
        std::size_t(index) >= choices_.size()) {
        values_.clear();
        view_->setAtomColoring({}, {}, {});
        colorBar_->clear();
        return;
    }
    const ColorChoice& choice = choices_[std::size_t(index)];
    switch (choice.source) {
    case ColorSource::Element: {
        std::set<int> species(dataset->frames()[std::size_t(frame)].species.begin(),
                              dataset->frames()[std::size_t(frame)].species.end());
        std::vector<std::pair<QString, Rgb>> legend;
        for (int z : species) legend.push_back({elementStyle(z).symbol, elementStyle(z).color});
        values_.clear();
        view_->setAtomColoring({}, {}, {});
        colorBar_->showCategories(tr("Species"), std::move(legend));
        emit coloringChanged();
        return;
    }
    case ColorSource::TextLabel:
        applyLabels(frameAtomLabels(*dataset, choice, frame), QString::fromStdString(choice.name));
        return;
    case ColorSource::AtomProperty:
    case ColorSource::MetricPointwise:
        applyValues(frameAtomValues(*dataset, workspace_->metrics().get(),
                                    workspace_->currentSource(), workspace_->currentTarget(),
                                    choice, frame),
                    choice.displayName());
        return;
    case ColorSource::LfreOnDemand: requestLfre(); return;
    }
}

void StructurePanel::setFrameLfreFunction(FrameLfreFunction function) {
    frameLfre_ = std::move(function);
    recolor();
}

void StructurePanel::requestLfre() {
    const auto dataset = workspace_->dataset();
    const auto metrics = workspace_->metrics();
    const int source = workspace_->currentSource(), target = workspace_->currentTarget();
    const int frame = workspace_->currentFrame();
    if (!metrics || source < 0 || target < 0 || !frameLfre_) {
        status_->setText(frameLfre_ ? tr("Pick a model pair to colour by pointwise LFRE.")
                                    : tr("Pointwise LFRE on demand is not available."));
        applyValues(std::vector<double>(std::size_t(dataset->frames()[std::size_t(frame)].atomCount()),
                                        std::nan("")),
                    tr("Pointwise LFRE"));
        return;
    }
    const QString name = tr("LFRE %1 → %2")
                             .arg(QString::fromStdString(metrics->names[std::size_t(source)]),
                                  QString::fromStdString(metrics->names[std::size_t(target)]));
    const QString key = QString("structure-lfre:%1:%2:%3:%4")
                            .arg(quintptr(metrics.get()))
                            .arg(source)
                            .arg(target)
                            .arg(frame);
    if (key == lastLfreKey_) { // colour map or range changed: no need to recompute
        applyValues(lastLfreValues_, name);
        return;
    }
    pendingKey_ = key;
    status_->setText(tr("Computing pointwise LFRE…"));
    auto work = [lfre = frameLfre_, dataset, metrics, source, target,
                 frame](const TaskContext& ctx) -> std::any {
        return std::make_shared<const std::vector<double>>(
            lfre(dataset, metrics, source, target, frame, ctx));
    };
    auto done = [this, key, name, source, target, frame](const std::any& result) {
        if (key != pendingKey_) return; // the user moved on
        pendingKey_.clear();
        status_->clear();
        lastLfreKey_ = key;
        lastLfreValues_ = *std::any_cast<std::shared_ptr<const std::vector<double>>>(result);
        applyValues(lastLfreValues_, name);
        emit frameLfreShown(source, target, frame);
    };
    auto failed = [this, key](const QString& message) {
        if (key != pendingKey_) return;
        pendingKey_.clear();
        status_->setText(message);
    };
    runInBackground(runner_, this, tr("Pointwise LFRE of frame %1").arg(frame), key, work, done, failed);
}

void StructurePanel::applySceneOptions() {
    SceneOptions options = view_->sceneOptions();
    for (int a = 0; a < 3; ++a) options.supercell[std::size_t(a)] = repeats_[a]->value();
    options.cell = showCell_->isChecked();
    options.bonds = showBonds_->isChecked();
    view_->setSceneOptions(options);
}

void StructurePanel::exportImage() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export structure image"), "structure.png",
        tr("PNG image, 3× resolution (*.png);;SVG vector (*.svg);;PDF vector (*.pdf)"), &filter);
    if (path.isEmpty()) return;
    QString error;
    if (!view_->exportTo(path, 3.0, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace le::ui
