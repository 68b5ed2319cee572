#pragma once
// computeAllPairs over the processes of a distributed run (issue #17, item 3). Every rank
// computes its WorkShare (all_pairs.h) with the rows partitioned (WorkShare::comm set):
// GFRE/GFRD of every P-th source, LFRE of every pair for its run of test points, the neighbour
// search of every test point over the train rows the rank owns, merged across the ranks.
// Rank 0 gathers the shares and returns the whole result, equal to a single-process run (every
// value is computed by the same arithmetic on one rank, and the merged neighbour lists are
// those of one search); the other ranks return their partial result, for nothing.
#include "core/metrics/all_pairs.h"
#include "core/util/communicator.h"

namespace le {

AllPairsResult computeAllPairsDistributed(const std::vector<const FeatureSet*>& sets, const MetricSettings& settings,
                                          const std::vector<std::string>& labels, const Communicator& comm,
                                          const TaskContext& ctx);

// The merge, exposed for tests: the partial results of ranks 0…P−1 (as computeAllPairs with
// WorkShare{r, P} returns them), packed and unpacked as they travel between ranks.
std::vector<double> packShare(const AllPairsResult& partial, const WorkShare& share);
void mergeShare(AllPairsResult& whole, const std::vector<double>& packed, const WorkShare& share);

} // namespace le
