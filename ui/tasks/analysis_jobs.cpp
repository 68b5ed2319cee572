#include "ui/tasks/analysis_jobs.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include "core/dataset/row_labels.h"
#include "core/descriptors/demo_manifest.h"
#include "core/io/loader.h"
#include "core/util/error.h"
#include "ui/tasks/workspace_project.h"

namespace le::ui {

namespace {

// .npy/.npz/.mts, `file.h5:/dataset` and HDF5 files that are not projects (dp embed output).
bool isFeatureFile(const QString& path) { return isFeatureFileArgument(path.toStdString()); }

// Every setting that changes a number, as text (the cache key is its hash).
std::string describeSettings(const MetricSettings& s) {
    std::string out = "measures";
    for (Measure m : s.measures) out += ' ' + std::to_string(int(m));
    out += ";split " + std::to_string(int(s.split.kind)) + ' ' + std::to_string(s.split.testSize) +
           ' ' + s.split.stratifyBy + ' ' + std::to_string(s.split.seed) + " train";
    for (long long i : s.split.trainIndices) out += ' ' + std::to_string(i);
    out += " test";
    for (long long i : s.split.testIndices) out += ' ' + std::to_string(i);
    out += ";scaler " + std::to_string(int(s.scaler)) + ";estimator " +
           std::to_string(int(s.estimator.kind)) + ' ' +
           std::to_string(int(s.estimator.regularization)) + ' ' +
           QString::number(s.estimator.fixedAlpha, 'g', 17).toStdString() + " alphas";
    for (double a : s.estimator.relativeAlphas)
        out += ' ' + QString::number(a, 'g', 17).toStdString();
    out += ";k " + std::to_string(s.lfreK);
    out += s.includeDiagonal ? ";diagonal" : ";no diagonal";
    out += ";kernel " + std::to_string(s.kernel.landmarks) + ' ' + QString::number(s.kernel.gamma, 'g', 17).toStdString() +
           ' ' + std::to_string(s.kernel.seed) + " rows";
    for (long long i : s.kernel.landmarkRows) out += ' ' + std::to_string(i);
    return out;
}

} // namespace

QStringList orderForLoading(const QStringList& paths) {
    QStringList structures, features;
    for (const QString& p : paths) (isFeatureFile(p) ? features : structures) << p;
    return structures + features;
}

LoadedData loadFiles(const QStringList& paths, const TaskContext& ctx) {
    std::vector<std::string> files;
    for (const QString& p : paths) files.push_back(p.toStdString());
    if (files.empty()) throw InputError("", "", "no file to open");
    if (isFeatureFile(paths.front()))
        throw InputError(files.front(), "",
                         "a structure file (.xyz, .extxyz, chemiscope .json, .h5 project) must "
                         "come with the feature files (.npy, .npz, .mts, .h5 datasets)");
    LoadedData loaded;
    loaded.paths = paths;
    if (paths.size() == 1 && isProjectFile(paths.front())) {
        RestoredWorkspace restored = restoreWorkspace(readProject(files.front(), ctx), files.front());
        loaded.dataset = restored.dataset;
        loaded.settings = restored.settings;
        loaded.comparison = restored.comparison;
        return loaded;
    }
    LoadOptions options;
    options.mapNpyFromBytes = kMapNpyFromBytes;
    loaded.dataset = std::make_shared<const Dataset>(loadDataset(files, ctx, &loaded.warnings, options));
    return loaded;
}

LoadedData loadDemo(const QString& manifestPath, const QString& id, const TaskContext& ctx) {
    const DemoManifest manifest = readDemoManifest(manifestPath.toStdString());
    const std::string wanted = id.isEmpty() ? manifest.defaultId : id.toStdString();
    const DemoDataset* demo = manifest.find(wanted);
    if (!demo) throw InputError(manifestPath.toStdString(), "", "no demo dataset \"" + wanted + "\"");
    LoadedData loaded;
    loaded.demoId = QString::fromStdString(demo->id);
    loaded.paths << QString::fromStdString(demo->structures);
    for (const std::string& f : demo->features) loaded.paths << QString::fromStdString(f);
    loaded.dataset = std::make_shared<const Dataset>(loadDemoDataset(*demo, ctx));
    return loaded;
}

std::vector<FeatureChoice> participatingFeatures(const Dataset& dataset,
                                                 const CompareRequest& request) {
    std::vector<FeatureChoice> chosen;
    const auto& sets = dataset.featureSets();
    for (const FeatureChoice& c : request.features)
        if (c.enabled && c.index >= 0 && c.index < int(sets.size()) &&
            sets[c.index].level == request.level)
            chosen.push_back(c);
    return chosen;
}

QString compareCacheKey(const Dataset& dataset, const CompareRequest& request) {
    std::string text = std::to_string(reinterpret_cast<quintptr>(&dataset)) + ";level " +
                       std::to_string(int(request.level)) + ";features";
    for (const FeatureChoice& c : participatingFeatures(dataset, request))
        text += ' ' + std::to_string(c.index) + '=' + c.name;
    text += ";subset " + request.subset.description() + ";" + describeSettings(request.settings);
    text += ";repeats " + std::to_string(request.repeats) + ";by " + request.breakdownBy;
    return QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha1)
        .toHex();
}

std::vector<FeatureSet> comparedSets(const Dataset& dataset, const std::vector<FeatureChoice>& chosen,
                                     const std::vector<Eigen::Index>& rows, const TaskContext& ctx) {
    std::vector<FeatureSet> sets;
    sets.reserve(chosen.size());
    for (const FeatureChoice& c : chosen) {
        ctx.throwIfCancelled();
        const FeatureSet& source = dataset.featureSets()[c.index];
        const bool everything = Eigen::Index(rows.size()) == source.rows();
        sets.push_back(everything ? source : takeRows(source, rows));
        sets.back().name = c.name;
    }
    return sets;
}

CompareOutput runCompare(const Dataset& dataset, const CompareRequest& request,
                         const TaskContext& ctx) {
    const std::vector<FeatureChoice> chosen = participatingFeatures(dataset, request);
    if (chosen.size() < 2)
        throw ComputeError(std::string("at least two ") +
                           (request.level == Level::Atom ? "per-atom" : "per-structure") +
                           " feature sets must take part in the comparison");
    const std::vector<Eigen::Index> rows = selectedRows(dataset, request.subset, request.level);
    if (rows.empty())
        throw ComputeError("the subset (" + request.subset.description() + ") selects no row");

    ctx.report(0.0, "preparing feature sets");
    const std::vector<FeatureSet> restricted = comparedSets(dataset, chosen, rows, ctx);
    std::vector<const FeatureSet*> pointers;
    for (const FeatureSet& f : restricted) pointers.push_back(&f);

    // Labels of the analysed rows (the subset's), for the split and for the breakdown.
    auto labelsOfRows = [&](const std::string& key) {
        const std::vector<std::string> all = rowLabels(dataset, key, request.level);
        std::vector<std::string> picked;
        picked.reserve(rows.size());
        for (Eigen::Index r : rows) picked.push_back(all[std::size_t(r)]);
        return picked;
    };
    std::vector<std::string> labels;
    if (request.settings.split.kind == SplitKind::Stratified) labels = labelsOfRows(request.settings.split.stratifyBy);
    std::optional<RowGroups> groups;
    if (!request.breakdownBy.empty()) groups = makeRowGroups(request.breakdownBy, labelsOfRows(request.breakdownBy));

    RepeatedPairsResult repeated = computeRepeatedPairs(pointers, request.settings, labels, request.repeats,
                                                        groups ? &*groups : nullptr, ctx.subRange(0.02, 1.0));
    CompareOutput out;
    out.level = request.level;
    out.rows.assign(rows.begin(), rows.end());
    out.result = std::make_shared<const AllPairsResult>(std::move(repeated.first));
    if (request.repeats > 1 || groups) out.summary = std::make_shared<const RepeatSummary>(std::move(repeated.summary));
    return out;
}

} // namespace le::ui
