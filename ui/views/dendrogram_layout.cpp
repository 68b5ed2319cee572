#include "ui/views/dendrogram_layout.h"

#include <string>

#include "core/util/error.h"

namespace le::ui {

DendrogramLayout layoutDendrogram(const std::vector<DendrogramMerge>& merges, int n) {
    DendrogramLayout out;
    const int clusters = n + int(merges.size());
    for (std::size_t s = 0; s < merges.size(); ++s) {
        const int limit = n + int(s); // clusters that exist before merge s
        if (merges[s].left < 0 || merges[s].right < 0 || merges[s].left >= limit || merges[s].right >= limit)
            throw ComputeError("dendrogram merge " + std::to_string(s) + " names a cluster that does not exist yet");
    }
    // Leaf order: walk from the last cluster (the root when complete), left child first; models
    // left out of every merge follow in index order.
    std::vector<bool> placed(std::size_t(n), false);
    auto walk = [&](auto&& self, int cluster) -> void {
        if (cluster < n) {
            if (!placed[std::size_t(cluster)]) out.leafOrder.push_back(cluster);
            placed[std::size_t(cluster)] = true;
            return;
        }
        const DendrogramMerge& m = merges[std::size_t(cluster - n)];
        self(self, m.left);
        self(self, m.right);
    };
    if (clusters > n) walk(walk, clusters - 1);
    for (int i = 0; i < n; ++i)
        if (!placed[std::size_t(i)]) out.leafOrder.push_back(i);

    std::vector<double> x(std::size_t(clusters), 0.0), height(std::size_t(clusters), 0.0);
    out.leafX.assign(std::size_t(n), 0.0);
    for (std::size_t k = 0; k < out.leafOrder.size(); ++k) {
        x[std::size_t(out.leafOrder[k])] = double(k);
        out.leafX[std::size_t(out.leafOrder[k])] = double(k);
    }
    for (std::size_t s = 0; s < merges.size(); ++s) {
        const DendrogramMerge& m = merges[s];
        DendrogramLink link{x[std::size_t(m.left)], x[std::size_t(m.right)], height[std::size_t(m.left)],
                            height[std::size_t(m.right)], m.height};
        x[std::size_t(n) + s] = 0.5 * (link.leftX + link.rightX);
        height[std::size_t(n) + s] = m.height;
        out.links.push_back(link);
    }
    return out;
}

} // namespace le::ui
