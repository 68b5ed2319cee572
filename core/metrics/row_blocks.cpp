#include "core/metrics/row_blocks.h"

namespace le {

std::vector<long long> ownedInFileOrder(const std::vector<long long>& rows, const WorkShare& share,
                                        Eigen::Index totalRows) {
    const auto [first, last] = share.ownedRows(totalRows);
    std::vector<long long> owned;
    for (long long r : rows)
        if (r >= first && r < last) owned.push_back(r);
    std::sort(owned.begin(), owned.end());
    return owned;
}

std::vector<std::vector<double>> gatherFromRanks(const WorkShare& share, const std::vector<double>& mine) {
    if (!share.partitionsRows()) return {mine};
    return share.comm->allGather(mine);
}

} // namespace le
