#include "core/metrics/row_blocks.h"

namespace le {

std::vector<long long> ownedPositions(const std::vector<long long>& rows, const WorkShare& share,
                                      Eigen::Index totalRows) {
    const auto [first, last] = share.ownedRows(totalRows);
    std::vector<long long> owned;
    for (std::size_t p = 0; p < rows.size(); ++p)
        if (rows[p] >= first && rows[p] < last) owned.push_back((long long)p);
    return owned;
}

std::vector<long long> ownedInFileOrder(const std::vector<long long>& rows, const WorkShare& share,
                                        Eigen::Index totalRows) {
    std::vector<long long> owned;
    for (long long p : ownedPositions(rows, share, totalRows)) owned.push_back(rows[std::size_t(p)]);
    std::sort(owned.begin(), owned.end());
    return owned;
}

std::vector<std::vector<double>> gatherFromRanks(const WorkShare& share, const std::vector<double>& mine) {
    if (!share.partitionsRows()) return {mine};
    return share.comm->allGather(mine);
}

} // namespace le
