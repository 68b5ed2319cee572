#pragma once
// GFRE, GFRD and LFRE between every ordered pair of N feature sets on the same rows, the
// diagonal (a set against itself: self-reconstruction) included.
// Each source is factorised once and reused for every target; pairs and points run in
// parallel; memory stays bounded (neighbour search in fixed-size blocks).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/metrics/metric_settings.h"
#include "core/metrics/model_map.h"
#include "core/util/communicator.h"
#include "core/util/task_context.h"

namespace le {

// One ordered pair, one measure: the aggregate, the per-test-point values and what the
// estimator chose (for the details panel).
struct PairMeasure {
    double value = 0.0;             // sqrt(mean(pointwise²))
    Eigen::VectorXd pointwise;      // per test point, in test-index order
    double chosenRelativeAlpha = 0; // GFRE/GFRD: the alpha Ridge2FoldCV chose (relative)
    long long keptSingularValues = 0; // GFRE/GFRD cutoff: q of the final fit
    long long k = 0;                // LFRE: neighbours used
    // LFRE: how many test points chose each relative alpha (Ridge2FoldCV runs per point).
    std::map<double, long long> chosenAlphaCounts;
};

struct AllPairsResult {
    std::vector<std::string> names;   // feature set names, row/column order
    std::vector<long long> trainIndices; // rows used for training, in the order used
    std::vector<long long> testIndices;  // rows of the test points, in pointwise order
    // matrices[m](source, target); NaN where a measure was not computed.
    std::map<Measure, Eigen::MatrixXd> matrices;
    // pairs[m][source][target]
    std::map<Measure, std::vector<std::vector<PairMeasure>>> pairs;
    MetricSettings settings;
    // Measure::IntrinsicDimension: TwoNN per set (names order), empty when not requested.
    std::vector<double> intrinsicDimension;
    // With Measure::Procrustes: MDS and dendrogram of the models from the angle matrix.
    std::optional<ModelMap> modelMap;
    // KGFRE, per source (names order): the RBF γ used and the Nyström rank kept.
    std::vector<double> kernelGamma;
    std::vector<long long> kernelRank;
};

// The sets must have the same number of rows (InputError/ComputeError otherwise).
// `labels` are per-row text labels used by a stratified split (may be empty otherwise).
// Throws OperationCancelled when ctx is cancelled.
AllPairsResult computeAllPairs(const std::vector<const FeatureSet*>& sets,
                               const MetricSettings& settings,
                               const std::vector<std::string>& labels, const TaskContext& ctx);

// The part of the work one process of a distributed run does (rank r of P; see
// core/metrics/distributed_pairs.h): GFRE/GFRD of the sources s with s mod P = r, LFRE of
// every pair for the r-th of P contiguous runs of test points (whole blocks of
// kTestPointBlock points). Values outside the share are NaN (GFRE/GFRD pairs not computed:
// value NaN, no pointwise); LFRE aggregates are then NaN too until the shares are merged.
// With `comm` set, the rows are partitioned too (issue #17 item 3): each rank reads only the
// data rows it owns (ownedRows) and the ranks combine, through `comm`'s collectives, what
// each computed on its rows (scaler moments, train factorisations, neighbour candidates).
struct WorkShare {
    static constexpr Eigen::Index kTestPointBlock = 128;
    int rank = 0, ranks = 1;
    const Communicator* comm = nullptr; // nullptr: every rank reads every row
    bool ownsSource(std::size_t source) const { return int(source % std::size_t(ranks)) == rank; }
    std::pair<Eigen::Index, Eigen::Index> testPoints(Eigen::Index nTest) const; // [first, last)
    bool partitionsRows() const { return comm != nullptr && ranks > 1; }
    // The data rows (file order) this rank reads, [first, last): the rank-th of P contiguous
    // runs when rows are partitioned (so a memory-mapped file is touched only there), else all.
    std::pair<Eigen::Index, Eigen::Index> ownedRows(Eigen::Index rows) const;
};
AllPairsResult computeAllPairs(const std::vector<const FeatureSet*>& sets, const MetricSettings& settings,
                               const std::vector<std::string>& labels, const TaskContext& ctx,
                               const WorkShare& share);

// Pointwise LFRE source → target for any rows on demand (e.g. every atom of the structure
// the user is looking at). Neighbours are taken among `trainIndices`; a query row that is
// itself a training row is excluded from its own neighbourhood. For test rows the value
// equals the standard pointwise LFRE. k = 0 means min(d_source, d_target).
Eigen::VectorXd pointwiseLfreOnDemand(const FeatureSet& source, const FeatureSet& target,
                                      const std::vector<long long>& trainIndices,
                                      const std::vector<long long>& queryRows,
                                      const MetricSettings& settings, const TaskContext& ctx);

} // namespace le
