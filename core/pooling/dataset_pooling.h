#pragma once
// Cumulant pooling of one per-atom feature set of a dataset, restricted by a subset, with the
// restriction recorded: what the GUI and the CLI call.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/dataset/subset.h"
#include "core/pooling/cumulants.h"

namespace le {

struct PooledStructures {
    PooledFeatures pooled;            // one row per kept frame
    std::vector<Eigen::Index> frames; // frame of each row (frames with atoms in the subset)
    std::string subsetDescription;
    bool coversEveryFrame = false;    // rows align with the dataset's frames
    // A per-structure feature set "<name> φN" (ready for Dataset::addFeatureSet when
    // coversEveryFrame).
    FeatureSet toFeatureSet(const FeatureSet& source) const;
};

// Throws InputError for features that are not per atom or an unknown label key,
// ComputeError for a bad order, OperationCancelled when cancelled.
PooledStructures poolDataset(const Dataset& dataset, const FeatureSet& atomFeatures,
                             const Subset& subset, const CumulantOptions& options,
                             const TaskContext& ctx);

} // namespace le
