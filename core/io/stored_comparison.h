#pragma once
// A comparison (the all-pairs result: matrices, per-point values, what the estimator chose,
// the split and the settings) as a stored result of a project file, and back. The GUI saves
// its workspace with it and `compare --out result.h5` writes it, so a result computed on a
// cluster opens in the GUI like a local run. Layout: core/io/HDF5_LAYOUT.md.
#include <memory>
#include <string>
#include <vector>

#include "core/io/hdf5_project.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/repeated_pairs.h"

namespace le {

inline constexpr const char* kComparisonResultName = "comparison";

// A comparison as the GUI shows it: the result and the dataset rows it was computed on.
struct CompareOutput {
    std::shared_ptr<const AllPairsResult> result;
    // Dataset rows (global atom or frame indices) behind result row r: result rows are
    // rows of the subset, so trainIndices/testIndices map through this (empty: the same rows).
    std::vector<long long> rows;
    Level level = Level::Atom;
    // Mean / s.d. over the repeats and the per-group breakdown; null for a single run without
    // breakdown. `result` is the first repeat (seed S) in full.
    std::shared_ptr<const RepeatSummary> summary;
};

// `summary` (may be null): the repeats and breakdown, stored as core/io/stored_repeats.h says.
StoredResult comparisonToStored(const AllPairsResult& result, const std::vector<long long>& rows, Level level,
                                const RepeatSummary* summary = nullptr);
// Throws InputError naming `file` and the result's path when an array is missing or misshapen.
CompareOutput comparisonFromStored(const StoredResult& stored, const std::string& file);

} // namespace le
