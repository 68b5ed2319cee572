#pragma once
// Repeats of the all-pairs comparison on R stratified splits drawn with seeds S, S+1, ...,
// S+R-1 (each split shared by all feature sets): every matrix the runs produce gets its
// mean and sample standard deviation over the repeats, and optionally a per-group breakdown
// of the measures with per-point values (group_breakdown.h). Repeat r is exactly the
// single run computeAllPairs gives with seed S+r.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/metrics/all_pairs.h"
#include "core/metrics/group_breakdown.h"
#include "core/util/communicator.h"

namespace le {

// One matrix per repeat and their mean and sample s.d. (ddof = 1), element by element over
// the repeats where the element is finite; NaN where no repeat (mean) or fewer than two
// repeats (s.d.) have a finite value. One repeat therefore has s.d. NaN everywhere.
struct RepeatedMatrices {
    std::vector<Eigen::MatrixXd> repeats;
    Eigen::MatrixXd mean, std;
};
// Throws ComputeError when the matrices differ in shape or there is none.
RepeatedMatrices summarizeRepeats(std::vector<Eigen::MatrixXd> perRepeat);

struct RepeatSummary {
    unsigned int firstSeed = 0; // repeat r used seed firstSeed + r
    int count = 1;              // number of repeats
    std::map<Measure, RepeatedMatrices> measures;
    // Breakdown (empty groups = none asked for): byGroup[measure][group] over the repeats.
    std::string groupKey;
    std::vector<std::string> groups;
    std::vector<std::vector<long long>> groupTestRows; // [repeat][group]
    std::map<Measure, std::vector<RepeatedMatrices>> byGroup;

    bool hasBreakdown() const { return !groups.empty(); }
};

struct RepeatedPairsResult {
    AllPairsResult first; // repeat 0 in full (per-point values, split): the run with seed S
    RepeatSummary summary;
};

// repeats ≥ 1; more than one needs a stratified split (the only seeded split kind: the
// scikit-matter default has a fixed seed, an explicit split none), else ComputeError.
// `groups` (may be null) labels the rows of the feature sets for the breakdown.
// Progress is split evenly over the repeats; throws OperationCancelled when cancelled.
// Each repeat runs over the processes of `comm` (distributed_pairs.h); only rank 0's result
// is complete, the other ranks return their repeat matrices without summary or breakdown.
RepeatedPairsResult computeRepeatedPairs(const std::vector<const FeatureSet*>& sets,
                                         const MetricSettings& settings,
                                         const std::vector<std::string>& labels, int repeats,
                                         const RowGroups* groups, const TaskContext& ctx,
                                         const Communicator& comm = SerialCommunicator());

} // namespace le
