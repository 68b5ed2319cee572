#include "ui/views/structure_coloring.h"

#include "core/util/error.h"

namespace le::ui {

std::vector<double> computeFrameLfre(const Dataset& dataset, const AllPairsResult& metrics,
                                     int source, int target, int frame, const TaskContext& ctx) {
    if (source < 0 || target < 0 || std::size_t(source) >= metrics.names.size() ||
        std::size_t(target) >= metrics.names.size())
        throw ComputeError("no model pair selected");
    const FeatureSet* from = dataset.findFeatureSet(metrics.names[std::size_t(source)]);
    const FeatureSet* to = dataset.findFeatureSet(metrics.names[std::size_t(target)]);
    if (!from || !to) throw ComputeError("the feature sets of the selected pair are not loaded");
    std::vector<long long> rows;
    for (Eigen::Index a = dataset.offsets()[std::size_t(frame)];
         a < dataset.offsets()[std::size_t(frame) + 1]; ++a)
        rows.push_back(a);
    const Eigen::VectorXd lfre =
        pointwiseLfreOnDemand(*from, *to, metrics.trainIndices, rows, metrics.settings, ctx);
    return {lfre.data(), lfre.data() + lfre.size()};
}

} // namespace le::ui
