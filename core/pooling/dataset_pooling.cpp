#include "core/pooling/dataset_pooling.h"

#include "core/util/error.h"

namespace le {

FeatureSet PooledStructures::toFeatureSet(const FeatureSet& source) const {
    FeatureSet out;
    out.name = source.name + " φ" + std::to_string(pooled.order);
    out.level = Level::Structure;
    out.data = pooled.values;
    out.origin = source.origin + " (cumulants 1.." + std::to_string(pooled.order) +
                 (subsetDescription == "all atoms" ? std::string() : ", " + subsetDescription) + ")";
    return out;
}

PooledStructures poolDataset(const Dataset& dataset, const FeatureSet& atomFeatures,
                             const Subset& subset, const CumulantOptions& options,
                             const TaskContext& ctx) {
    if (atomFeatures.level != Level::Atom || atomFeatures.rows() != dataset.atomCount())
        throw InputError(atomFeatures.origin, "",
                         "cumulant pooling needs per-atom features; '" + atomFeatures.name +
                             "' has " + std::to_string(atomFeatures.rows()) + " rows for " +
                             std::to_string(dataset.atomCount()) + " atoms");
    const SubsetGroups kept = subsetGroups(dataset, subset);
    PooledStructures out;
    out.pooled = poolCumulants(atomFeatures, kept.groups, options, ctx);
    out.frames = kept.frames;
    out.subsetDescription = subset.description();
    out.coversEveryFrame = Eigen::Index(kept.frames.size()) == dataset.frameCount();
    return out;
}

} // namespace le
