#include "core/util/rng.h"

#include <numeric>
#include <utility>

namespace le {

namespace {
constexpr int kShift = 397;
constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpperMask = 0x80000000U;
constexpr std::uint32_t kLowerMask = 0x7fffffffU;
} // namespace

NumpyRandomState::NumpyRandomState(std::uint32_t seed) {
    // Matsumoto & Nishimura's init_genrand, as numpy's legacy integer seeding.
    state_[0] = seed;
    for (int i = 1; i < kStateSize; ++i) {
        const std::uint32_t prev = state_[i - 1];
        state_[i] = 1812433253U * (prev ^ (prev >> 30)) + std::uint32_t(i);
    }
    position_ = kStateSize;
}

void NumpyRandomState::reload() {
    for (int i = 0; i < kStateSize; ++i) {
        const std::uint32_t y = (state_[i] & kUpperMask) | (state_[(i + 1) % kStateSize] & kLowerMask);
        state_[i] = state_[(i + kShift) % kStateSize] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
    }
    position_ = 0;
}

std::uint32_t NumpyRandomState::nextUint32() {
    if (position_ >= kStateSize) reload();
    std::uint32_t y = state_[position_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

std::uint64_t NumpyRandomState::nextUint64() {
    const std::uint64_t high = nextUint32();
    return (high << 32) | nextUint32();
}

std::uint64_t NumpyRandomState::interval(std::uint64_t max) {
    if (max == 0) return 0;
    // Smallest all-ones mask covering max; draws above max are rejected.
    std::uint64_t mask = max;
    for (int shift = 1; shift < 64; shift <<= 1) mask |= mask >> shift;
    std::uint64_t value;
    if (max <= 0xffffffffULL) {
        while ((value = (nextUint32() & mask)) > max) {}
    } else {
        while ((value = (nextUint64() & mask)) > max) {}
    }
    return value;
}

std::vector<long long> NumpyRandomState::permutation(long long n) {
    std::vector<long long> values(std::size_t(n > 0 ? n : 0));
    std::iota(values.begin(), values.end(), 0LL);
    for (long long i = n - 1; i >= 1; --i) {
        const auto j = static_cast<long long>(interval(std::uint64_t(i)));
        std::swap(values[std::size_t(i)], values[std::size_t(j)]);
    }
    return values;
}

} // namespace le
