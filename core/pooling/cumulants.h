#pragma once
// Cumulant pooling: per structure and per feature, the mean κ1 and the cumulants κ2..κn of
// the atoms' values, each κn (n ≥ 2) mapped to sign(κn)|κn|^(1/n) so that every block is in
// feature units. The order-n descriptor is [κ1 | t(κ2) | ... | t(κn)] (n·d columns,
// block-major: column b·d + j is cumulant b+1 of feature j).
#include <array>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/util/task_context.h"

namespace le {

constexpr int kMaxCumulantOrder = 8;

struct CumulantOptions {
    int order = 8; // 1..8
    // The paper's scripts swap two coefficients of κ8 (+420 μ2μ3² + 560 μ2²μ4 instead of the
    // standard +420 μ2²μ4 + 560 μ2μ3²). Only for reproducing published numbers.
    bool paperKappa8 = false;
};

// Central moments μ2..μ8 of one distribution: mu[k] = μk (mu[0], mu[1] unused).
using CentralMoments = std::array<double, kMaxCumulantOrder + 1>;
// Raw cumulants κ2..κ8: kappa[n] = κn (kappa[0], kappa[1] unused).
using Cumulants = std::array<double, kMaxCumulantOrder + 1>;

// The standard moment → cumulant relations (or the paper's κ8 when asked).
Cumulants cumulantsFromCentralMoments(const CentralMoments& mu, bool paperKappa8 = false);

// sign(x)·|x|^(1/n): the signed root that puts κn in feature units.
double signedRoot(double x, int n);

// Groups of atom rows to pool: group g is rows[begin[g] .. begin[g+1]) of `rows`.
// Built by `structureGroups` (every atom of every frame) or by the subset helpers.
struct PoolingGroups {
    std::vector<Eigen::Index> rows;  // atom row indices, concatenated group after group
    std::vector<Eigen::Index> begin; // size groups + 1
    Eigen::Index groupCount() const { return Eigen::Index(begin.size()) - 1; }
};

// One group per frame, every atom: offsets as in Dataset::offsets().
PoolingGroups structureGroups(const std::vector<Eigen::Index>& offsets);

struct PooledFeatures {
    MatrixD values;                      // groups × (order·d)
    int order = 0;
    long long singleAtomGroups = 0;      // κ≥2 set to 0 for these (a warning for the user)
    long long emptyGroups = 0;           // no atom at all: the whole row is 0
};

// Pools atom features (rows = atoms) over each group; parallel over groups.
// Throws ComputeError for a bad order, OperationCancelled when cancelled.
PooledFeatures poolCumulants(const FeatureSet& atomFeatures, const PoolingGroups& groups,
                             const CumulantOptions& options, const TaskContext& ctx);
PooledFeatures poolCumulants(const MatrixD& atomFeatures, const PoolingGroups& groups,
                             const CumulantOptions& options, const TaskContext& ctx);

// Column range of cumulant block n (1-based) in a pooled matrix of d features per block.
inline Eigen::Index cumulantBlockStart(int n, Eigen::Index d) { return Eigen::Index(n - 1) * d; }

} // namespace le
