#pragma once
// numpy's legacy RandomState: MT19937 seeded with init_genrand(seed) and the legacy
// bounded-integer Fisher–Yates shuffle. permutation(n) is bit-identical to
// numpy.random.RandomState(seed).permutation(n), which scikit-learn / scikit-matter use
// for the default train/test split and the inner 2-fold CV split.
#include <cstdint>
#include <vector>

namespace le {

class NumpyRandomState {
public:
    explicit NumpyRandomState(std::uint32_t seed);

    std::uint32_t nextUint32();
    std::uint64_t nextUint64(); // two 32-bit draws, high word first (as numpy)
    // Uniform integer in [0, max] by masked rejection (numpy's legacy random_interval).
    std::uint64_t interval(std::uint64_t max);
    // A random permutation of 0..n-1 (numpy's legacy shuffle of arange(n)).
    std::vector<long long> permutation(long long n);

private:
    void reload();
    static constexpr int kStateSize = 624;
    std::uint32_t state_[kStateSize];
    int position_ = kStateSize;
};

} // namespace le
