#pragma once
// What the window asks the task runner to do, as plain functions of immutable inputs:
// load files into a Dataset, and compare the chosen feature sets on the chosen subset.
// Runs on the worker thread; never touches widgets.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/dataset/subset.h"
#include "core/io/stored_comparison.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/repeated_pairs.h"
#include "core/util/task_context.h"

namespace le::ui {

// A feature set as the user arranged it in the dataset panel: which set of the dataset,
// the name shown (renames never copy the data) and whether it takes part.
struct FeatureChoice {
    int index = 0;     // into Dataset::featureSets()
    std::string name;  // display name (used in results)
    bool enabled = true;
};

struct CompareRequest {
    std::vector<FeatureChoice> features; // in display order
    Level level = Level::Atom;
    Subset subset;
    MetricSettings settings;
    int repeats = 1;         // > 1: stratified splits with seeds S..S+R-1 (repeated_pairs.h)
    std::string breakdownBy; // "" = none, "species" or a label key: per-group values
};

struct LoadedData {
    std::shared_ptr<const Dataset> dataset;
    std::vector<std::string> warnings;
    QStringList paths;
    QString demoId; // set when the data is a dataset of the bundled demo
    // From a workspace project: the analysis settings and the saved comparison.
    QJsonObject settings;
    std::optional<CompareOutput> comparison;
};

// Puts the structure file (.xyz/.extxyz/.json/.json.gz/.h5...) first and feature files
// (.npy/.npz) after, keeping the user's order otherwise, so a multi-selection from a file
// dialog or a drop can be loaded as is.
QStringList orderForLoading(const QStringList& paths);
// .npy feature files from this size on are memory-mapped (only the rows in use stay resident);
// smaller ones are read, so that a file rewritten in place while the app runs cannot crash it.
constexpr std::uint64_t kMapNpyFromBytes = std::uint64_t(256) << 20;
// A single .h5 is a workspace project (dataset, settings, saved comparison).
LoadedData loadFiles(const QStringList& paths, const TaskContext& ctx);
// A dataset of the bundled demo (empty id = the manifest's default), with its built-in
// descriptors computed. `paths` lists its files; `demoId` is set.
LoadedData loadDemo(const QString& manifestPath, const QString& id, const TaskContext& ctx);

// The enabled feature sets of the request's level, in display order.
std::vector<FeatureChoice> participatingFeatures(const Dataset& dataset, const CompareRequest& request);
// The chosen sets as the comparison sees them: renamed as displayed and, when `rows` is not
// every row, restricted to those rows. With every row they share the dataset's values (a
// FeatureSet copy copies no number).
std::vector<FeatureSet> comparedSets(const Dataset& dataset, const std::vector<FeatureChoice>& chosen,
                                     const std::vector<Eigen::Index>& rows, const TaskContext& ctx);
// Identifies a comparison: same dataset snapshot + same request = same key.
QString compareCacheKey(const Dataset& dataset, const CompareRequest& request);
// Throws ComputeError when fewer than two feature sets take part or the subset is empty.
CompareOutput runCompare(const Dataset& dataset, const CompareRequest& request,
                         const TaskContext& ctx);

} // namespace le::ui
