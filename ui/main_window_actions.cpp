// MainWindow: opening files (dialog, drop, recent, demo), comparing, saving.
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSettings>

#include "core/util/error.h"
#include "ui/main_window.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/panels/dataset_panel.h"
#include "ui/recent_files.h"
#include "ui/resource_locator.h"
#include "ui/tasks/analysis_jobs.h"
#include "ui/tasks/workspace_project.h"
#include "ui/tasks/task_runner.h"

namespace le::ui {

void MainWindow::chooseFilesToOpen() {
    QSettings settings;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open a structure file and its feature files"),
        settings.value("files/dir").toString(),
        tr("Structures and features (*.xyz *.extxyz *.json *.gz *.h5 *.hdf5 *.npy *.npz *.mts);;"
           "Structures (*.xyz *.extxyz *.json *.gz);;"
           "Feature files: NumPy, metatensor, HDF5 (*.npy *.npz *.mts *.h5 *.hdf5);;"
           "Latent Explorer projects (*.h5 *.hdf5);;"
           "All files (*)"));
    if (paths.isEmpty()) return;
    settings.setValue("files/dir", QFileInfo(paths.front()).absolutePath());
    openFiles(paths);
}

void MainWindow::openDemo(const QString& id) {
    const QString manifest = demoManifestPath();
    tasks_->submit(
        tr("Opening the demo"), QString(),
        [manifest, id](const TaskContext& ctx) -> std::any { return loadDemo(manifest, id, ctx); },
        [this](const std::any& value) { showLoaded(std::any_cast<const LoadedData&>(value)); },
        [this](const QString& message) {
            reportError(tr("Cannot open the demo"), message);
            emit loadFailed(message);
        });
}

void MainWindow::openFiles(const QStringList& paths) {
    const QStringList ordered = orderForLoading(paths);
    const QString title = tr("Loading %1").arg(QFileInfo(ordered.value(0)).fileName());
    tasks_->submit(
        title, QString(),
        [ordered](const TaskContext& ctx) -> std::any { return loadFiles(ordered, ctx); },
        [this](const std::any& value) { showLoaded(std::any_cast<const LoadedData&>(value)); },
        [this](const QString& message) {
            reportError(tr("Cannot open"), message);
            emit loadFailed(message);
        });
}

void MainWindow::openDataset(std::shared_ptr<const Dataset> dataset, const QStringList& paths,
                             const std::vector<std::string>& warnings) {
    LoadedData loaded;
    loaded.dataset = std::move(dataset);
    loaded.paths = paths;
    loaded.warnings = warnings;
    showLoaded(loaded);
}

void MainWindow::showLoaded(const LoadedData& loaded) {
    const auto& dataset = loaded.dataset;
    const QStringList& paths = loaded.paths;
    const std::vector<std::string>& warnings = loaded.warnings;
    workspace_.setDataset(dataset);
    demoId_ = loaded.demoId;
    datasetPanel_->setDataset(dataset);
    settingsPanel_->setLabelKeys(datasetPanel_->labelKeys());
    // Compare what was loaded: per-atom sets when there are two, else per-structure ones.
    int atomSets = 0, structureSets = 0;
    for (const FeatureSet& f : dataset->featureSets()) (f.level == Level::Atom ? atomSets : structureSets)++;
    if (atomSets < 2 && structureSets >= 2) settingsPanel_->setLevel(Level::Structure);
    else if (atomSets >= 2) settingsPanel_->setLevel(Level::Atom);
    if (!paths.isEmpty() && !paths.front().startsWith(resourceDir())) addRecent(paths);
    setWindowTitle(paths.isEmpty() ? tr("Latent Explorer")
                                   : tr("Latent Explorer — %1").arg(QFileInfo(paths.front()).fileName()));
    QString message = tr("Loaded %1 frames, %2 atoms, %3 feature sets")
                          .arg(dataset->frameCount())
                          .arg(dataset->atomCount())
                          .arg(dataset->featureSets().size());
    if (!warnings.empty()) message += tr(" (%1 notes: %2)").arg(warnings.size()).arg(QString::fromStdString(warnings.front()));
    // A project brings back its settings and its comparison.
    if (!loaded.settings.isEmpty()) settingsPanel_->setState(loaded.settings);
    if (loaded.comparison) {
        workspace_.setMetrics(loaded.comparison->result, loaded.comparison->rows, loaded.comparison->level,
                              loaded.comparison->summary);
        message += tr("; restored the comparison of %1 feature sets").arg(loaded.comparison->result->names.size());
    }
    step_->setText(message);
    emit datasetLoaded();
}

void MainWindow::compare() {
    const auto dataset = workspace_.dataset();
    if (!dataset) {
        reportError(tr("Compare"), tr("Open a structure file with at least two feature sets first."));
        emit comparisonFailed(lastError_);
        return;
    }
    CompareRequest request;
    try {
        request.settings = settingsPanel_->settings();
        request.repeats = settingsPanel_->repeats();
        request.breakdownBy = settingsPanel_->breakdownBy();
    } catch (const InputError& e) {
        reportError(tr("Analysis settings"), QString::fromStdString(e.what()));
        emit comparisonFailed(lastError_);
        return;
    }
    settingsPanel_->save();
    request.level = settingsPanel_->level();
    request.features = datasetPanel_->featureChoices();
    request.subset = datasetPanel_->subset();
    const QString key = compareCacheKey(*dataset, request);
    const int models = int(participatingFeatures(*dataset, request).size());
    tasks_->submit(
        tr("Comparing %1 feature sets").arg(models), key,
        [dataset, request](const TaskContext& ctx) -> std::any {
            return runCompare(*dataset, request, ctx);
        },
        [this, dataset](const std::any& value) {
            if (workspace_.dataset() != dataset) return; // data replaced meanwhile
            const auto& out = std::any_cast<const CompareOutput&>(value);
            workspace_.setMetrics(out.result, out.rows, out.level, out.summary);
            step_->setText(tr("Compared %1 feature sets").arg(out.result->names.size()));
            emit comparisonFinished();
        },
        [this](const QString& message) {
            reportError(tr("Compare"), message);
            emit comparisonFailed(message);
        });
}

void MainWindow::saveWorkspace() {
    if (!workspace_.dataset()) {
        reportError(tr("Save workspace"), tr("Nothing to save: open a dataset first."));
        return;
    }
    QSettings settings;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save workspace as a project"),
        settings.value("files/dir").toString() + "/workspace.h5", tr("Latent Explorer project (*.h5)"));
    if (path.isEmpty()) return;
    if (!isProjectFile(path)) path += ".h5";
    saveWorkspaceTo(path);
}

void MainWindow::saveWorkspaceTo(const QString& path) {
    WorkspaceSnapshot snapshot;
    snapshot.dataset = workspace_.dataset();
    snapshot.features = datasetPanel_->featureChoices();
    snapshot.settings = settingsPanel_->state();
    if (workspace_.metrics())
        snapshot.comparison = CompareOutput{workspace_.metrics(), workspace_.analysisRows(),
                                            workspace_.analysisLevel(), workspace_.repeatSummary()};
    tasks_->submit(
        tr("Saving %1").arg(QFileInfo(path).fileName()), QString(),
        [path, snapshot](const TaskContext& ctx) -> std::any {
            writeWorkspace(path, snapshot, ctx);
            return path;
        },
        [this, path](const std::any&) {
            step_->setText(tr("Saved %1").arg(path));
            addRecent({path});
            emit workspaceSaved(path);
        },
        [this](const QString& message) {
            reportError(tr("Save workspace"), message);
            emit saveFailed(message);
        });
}

QStringList MainWindow::recentFiles() const { return recent_->entries(); }

void MainWindow::addRecent(const QStringList& paths) {
    recent_->add(paths);
    refreshRecentMenu();
}

void MainWindow::refreshRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = recentFiles();
    for (const QString& entry : recent) {
        const QStringList paths = entry.split('|');
        QString label = QFileInfo(paths.front()).fileName();
        if (paths.size() > 1) label += tr(" + %1 feature files").arg(paths.size() - 1);
        QAction* action = recentMenu_->addAction(label, this, [this, paths] { openFiles(paths); });
        action->setToolTip(paths.join('\n'));
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

} // namespace le::ui
