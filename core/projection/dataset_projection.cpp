#include "core/projection/dataset_projection.h"

#include "core/util/error.h"

namespace le {

namespace {

DatasetProjection prepare(const Dataset& dataset, const FeatureSet& features, const Subset& subset) {
    DatasetProjection out;
    out.level = features.level;
    out.rows = selectedRows(dataset, subset, features.level);
    out.subsetDescription = subset.description();
    if (out.rows.size() < 2)
        throw InputError("", "", "the subset '" + out.subsetDescription + "' selects " +
                                     std::to_string(out.rows.size()) + " row(s) of '" +
                                     features.name + "'; a projection needs at least two");
    return out;
}

} // namespace

DatasetProjection pcaOfDataset(const Dataset& dataset, const FeatureSet& features,
                               const Subset& subset, const PcaOptions& options,
                               const TaskContext& ctx) {
    DatasetProjection out = prepare(dataset, features, subset);
    out.result = computePca(features, out.rows, options, ctx);
    return out;
}

DatasetProjection pcovrOfDataset(const Dataset& dataset, const FeatureSet& features,
                                 const std::string& propertyName, const Subset& subset,
                                 const PcovrOptions& options, const TaskContext& ctx) {
    const Property* property = dataset.findProperty(propertyName, features.level);
    if (!property || property->isText)
        throw InputError("", "", "no numeric per-" + std::string(levelName(features.level)) +
                                     " property '" + propertyName + "' for PCovR");
    DatasetProjection out = prepare(dataset, features, subset);
    out.propertyName = propertyName;
    out.result = computePcovr(features, takeRows(property->numbers, out.rows), out.rows, options, ctx);
    return out;
}

} // namespace le
