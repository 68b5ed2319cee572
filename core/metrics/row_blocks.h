#pragma once
// Steps that stream over a set's train rows a block at a time (issue #17: no whole float64
// copy), possibly with the rows split over the ranks of a distributed run (WorkShare::comm):
// which rows this process reads, in what order, and how partial results meet.
#include <algorithm>
#include <vector>

#include <Eigen/Core>

#include "core/metrics/all_pairs.h"

namespace le {

// Rows per block: 2048 rows of d = 1024 in float64 are 16 MB.
constexpr Eigen::Index kStreamBlockRows = 2048;

// The positions p (ascending) of the entries rows[p] (data row numbers of sets with `totalRows`
// rows) this process reads (share.ownedRows), e.g. the train positions its neighbour search covers.
std::vector<long long> ownedPositions(const std::vector<long long>& rows, const WorkShare& share,
                                      Eigen::Index totalRows);

// The entries of `rows` (data row numbers of sets with `totalRows` rows) this process reads
// (share.ownedRows), in file order. Ranks own consecutive runs of the file, so rank 0's list,
// then rank 1's, … is the single process's list: both visit the rows in the same order.
std::vector<long long> ownedInFileOrder(const std::vector<long long>& rows, const WorkShare& share,
                                        Eigen::Index totalRows);

// Every rank's `mine`, in rank order (collective when the rows are partitioned; otherwise just
// {mine}).
std::vector<std::vector<double>> gatherFromRanks(const WorkShare& share, const std::vector<double>& mine);

// visit(block) for consecutive runs of at most `blockRows` entries of `rows`, in order.
template <typename Visit>
void forEachRowBlock(const std::vector<long long>& rows, Eigen::Index blockRows, Visit&& visit) {
    for (std::size_t first = 0; first < rows.size(); first += std::size_t(blockRows)) {
        const std::size_t last = std::min(rows.size(), first + std::size_t(blockRows));
        visit(std::vector<long long>(rows.begin() + std::ptrdiff_t(first), rows.begin() + std::ptrdiff_t(last)));
    }
}

} // namespace le
