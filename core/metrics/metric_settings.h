#pragma once
// Settings of a GFRE / GFRD / LFRE computation. Defaults are scikit-matter's defaults
// (../shared/docs/metrics.md §1); the paper's protocol changes only the split and k.
#include <string>
#include <vector>

namespace le {

// The linear reconstruction measures of the paper, then the measures beyond them (issue #16):
// kernel GFRE, linear and debiased CKA, Procrustes shape distance, information imbalance,
// and the TwoNN intrinsic dimension, which is one number per feature set, not per pair.
enum class Measure { GFRE, GFRD, LFRE, KGFRE, CKA, DCKA, Procrustes, InformationImbalance, IntrinsicDimension };
const char* measureName(Measure m); // "gfre", "gfrd", "lfre", "kgfre", "cka", "dcka", "procrustes", "ii", "id"
// For people: "GFRE", "kernel GFRE", "CKA", "debiased CKA", "Procrustes angle", ...
const char* measureDisplayName(Measure m);
// False for the per-set measures (IntrinsicDimension): they have no source × target matrix.
bool isPairMeasure(Measure m);

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

// Kernel GFRE (Nyström RBF features of the source; README "Beyond linear reconstruction").
struct KernelGfreSettings {
    long long landmarks = 2000;          // drawn from the train rows (all of them when fewer)
    std::vector<long long> landmarkRows; // explicit dataset rows (all train rows); overrides `landmarks`
    double gamma = 0.0;                  // 0 = 1 / median squared distance between landmarks
    unsigned int seed = 0;               // numpy RandomState(seed).permutation(n_train)[:landmarks]
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
    KernelGfreSettings kernel;
};

} // namespace le
