#pragma once
// Settings of a GFRE / GFRD / LFRE computation. Defaults are scikit-matter's defaults
// (../shared/docs/metrics.md §1); the paper's protocol changes only the split and k.
#include <string>
#include <vector>

namespace le {

enum class Measure { GFRE, GFRD, LFRE };
const char* measureName(Measure m); // "gfre", "gfrd", "lfre"

enum class SplitKind {
    SkmatterDefault, // 50/50 shuffle split with seed 0x5F3759DF, permuted order (metrics.md §1)
    Stratified,      // testSize points drawn at random, stratified by a label, seeded
    Explicit         // trainIndices / testIndices given (e.g. from .npy files), used in order
};

struct SplitSettings {
    SplitKind kind = SplitKind::SkmatterDefault;
    long long testSize = 1000;          // Stratified: number of test points
    std::string stratifyBy = "subset";  // Stratified: frame info key or atom property
    unsigned int seed = 0;              // Stratified: seed (the paper used 0)
    std::vector<long long> trainIndices; // Explicit (may be empty: complement of test)
    std::vector<long long> testIndices;  // Explicit (may be empty: complement of train)
};

enum class ScalerKind { StandardFlexible, None };
enum class EstimatorKind { Ridge2FoldCV, LeastSquares, RidgeFixedAlpha };
enum class Regularization { Cutoff, Tikhonov };

struct EstimatorSettings {
    EstimatorKind kind = EstimatorKind::Ridge2FoldCV;
    Regularization regularization = Regularization::Cutoff;
    std::vector<double> relativeAlphas; // empty = geomspace(1e-9, 0.9, 20)
    double fixedAlpha = 1e-6;           // RidgeFixedAlpha (relative to s_max)
};

struct MetricSettings {
    std::vector<Measure> measures{Measure::GFRE, Measure::GFRD, Measure::LFRE};
    SplitSettings split;
    ScalerKind scaler = ScalerKind::StandardFlexible;
    EstimatorSettings estimator;
    long long lfreK = 0; // 0 = min(d_source, d_target), as in the paper
    // The diagonal (a set reconstructing itself) is the floor each row should be read
    // against, as in the paper; its LFRE at k = d is the most expensive pair of a row.
    bool includeDiagonal = true;
};

} // namespace le
