#include "ui/tasks/workspace_project.h"

#include <QFileInfo>
#include <QJsonDocument>

#include "core/io/stored_comparison.h"
#include "core/util/error.h"

namespace le::ui {

bool isProjectFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "h5" || suffix == "hdf5";
}

Project makeProject(const WorkspaceSnapshot& snapshot) {
    if (!snapshot.dataset) throw InputError("", "", "nothing to save: open a dataset first");
    Project project;
    project.dataset = *snapshot.dataset;
    // Feature sets as the user arranged them; the others are left out.
    std::vector<FeatureSet> arranged;
    for (const FeatureChoice& c : snapshot.features) {
        FeatureSet f = snapshot.dataset->featureSets().at(std::size_t(c.index));
        f.name = c.name;
        f.enabled = c.enabled;
        arranged.push_back(std::move(f));
    }
    project.dataset.featureSets() = std::move(arranged);
    QJsonObject settings;
    settings["analysis"] = snapshot.settings;
    project.settingsJson = QJsonDocument(settings).toJson(QJsonDocument::Compact).toStdString();
    if (snapshot.comparison && snapshot.comparison->result)
        project.results.push_back(comparisonToStored(*snapshot.comparison->result, snapshot.comparison->rows,
                                                     snapshot.comparison->level, snapshot.comparison->summary.get()));
    return project;
}

void writeWorkspace(const QString& path, const WorkspaceSnapshot& snapshot, const TaskContext& ctx) {
    ctx.report(0.0, "preparing the project");
    const Project project = makeProject(snapshot);
    writeProject(path.toStdString(), project, ctx.subRange(0.1, 1.0));
}

RestoredWorkspace restoreWorkspace(Project project, const std::string& path) {
    RestoredWorkspace restored;
    restored.dataset = std::make_shared<const Dataset>(std::move(project.dataset));
    const QJsonObject settings =
        QJsonDocument::fromJson(QByteArray::fromStdString(project.settingsJson)).object();
    restored.settings = settings.value("analysis").toObject();
    for (const StoredResult& stored : project.results)
        if (stored.name == kComparisonResultName && stored.attributes.count("models"))
            restored.comparison = comparisonFromStored(stored, path);
    return restored;
}

} // namespace le::ui
