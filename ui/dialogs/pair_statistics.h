#pragma once
// Numbers behind the pair details dialog: summary of the pointwise errors over the test
// points, a histogram, and the worst points mapped back to frame / atom / species.
#include <Eigen/Core>

#include <QString>

#include <vector>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"

namespace le::ui {

struct WorstPoint {
    long long row = 0;       // dataset row (global atom or frame index)
    long long frame = 0;
    long long atomInFrame = -1; // -1 for structure-level results
    int species = 0;            // Z, 0 for structure-level results
    double value = 0;
};

struct PairStatistics {
    long long count = 0;
    double mean = 0, median = 0, p95 = 0, max = 0;
    double binStart = 0, binWidth = 1;
    std::vector<long long> histogram; // counts per bin
    std::vector<WorstPoint> worst;    // largest values first
};

// `rows` maps result rows to dataset rows (empty = identity); `level` says whether those
// are atoms or frames. Non-finite pointwise values are ignored.
PairStatistics pairStatistics(const PairMeasure& pair, const std::vector<long long>& testIndices,
                              const std::vector<long long>& rows, Level level,
                              const Dataset* dataset, int bins = 30, int worstCount = 20);

// "α = 1e-06 (relative), 7 singular values kept" / "k = 12 neighbours".
QString regularisationText(const PairMeasure& pair, Measure measure);
// True for the measures with a value per test point (GFRE, GFRD, LFRE, kernel GFRE); CKA,
// debiased CKA, the Procrustes angle and the information imbalance are one number per pair.
bool hasPointwiseValues(Measure measure);

} // namespace le::ui
