#pragma once
// What the app shows right after a comparison: the worst-reconstructed ordered pair of
// different feature sets and, within it, the worst test point, so that the outlier table,
// the structure view and the projection map open on the most telling case.
#include <optional>

#include "core/metrics/all_pairs.h"

namespace le::ui {

class Workspace;

struct WorstPair {
    int source = -1, target = -1;
    Measure measure = Measure::LFRE;
};

// The off-diagonal pair with the largest LFRE (the local measure has per-atom values the
// structure view can show), or the largest GFRE when LFRE was not computed. NaN cells are
// skipped; nullopt when there is no finite off-diagonal cell.
std::optional<WorstPair> worstOffDiagonalPair(const AllPairsResult& metrics);

// Index into metrics.testIndices of the largest finite pointwise value of the pair, or nullopt.
std::optional<long long> worstTestPoint(const AllPairsResult& metrics, const WorstPair& pair);

// Makes the worst pair current, opens the frame of its worst test point and selects that
// atom (atom-level results) or frame (structure-level results). Returns the pair shown.
std::optional<WorstPair> showWorstPair(Workspace& workspace);

} // namespace le::ui
