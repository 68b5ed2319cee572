#pragma once
// Saving and reopening a workspace as a Latent Explorer project (.h5, core/io/hdf5_project.h):
// the dataset as arranged in the dataset panel (order, names, ticks; removed sets left
// out), the analysis settings, and the latest comparison with its per-point values.
// Runs on the worker thread.
#include <QJsonObject>
#include <QString>

#include <optional>

#include "core/io/hdf5_project.h"
#include "ui/tasks/analysis_jobs.h"

namespace le::ui {

struct WorkspaceSnapshot {
    std::shared_ptr<const Dataset> dataset;
    std::vector<FeatureChoice> features;
    QJsonObject settings; // the analysis settings panel's state
    std::optional<CompareOutput> comparison;
};

// The project written for a snapshot (pure; writeWorkspace writes it).
Project makeProject(const WorkspaceSnapshot& snapshot);
void writeWorkspace(const QString& path, const WorkspaceSnapshot& snapshot, const TaskContext& ctx);

struct RestoredWorkspace {
    std::shared_ptr<const Dataset> dataset;
    QJsonObject settings;
    std::optional<CompareOutput> comparison;
};
// `path` names the project in error messages.
RestoredWorkspace restoreWorkspace(Project project, const std::string& path);

bool isProjectFile(const QString& path);

} // namespace le::ui
