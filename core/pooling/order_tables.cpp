#include "core/pooling/order_tables.h"

#include "core/util/error.h"

namespace le {

namespace {

void requireAtomLevel(const FeatureSet& f, const Dataset& dataset) {
    if (f.level != Level::Atom || f.rows() != dataset.atomCount())
        throw InputError(f.origin, "",
                         "cumulant pooling needs per-atom features, '" + f.name + "' has " +
                             std::to_string(f.rows()) + " rows for " +
                             std::to_string(dataset.atomCount()) + " atoms");
}

FeatureSet structureSet(std::string name, MatrixD values, const FeatureSet& from) {
    FeatureSet out;
    out.name = std::move(name);
    out.level = Level::Structure;
    out.data = std::move(values);
    out.origin = from.origin;
    return out;
}

} // namespace

std::vector<std::string> structureSplitLabels(const Dataset& dataset,
                                              const std::vector<Eigen::Index>& frames,
                                              const MetricSettings& settings) {
    if (settings.split.kind != SplitKind::Stratified) return {};
    const auto labels = dataset.frameLabels(settings.split.stratifyBy);
    if (!labels)
        throw InputError(dataset.sourceFiles.empty() ? std::string() : dataset.sourceFiles[0], "",
                         "no frame has the label '" + settings.split.stratifyBy +
                             "' used to stratify the split");
    std::vector<std::string> out;
    out.reserve(frames.size());
    for (Eigen::Index f : frames) out.push_back((*labels)[std::size_t(f)]);
    return out;
}

StructureTable computeOrderTable(const Dataset& dataset, const FeatureSet& atomFeatures,
                                 const StructureTableOptions& options, const TaskContext& ctx) {
    requireAtomLevel(atomFeatures, dataset);
    const SubsetGroups kept = subsetGroups(dataset, options.subset);
    const PooledFeatures pooled =
        poolCumulants(atomFeatures, kept.groups, options.cumulants, ctx.subRange(0.0, 0.1));
    const Eigen::Index d = atomFeatures.cols();

    // φ(a) for a = 1..n are the leading a·d columns of φ(n).
    std::vector<FeatureSet> orders;
    for (int a = 1; a <= pooled.order; ++a)
        orders.push_back(structureSet("phi" + std::to_string(a),
                                      pooled.values.leftCols(a * d), atomFeatures));
    std::vector<const FeatureSet*> sets;
    for (const auto& f : orders) sets.push_back(&f);

    StructureTable table;
    table.frames = kept.frames;
    table.singleAtomStructures = pooled.singleAtomGroups;
    table.subsetDescription = options.subset.description();
    table.pairs = computeAllPairs(sets, options.metrics,
                                  structureSplitLabels(dataset, kept.frames, options.metrics),
                                  ctx.subRange(0.1, 1.0));
    return table;
}

StructureTable computeCrossModelTable(const Dataset& dataset,
                                      const std::vector<const FeatureSet*>& atomFeatures,
                                      const StructureTableOptions& options,
                                      const TaskContext& ctx) {
    if (atomFeatures.size() < 2) throw ComputeError("a cross-model table needs two feature sets");
    const SubsetGroups kept = subsetGroups(dataset, options.subset);
    StructureTable table;
    table.frames = kept.frames;
    table.subsetDescription = options.subset.description();
    std::vector<FeatureSet> pooledSets;
    const double share = 0.1 / double(atomFeatures.size());
    for (std::size_t m = 0; m < atomFeatures.size(); ++m) {
        requireAtomLevel(*atomFeatures[m], dataset);
        PooledFeatures pooled = poolCumulants(*atomFeatures[m], kept.groups, options.cumulants,
                                              ctx.subRange(share * m, share * (m + 1)));
        table.singleAtomStructures = pooled.singleAtomGroups; // same groups for every model
        pooledSets.push_back(structureSet(atomFeatures[m]->name, std::move(pooled.values),
                                          *atomFeatures[m]));
    }
    std::vector<const FeatureSet*> sets;
    for (const auto& f : pooledSets) sets.push_back(&f);
    table.pairs = computeAllPairs(sets, options.metrics,
                                  structureSplitLabels(dataset, kept.frames, options.metrics),
                                  ctx.subRange(0.1, 1.0));
    return table;
}

} // namespace le
