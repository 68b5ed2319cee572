#pragma once
// Train/test splits (metrics.md §1) and the inner 2-fold CV positions (§2.3).
#include <string>
#include <vector>

#include "core/metrics/metric_settings.h"

namespace le {

inline constexpr unsigned int kSkmatterSeed = 0x5F3759DF;

struct TrainTestSplit {
    std::vector<long long> train; // row indices, in the order used (order matters)
    std::vector<long long> test;
};

// sklearn train_test_split(arange(n), test_size=0.5, train_size=0.5, random_state=0x5F3759DF):
// test = perm[:ceil(n/2)], train = the next floor(n/2), both in permuted order.
TrainTestSplit skmatterDefaultSplit(long long n);

// Given indices are used as given; a missing side is the sorted complement. Indices are
// checked to lie in [0, n) (ComputeError otherwise).
TrainTestSplit explicitSplit(long long n, const std::vector<long long>& train,
                             const std::vector<long long>& test);

// Exactly `testSize` test rows, split over the distinct labels in proportion to their
// counts (largest remainder), drawn at random within each label with numpy's
// RandomState(seed); test and train (the complement) are returned sorted.
TrainTestSplit stratifiedSplit(const std::vector<std::string>& labels, long long testSize,
                               unsigned int seed);

// Dispatch on settings.kind; `labels` is only used by the stratified split.
TrainTestSplit makeSplit(const SplitSettings& settings, long long n,
                         const std::vector<std::string>& labels);

// Row positions of the first KFold(2, shuffle=True, random_state=0x5F3759DF) split of m
// rows: fold2 = sorted(perm[:ceil(m/2)]), fold1 = the other positions (sorted).
struct TwoFolds {
    std::vector<long long> fold1, fold2;
};
TwoFolds twoFoldPositions(long long m);

} // namespace le
