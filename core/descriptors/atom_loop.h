#pragma once
// The shared driver of per-atom descriptors: neighbour lists per frame, then one kernel call
// per atom, in parallel (OpenMP) over atoms of many frames, with progress and cancellation.
#include <functional>
#include <string>
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/dataset/frame.h"
#include "core/descriptors/neighbour_list.h"
#include "core/util/task_context.h"

namespace le {

// Writes the `columns` features of `atom` (index in `frame`) into `row`, which is zeroed.
// Called concurrently from several threads: it must only read shared state.
using AtomKernel =
    std::function<void(const Frame& frame, const NeighbourList& neighbours, int atom, double* row)>;

// How neighbours are found: cell lists (always, in the application) or every pair (the
// O(N²) baseline the benchmark compares against).
enum class NeighbourSearch { CellList, BruteForce };

// One row per atom of all frames, in frame order. `label` names the step in progress reports.
// Throws OperationCancelled when ctx is cancelled, ComputeError for an invalid cell or an
// output larger than 6 GB.
MatrixD computePerAtom(const std::vector<Frame>& frames, double cutoff, Eigen::Index columns,
                       const AtomKernel& kernel, const TaskContext& ctx, const std::string& label,
                       NeighbourSearch search = NeighbourSearch::CellList);

// Sorted distinct atomic numbers of all frames.
std::vector<int> speciesOf(const std::vector<Frame>& frames);

} // namespace le
