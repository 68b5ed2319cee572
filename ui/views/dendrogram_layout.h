#pragma once
// Where a dendrogram's lines go: the leaves in the order of a left-first walk from the root
// (so no lines cross, as scipy's dendrogram draws them), each cluster at the mean x of its two
// children and at the height of its merge (leaves at 0).
#include <vector>

#include "core/metrics/model_map.h"

namespace le::ui {

// One merge drawn as a "∏": up from each child to the merge height, joined at the top.
struct DendrogramLink {
    double leftX = 0, rightX = 0;           // x of the two children
    double leftHeight = 0, rightHeight = 0; // their own heights (0 for a model)
    double height = 0;                      // the merge
};

struct DendrogramLayout {
    std::vector<int> leafOrder;       // model indices from left to right
    std::vector<double> leafX;        // per model: its x (its position in leafOrder)
    std::vector<DendrogramLink> links; // one per merge, in merge order
};

// `merges` in scipy's numbering for n models (n − 1 of them); empty merges give the models in
// index order. Throws ComputeError for a merge naming a cluster that does not exist yet.
DendrogramLayout layoutDendrogram(const std::vector<DendrogramMerge>& merges, int n);

} // namespace le::ui
