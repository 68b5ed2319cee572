#pragma once
// The repeat statistics and per-group breakdown of a comparison (core/metrics/repeated_pairs.h)
// as arrays and attributes of a stored project result (core/io/HDF5_LAYOUT.md, "Repeats and
// breakdown"). Used by `compare --out X.h5` and by the app's saved workspace.
#include <optional>
#include <string>

#include "core/io/hdf5_project.h"
#include "core/metrics/repeated_pairs.h"

namespace le {

// Adds the attributes repeats, first_seed (and group_key, groups) and the arrays
// <m>_repeats, <m>_mean, <m>_std (and group_test_rows, <m>_by_group_repeats) to `result`.
void storeRepeatSummary(const RepeatSummary& summary, StoredResult& result);

// Empty when the result holds no repeats. `models` is the number of feature sets (n); shapes
// are checked and a mismatch is an InputError naming `file` and the result's array.
std::optional<RepeatSummary> readRepeatSummary(const StoredResult& result, long long models,
                                               const std::string& file);

} // namespace le
