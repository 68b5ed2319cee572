#pragma once
// Per-group values of the measures that have per-point values (GFRE, GFRD, LFRE): for each
// group of test rows (a species, a subset label...), sqrt(mean over the group's test rows of
// the squared pointwise values). Groups combine to the global value:
// value² = Σ_g n_g value_g² / Σ_g n_g.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/metrics/all_pairs.h"

namespace le {

struct RowGroups {
    std::string key;                // what the rows are grouped by ("species", "subset", ...)
    std::vector<std::string> names; // groups in display order
    std::vector<int> groupOfRow;    // per result row: index into names
};

// Groups of per-row labels. Order: by atomic number when key is "species" and every label is
// an element symbol, numerically when every label is a number, otherwise by text.
RowGroups makeRowGroups(const std::string& key, const std::vector<std::string>& rowLabels);

struct GroupValues {
    std::vector<long long> testRows; // test rows in each group
    // values[measure][group](source, target); NaN where the pair was not computed or the
    // group has no test row.
    std::map<Measure, std::vector<Eigen::MatrixXd>> values;
};

// Measures of `result` whose computed pairs all hold one pointwise value per test row with
// the aggregate equal to their root mean square get a breakdown; others are left out.
// Throws ComputeError when the groups do not cover the result's rows.
GroupValues groupValues(const AllPairsResult& result, const RowGroups& groups);

// The measures of `result` that groupValues breaks down.
std::vector<Measure> measuresWithBreakdown(const AllPairsResult& result);

} // namespace le
