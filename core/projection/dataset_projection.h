#pragma once
// PCA / PCovR of one feature set of a dataset, restricted by a subset, with the rows and the
// restriction recorded: what the GUI and the CLI call.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/dataset/subset.h"
#include "core/projection/projection.h"

namespace le {

struct DatasetProjection {
    ProjectionResult result;
    Level level = Level::Atom;
    std::vector<Eigen::Index> rows; // atom or frame index of each coordinate row
    std::string subsetDescription;
    std::string propertyName;       // PCovR target, empty for PCA
};

DatasetProjection pcaOfDataset(const Dataset& dataset, const FeatureSet& features,
                               const Subset& subset, const PcaOptions& options,
                               const TaskContext& ctx);

// `propertyName` must be a numeric property of the features' level (InputError otherwise).
DatasetProjection pcovrOfDataset(const Dataset& dataset, const FeatureSet& features,
                                 const std::string& propertyName, const Subset& subset,
                                 const PcovrOptions& options, const TaskContext& ctx);

} // namespace le
