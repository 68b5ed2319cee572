#include "core/metrics/splits.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "core/util/error.h"
#include "core/util/rng.h"

namespace le {

TrainTestSplit skmatterDefaultSplit(long long n) {
    if (n < 2) throw ComputeError("need at least 2 rows for a train/test split, got " + std::to_string(n));
    const auto perm = NumpyRandomState(kSkmatterSeed).permutation(n);
    const long long nTest = (n + 1) / 2;
    TrainTestSplit s;
    s.test.assign(perm.begin(), perm.begin() + nTest);
    s.train.assign(perm.begin() + nTest, perm.begin() + nTest + n / 2);
    return s;
}

namespace {

std::vector<long long> sortedComplement(long long n, const std::vector<long long>& given) {
    std::vector<char> used(std::size_t(n), 0);
    for (long long i : given) used[std::size_t(i)] = 1;
    std::vector<long long> rest;
    for (long long i = 0; i < n; ++i)
        if (!used[std::size_t(i)]) rest.push_back(i);
    return rest;
}

void checkRange(long long n, const std::vector<long long>& idx, const char* what) {
    for (std::size_t i = 0; i < idx.size(); ++i)
        if (idx[i] < 0 || idx[i] >= n)
            throw ComputeError(std::string(what) + " index " + std::to_string(idx[i]) + " at position " +
                               std::to_string(i) + " is outside 0.." + std::to_string(n - 1));
}

} // namespace

TrainTestSplit explicitSplit(long long n, const std::vector<long long>& train,
                             const std::vector<long long>& test) {
    if (train.empty() && test.empty()) throw ComputeError("explicit split needs train or test indices");
    checkRange(n, train, "train");
    checkRange(n, test, "test");
    TrainTestSplit s{train, test};
    if (s.train.empty()) s.train = sortedComplement(n, test);
    if (s.test.empty()) s.test = sortedComplement(n, train);
    if (s.train.empty() || s.test.empty()) throw ComputeError("the split leaves no train or no test rows");
    return s;
}

TrainTestSplit stratifiedSplit(const std::vector<std::string>& labels, long long testSize,
                               unsigned int seed) {
    const long long n = static_cast<long long>(labels.size());
    if (n == 0) throw ComputeError("a stratified split needs one label per row");
    if (testSize < 1 || testSize >= n)
        throw ComputeError("test size " + std::to_string(testSize) + " must be between 1 and " +
                           std::to_string(n - 1));
    std::map<std::string, std::vector<long long>> groups; // label order = sorted text
    for (long long i = 0; i < n; ++i) groups[labels[std::size_t(i)]].push_back(i);

    // Largest-remainder apportionment: floor of the exact share, then one more for the
    // largest fractional parts (ties: larger group first, then label order).
    struct Quota { std::vector<long long>* rows; long long take; double remainder; };
    std::vector<Quota> quotas;
    long long assigned = 0;
    for (auto& [label, rows] : groups) {
        const double exact = double(testSize) * double(rows.size()) / double(n);
        const auto take = static_cast<long long>(exact);
        quotas.push_back({&rows, take, exact - double(take)});
        assigned += take;
    }
    std::vector<std::size_t> order(quotas.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (quotas[a].remainder != quotas[b].remainder) return quotas[a].remainder > quotas[b].remainder;
        return quotas[a].rows->size() > quotas[b].rows->size();
    });
    for (std::size_t i = 0; assigned < testSize; i = (i + 1) % order.size()) {
        Quota& q = quotas[order[i]];
        if (q.take < static_cast<long long>(q.rows->size())) {
            ++q.take;
            ++assigned;
        }
    }

    NumpyRandomState rng(seed);
    std::vector<char> isTest(std::size_t(n), 0);
    for (const Quota& q : quotas) {
        const auto perm = rng.permutation(static_cast<long long>(q.rows->size()));
        for (long long j = 0; j < q.take; ++j) isTest[std::size_t((*q.rows)[std::size_t(perm[std::size_t(j)])])] = 1;
    }
    TrainTestSplit s;
    for (long long i = 0; i < n; ++i) (isTest[std::size_t(i)] ? s.test : s.train).push_back(i);
    return s;
}

TrainTestSplit makeSplit(const SplitSettings& settings, long long n,
                         const std::vector<std::string>& labels) {
    switch (settings.kind) {
    case SplitKind::SkmatterDefault: return skmatterDefaultSplit(n);
    case SplitKind::Explicit: return explicitSplit(n, settings.trainIndices, settings.testIndices);
    case SplitKind::Stratified:
        if (static_cast<long long>(labels.size()) != n)
            throw ComputeError("stratified split by '" + settings.stratifyBy + "' needs " + std::to_string(n) +
                               " labels, got " + std::to_string(labels.size()));
        return stratifiedSplit(labels, settings.testSize, settings.seed);
    }
    throw ComputeError("unknown split kind");
}

TwoFolds twoFoldPositions(long long m) {
    const auto perm = NumpyRandomState(kSkmatterSeed).permutation(m);
    std::vector<char> inFold2(std::size_t(m), 0);
    for (long long j = 0; j < (m + 1) / 2; ++j) inFold2[std::size_t(perm[std::size_t(j)])] = 1;
    TwoFolds f;
    for (long long i = 0; i < m; ++i) (inFold2[std::size_t(i)] ? f.fold2 : f.fold1).push_back(i);
    return f;
}

} // namespace le
