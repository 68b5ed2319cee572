#include "core/metrics/block_scaling.h"

#include "core/metrics/compensated_sums.h"
#include "core/metrics/row_blocks.h"
#include "core/metrics/scaled_rows.h"
#include "core/util/error.h"

namespace le {

namespace {

// Every rank's sums added in rank order (each rank then holds the same numbers).
CompensatedSums sumOverRanks(const WorkShare& share, const CompensatedSums& mine) {
    CompensatedSums total(mine.cols());
    for (const std::vector<double>& part : gatherFromRanks(share, mine.packed())) {
        if (Eigen::Index(part.size()) != 2 * mine.cols())
            throw ComputeError("scaler: a rank sent " + std::to_string(part.size()) + " sums for " +
                               std::to_string(mine.cols()) + " columns");
        total.add(CompensatedSums::unpacked(part));
    }
    return total;
}

} // namespace

Scaling fitScalingByBlocks(const FeatureSet& set, const std::vector<long long>& rows, ScalerKind kind,
                           const std::string& what, const WorkShare& share, Eigen::Index blockRows) {
    const Eigen::Index d = set.cols();
    if (kind == ScalerKind::None) return scalingFromMoments(Eigen::RowVectorXd::Zero(d), 0, kind, what);
    if (rows.empty()) throw ComputeError("cannot scale the " + what + ": no train rows");
    const std::vector<long long> mine = ownedInFileOrder(rows, share, set.rows());
    CompensatedSums sums(d);
    forEachRowBlock(mine, blockRows, [&](const std::vector<long long>& block) { sums.addRows(gatherRows(set, block)); });
    const double count = double(rows.size());
    const Eigen::RowVectorXd mean = sumOverRanks(share, sums).rounded() / count;
    CompensatedSums squares(d);
    forEachRowBlock(mine, blockRows, [&](const std::vector<long long>& block) {
        squares.addCentredSquares(gatherRows(set, block), mean);
    });
    // Total variance: sum over columns of the per-column (ddof 0) variance, as fitScaling.
    const double totalVariance = sumOverRanks(share, squares).roundedTotal() / count;
    return scalingFromMoments(mean, totalVariance, kind, what);
}

} // namespace le
