#include "ui/views/projection_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

#include <cmath>
#include <map>

#include "core/projection/projection.h"
#include "core/util/error.h"
#include "core/structure/element_style.h"
#include "ui/tasks/run_in_background.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/projection_chemiscope.h"
#include "ui/views/projection_map.h"
#include "ui/views/structure_coloring.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

QString PointColoring::displayName() const {
    switch (kind) {
    case Uniform: return QObject::tr("None");
    case Species: return QObject::tr("Species");
    case Property:
        return column > 0 ? QString("%1[%2]").arg(QString::fromStdString(name)).arg(column)
                          : QString::fromStdString(name);
    case Label: return QObject::tr("Label: %1").arg(QString::fromStdString(name));
    case Pointwise: return QObject::tr("Pointwise error (current pair)");
    }
    return {};
}

std::vector<PointColoring> pointColorings(const Dataset& dataset, Level level, bool hasMetrics) {
    std::vector<PointColoring> out{{PointColoring::Uniform, {}, 0}};
    if (level == Level::Atom) out.push_back({PointColoring::Species, {}, 0});
    if (hasMetrics) out.push_back({PointColoring::Pointwise, {}, 0});
    for (const Property& p : dataset.properties()) {
        if (p.level != level) continue;
        if (p.isText) {
            out.push_back({PointColoring::Label, p.name, 0});
        } else {
            for (int c = 0; c < int(p.width()); ++c) out.push_back({PointColoring::Property, p.name, c});
        }
    }
    if (dataset.frameCount() > 0) {
        for (const auto& [key, value] : dataset.frames().front().info) {
            if (value.isString()) {
                out.push_back({PointColoring::Label, key, 0});
            } else if (value.isNumber() && level == Level::Structure) {
                out.push_back({PointColoring::Property, "info:" + key, 0});
            }
        }
    }
    return out;
}

std::vector<double> pointValues(const Dataset& dataset, const ProjectionPoints& points,
                                const PointColoring& coloring,
                                const std::vector<long long>& testRows,
                                const Eigen::VectorXd& pointwise) {
    std::vector<double> values(points.size(), std::nan(""));
    if (coloring.kind == PointColoring::Pointwise) {
        std::map<long long, double> byRow;
        for (std::size_t t = 0; t < testRows.size() && Eigen::Index(t) < pointwise.size(); ++t)
            byRow[testRows[t]] = pointwise[Eigen::Index(t)];
        for (std::size_t k = 0; k < points.size(); ++k) {
            const auto found = byRow.find(points.row[k]);
            if (found != byRow.end()) values[k] = found->second;
        }
    } else if (coloring.kind == PointColoring::Property) {
        if (coloring.name.rfind("info:", 0) == 0) {
            const std::string key = coloring.name.substr(5);
            for (std::size_t k = 0; k < points.size(); ++k) {
                const auto& info = dataset.frames()[std::size_t(points.row[k])].info;
                const auto found = info.find(key);
                if (found != info.end()) values[k] = found->second.toDouble();
            }
            return values;
        }
        const Property* p = dataset.findProperty(coloring.name, points.level);
        if (!p || p->isText || coloring.column >= p->width()) return values;
        for (std::size_t k = 0; k < points.size(); ++k)
            if (points.row[k] < p->numbers.rows()) values[k] = p->numbers(points.row[k], coloring.column);
    }
    return values;
}

std::vector<int> pointCategories(const Dataset& dataset, const ProjectionPoints& points,
                                 const PointColoring& coloring, std::vector<QString>& names) {
    std::vector<std::string> labels(points.size());
    if (coloring.kind == PointColoring::Species) {
        const std::vector<int> species = dataset.atomSpecies();
        for (std::size_t k = 0; k < points.size(); ++k)
            labels[k] = elementStyle(species[std::size_t(points.row[k])]).symbol;
    } else {
        const auto all = points.level == Level::Atom ? dataset.atomLabels(coloring.name)
                                                     : dataset.frameLabels(coloring.name);
        if (all)
            for (std::size_t k = 0; k < points.size(); ++k) labels[k] = (*all)[std::size_t(points.row[k])];
    }
    std::map<std::string, int> index;
    for (const std::string& l : labels) index.emplace(l, 0);
    names.clear();
    int next = 0;
    for (auto& [label, i] : index) {
        i = next++;
        names.push_back(QString::fromStdString(label));
    }
    std::vector<int> out;
    out.reserve(labels.size());
    for (const std::string& l : labels) out.push_back(index[l]);
    return out;
}

ProjectionPanel::ProjectionPanel(Workspace* workspace, TaskRunner* runner, QWidget* parent)
    : QWidget(parent), workspace_(workspace), runner_(runner) {
    map_ = new ProjectionMap(workspace, this);
    features_ = new QComboBox(this);
    features_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    method_ = new QComboBox(this);
    method_->addItems({"PCA", "PCovR"});
    pcovrTarget_ = new QComboBox(this);
    pcovrTarget_->setToolTip(tr("PCovR target property"));
    mixing_ = new QDoubleSpinBox(this);
    mixing_->setRange(0, 1);
    mixing_->setSingleStep(0.1);
    mixing_->setValue(0.5);
    mixing_->setToolTip(tr("PCovR mixing α (1 = PCA)"));
    auto* compute = new QPushButton(tr("Project"), this);
    colorBy_ = new QComboBox(this);
    colorBy_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    colormap_ = new QComboBox(this);
    for (ColormapId id : allColormaps()) colormap_->addItem(colormapName(id));
    log_ = new QCheckBox(tr("Log"), this);
    sizeBy_ = new QComboBox(this);
    sizeBy_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    mode_ = new QComboBox(this);
    mode_->addItems({tr("Pan / zoom"), tr("Box select"), tr("Lasso select")});
    density_ = new QCheckBox(tr("Density"), this);
    density_->setToolTip(tr("2-D histogram instead of points (offered from %1 points, "
                            "on by itself from %2)")
                             .arg(ProjectionMap::kDensityOfferThreshold)
                             .arg(ProjectionMap::kDensityAutoThreshold));
    auto* exportButton = new QPushButton(tr("Export…"), this);
    auto* chemiscope = new QPushButton(tr("chemiscope…"), this);
    chemiscope->setToolTip(tr("Share the dataset, this projection and the pointwise errors as a chemiscope file"));
    status_ = new QLabel(this);

    auto* row1 = new QHBoxLayout;
    row1->addWidget(features_);
    row1->addWidget(method_);
    row1->addWidget(pcovrTarget_);
    row1->addWidget(mixing_);
    row1->addWidget(compute);
    row1->addWidget(mode_);
    row1->addWidget(density_);
    row1->addWidget(exportButton);
    row1->addWidget(chemiscope);
    row1->addStretch();
    auto* row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("Colour"), this));
    row2->addWidget(colorBy_);
    row2->addWidget(colormap_);
    row2->addWidget(log_);
    row2->addWidget(new QLabel(tr("Size"), this));
    row2->addWidget(sizeBy_);
    row2->addWidget(status_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(map_, 1);

    const auto pcovrVisible = [this] {
        pcovrTarget_->setVisible(method_->currentIndex() == 1);
        mixing_->setVisible(method_->currentIndex() == 1);
    };
    pcovrVisible();
    connect(method_, &QComboBox::currentIndexChanged, this, pcovrVisible);
    connect(compute, &QPushButton::clicked, this, [this] { computeProjection(); });
    for (QComboBox* box : {colorBy_, colormap_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { recolor(); });
    connect(log_, &QCheckBox::toggled, this, [this] { recolor(); });
    connect(sizeBy_, &QComboBox::currentIndexChanged, this, [this] { applySizes(); });
    connect(mode_, &QComboBox::currentIndexChanged, this, [this](int i) {
        map_->setMode(i == 1 ? ProjectionMap::Mode::Box
                      : i == 2 ? ProjectionMap::Mode::Lasso
                               : ProjectionMap::Mode::Navigate);
    });
    connect(density_, &QCheckBox::toggled, map_, &ProjectionMap::setDensityMode);
    connect(map_, &ProjectionMap::densityModeChanged, density_, [this](bool on) {
        const QSignalBlocker block(density_);
        density_->setChecked(on);
    });
    connect(map_, &ProjectionMap::statusChanged, status_, &QLabel::setText);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export map"), "projection.png",
            tr("PNG image, 3× resolution (*.png);;SVG vector (*.svg);;PDF vector (*.pdf)"));
        QString error;
        if (!path.isEmpty() && !map_->exportTo(path, 3.0, &error))
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(chemiscope, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export for chemiscope"), "latent.json.gz",
                                                          tr("chemiscope (*.json.gz *.json)"));
        if (!path.isEmpty()) exportChemiscope(path);
    });
    connect(workspace_, &Workspace::datasetChanged, this, [this] {
        points_.reset();
        map_->setPoints(nullptr, {}, {});
        refreshInputs();
    });
    connect(workspace_, &Workspace::metricsChanged, this, [this] { refreshInputs(); });
    connect(workspace_, &Workspace::currentPairChanged, this, [this] { recolor(); });
    refreshInputs();
}

void ProjectionPanel::refreshInputs() {
    const auto dataset = workspace_->dataset();
    const QString previousFeatures = features_->currentText();
    {
        const QSignalBlocker block(features_);
        features_->clear();
        pcovrTarget_->clear();
        if (dataset) {
            for (const FeatureSet& f : dataset->featureSets())
                features_->addItem(QString::fromStdString(f.name));
            for (const Property& p : dataset->properties())
                if (!p.isText) pcovrTarget_->addItem(QString::fromStdString(p.name));
        }
        const int at = features_->findText(previousFeatures);
        if (at >= 0) features_->setCurrentIndex(at);
    }
    const Level level = points_ ? points_->level : Level::Atom;
    const auto metrics = workspace_->metrics();
    const bool metricsMatch = dataset && metrics && points_ &&
                              metricsAreAtomLevel(*dataset, *metrics) == (level == Level::Atom);
    const QString previousColor = colorBy_->currentText(), previousSize = sizeBy_->currentText();
    colorings_ = dataset ? pointColorings(*dataset, level, metricsMatch)
                         : std::vector<PointColoring>{{PointColoring::Uniform, {}, 0}};
    sizings_.clear();
    for (const PointColoring& c : colorings_)
        if (c.kind == PointColoring::Uniform || c.kind == PointColoring::Property ||
            c.kind == PointColoring::Pointwise)
            sizings_.push_back(c);
    const QSignalBlocker b1(colorBy_), b2(sizeBy_);
    colorBy_->clear();
    for (const auto& c : colorings_) colorBy_->addItem(c.displayName());
    sizeBy_->clear();
    for (const auto& c : sizings_) sizeBy_->addItem(c.displayName());
    colorBy_->setCurrentIndex(std::max(0, colorBy_->findText(previousColor)));
    sizeBy_->setCurrentIndex(std::max(0, sizeBy_->findText(previousSize)));
    recolor();
    applySizes();
}

void ProjectionPanel::computeProjection() {
    const auto dataset = workspace_->dataset();
    if (!dataset || features_->currentIndex() < 0) return;
    const std::string name = features_->currentText().toStdString();
    const bool pcovr = method_->currentIndex() == 1;
    const std::string target = pcovrTarget_->currentText().toStdString();
    const double mixing = mixing_->value();
    const int generation = ++generation_;
    computing_ = true;
    status_->setText(tr("Projecting %1…").arg(features_->currentText()));
    auto work = [dataset, name, pcovr, target, mixing](const TaskContext& ctx) -> std::any {
        const FeatureSet* features = dataset->findFeatureSet(name);
        if (!features) throw ComputeError("feature set '" + name + "' is not loaded");
        ProjectionResult result;
        if (pcovr) {
            const Property* p = dataset->findProperty(target, features->level);
            if (!p || p->isText)
                throw ComputeError("PCovR needs a numeric " + std::string(levelName(features->level)) +
                                   "-level property; '" + target + "' is not one");
            PcovrOptions options;
            options.mixing = mixing;
            result = computePcovr(*features, p->numbers, {}, options, ctx);
        } else {
            result = computePca(*features, {}, PcaOptions{}, ctx);
        }
        auto points = std::make_shared<ProjectionPoints>();
        points->level = features->level;
        const Eigen::Index n = result.coordinates.rows();
        for (Eigen::Index k = 0; k < n; ++k) {
            points->x.push_back(result.coordinates(k, 0));
            points->y.push_back(result.coordinates.cols() > 1 ? result.coordinates(k, 1) : 0.0);
            points->row.push_back(k);
        }
        return std::shared_ptr<const ProjectionPoints>(points);
    };
    const QString label = pcovr ? "PCov" : "PC";
    const QString projectionName = QString("%1 %2").arg(pcovr ? "PCovR" : "PCA", features_->currentText());
    auto done = [this, generation, label, projectionName](const std::any& result) {
        if (generation != generation_) return;
        computing_ = false;
        projectionName_ = projectionName;
        points_ = std::any_cast<std::shared_ptr<const ProjectionPoints>>(result);
        map_->setPoints(points_, label + "1", label + "2");
        density_->setEnabled(map_->densityOffered());
        refreshInputs();
        emit projected();
    };
    auto failed = [this, generation](const QString& message) {
        if (generation != generation_) return;
        computing_ = false;
        status_->setText(message);
    };
    const QString key = QString("projection:%1:%2:%3:%4:%5")
                            .arg(quintptr(dataset.get()))
                            .arg(QString::fromStdString(name))
                            .arg(pcovr)
                            .arg(QString::fromStdString(target))
                            .arg(mixing);
    runInBackground(runner_, this, tr("Projection of %1").arg(features_->currentText()), key, work, done, failed);
}

void ProjectionPanel::exportChemiscope(const QString& path) {
    const auto dataset = workspace_->dataset();
    if (!dataset) return;
    const auto options = std::make_shared<const ChemiscopeExportOptions>(chemiscopeExportOf(
        *dataset, workspace_->metrics().get(), workspace_->currentSource(), workspace_->currentTarget(),
        points_.get(), projectionName_.toStdString()));
    auto work = [dataset, options, file = path.toStdString()](const TaskContext& ctx) -> std::any {
        writeChemiscope(file, *dataset, *options, ctx);
        return true;
    };
    auto done = [this, path](const std::any&) {
        status_->setText(tr("Wrote %1").arg(path));
        emit chemiscopeWritten(path);
    };
    auto failed = [this](const QString& message) { status_->setText(message); };
    if (runner_) {
        runner_->submit(tr("chemiscope export"), {}, work, done, failed);
        return;
    }
    try {
        done(work(silentContext()));
    } catch (const std::exception& e) {
        failed(QString::fromStdString(e.what()));
    }
}

bool ProjectionPanel::setColoring(const QString& displayName) {
    const int at = colorBy_->findText(displayName);
    if (at < 0) return false;
    colorBy_->setCurrentIndex(at);
    recolor();
    return true;
}

void ProjectionPanel::recolor() {
    const auto dataset = workspace_->dataset();
    const int index = colorBy_->currentIndex();
    if (!points_ || !dataset || index < 0 || std::size_t(index) >= colorings_.size()) return;
    const PointColoring& coloring = colorings_[std::size_t(index)];
    switch (coloring.kind) {
    case PointColoring::Uniform: map_->setUniformColoring(); return;
    case PointColoring::Species:
    case PointColoring::Label: {
        std::vector<QString> names;
        const auto categories = pointCategories(*dataset, *points_, coloring, names);
        map_->setCategoryColoring(categories, names, coloring.displayName());
        return;
    }
    case PointColoring::Property:
    case PointColoring::Pointwise: {
        std::vector<long long> testRows;
        Eigen::VectorXd pointwise;
        const auto metrics = workspace_->metrics();
        const int s = workspace_->currentSource(), t = workspace_->currentTarget();
        if (coloring.kind == PointColoring::Pointwise && metrics && s >= 0 && t >= 0) {
            const auto found = metrics->pairs.find(workspace_->currentMeasure());
            if (found != metrics->pairs.end() && std::size_t(s) < found->second.size() &&
                std::size_t(t) < found->second[std::size_t(s)].size()) {
                testRows = metrics->testIndices;
                pointwise = found->second[std::size_t(s)][std::size_t(t)].pointwise;
            }
        }
        const auto values = pointValues(*dataset, *points_, coloring, testRows, pointwise);
        ColorRangeSettings settings;
        settings.normalisation = log_->isChecked() ? Normalisation::Log : Normalisation::Linear;
        const ColorMapper mapper(colormapFromName(colormap_->currentText().toStdString())
                                     .value_or(ColormapId::Viridis),
                                 resolveRange(values, settings), settings.normalisation);
        map_->setValueColoring(values, mapper, coloring.displayName());
        return;
    }
    }
}

void ProjectionPanel::applySizes() {
    const auto dataset = workspace_->dataset();
    const int index = sizeBy_->currentIndex();
    if (!points_ || !dataset || index < 0 || std::size_t(index) >= sizings_.size()) return;
    const PointColoring& sizing = sizings_[std::size_t(index)];
    if (sizing.kind == PointColoring::Uniform) {
        map_->setSizes({});
        return;
    }
    std::vector<long long> testRows;
    Eigen::VectorXd pointwise;
    const auto metrics = workspace_->metrics();
    if (sizing.kind == PointColoring::Pointwise && metrics && workspace_->currentSource() >= 0) {
        const auto found = metrics->pairs.find(workspace_->currentMeasure());
        if (found != metrics->pairs.end() &&
            std::size_t(workspace_->currentSource()) < found->second.size() &&
            std::size_t(workspace_->currentTarget()) < found->second.front().size()) {
            testRows = metrics->testIndices;
            pointwise = found->second[std::size_t(workspace_->currentSource())]
                                     [std::size_t(workspace_->currentTarget())].pointwise;
        }
    }
    map_->setSizes(pointValues(*dataset, *points_, sizing, testRows, pointwise));
}

} // namespace le::ui
