#include "core/metrics/group_breakdown.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/dataset/elements.h"
#include "core/util/error.h"

namespace le {

namespace {

bool parsesAsNumber(const std::string& text, double& value) {
    if (text.empty()) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

// Display order of the distinct labels (see makeRowGroups).
std::vector<std::string> orderedNames(const std::string& key, std::vector<std::string> names) {
    const bool allElements = key == "species" && std::all_of(names.begin(), names.end(), [](const std::string& n) {
        return atomicNumber(n) > 0;
    });
    double a = 0, b = 0;
    const bool allNumbers = std::all_of(names.begin(), names.end(), [&](const std::string& n) { return parsesAsNumber(n, a); });
    if (allElements)
        std::stable_sort(names.begin(), names.end(),
                         [](const std::string& x, const std::string& y) { return atomicNumber(x) < atomicNumber(y); });
    else if (allNumbers)
        std::stable_sort(names.begin(), names.end(), [&](const std::string& x, const std::string& y) {
            parsesAsNumber(x, a);
            parsesAsNumber(y, b);
            return a < b;
        });
    return names; // already in text order (from a std::map)
}

// The pointwise values define the aggregate (sqrt of the mean of their squares) for every
// computed pair; measures without per-point values (or defined otherwise) have no breakdown.
bool hasBreakdown(const AllPairsResult& result, Measure m) {
    auto pairs = result.pairs.find(m);
    if (pairs == result.pairs.end()) return false;
    const auto nTest = Eigen::Index(result.testIndices.size());
    bool any = false;
    for (const auto& row : pairs->second)
        for (const PairMeasure& p : row) {
            if (std::isnan(p.value)) continue; // not computed (diagonal switched off)
            if (p.pointwise.size() != nTest || nTest == 0) return false;
            const double rms = p.pointwise.norm() / std::sqrt(double(nTest));
            if (!(std::abs(rms - p.value) <= 1e-12 * std::max(1.0, std::abs(p.value)))) return false;
            any = true;
        }
    return any;
}

} // namespace

RowGroups makeRowGroups(const std::string& key, const std::vector<std::string>& rowLabels) {
    std::map<std::string, int> distinct;
    for (const auto& label : rowLabels) distinct.emplace(label, 0);
    std::vector<std::string> names;
    for (const auto& [label, unused] : distinct) names.push_back(label);
    RowGroups groups;
    groups.key = key;
    groups.names = orderedNames(key, std::move(names));
    for (std::size_t g = 0; g < groups.names.size(); ++g) distinct[groups.names[g]] = int(g);
    groups.groupOfRow.reserve(rowLabels.size());
    for (const auto& label : rowLabels) groups.groupOfRow.push_back(distinct[label]);
    return groups;
}

std::vector<Measure> measuresWithBreakdown(const AllPairsResult& result) {
    std::vector<Measure> out;
    for (const auto& [m, pairs] : result.pairs)
        if (hasBreakdown(result, m)) out.push_back(m);
    return out;
}

GroupValues groupValues(const AllPairsResult& result, const RowGroups& groups) {
    const std::size_t nGroups = groups.names.size();
    std::vector<int> groupOfTest;
    groupOfTest.reserve(result.testIndices.size());
    for (long long row : result.testIndices) {
        if (row < 0 || row >= (long long)groups.groupOfRow.size())
            throw ComputeError("grouping by '" + groups.key + "': test row " + std::to_string(row) +
                               " has no label (" + std::to_string(groups.groupOfRow.size()) + " labels)");
        groupOfTest.push_back(groups.groupOfRow[std::size_t(row)]);
    }
    GroupValues out;
    out.testRows.assign(nGroups, 0);
    for (int g : groupOfTest) ++out.testRows[std::size_t(g)];

    const auto n = Eigen::Index(result.names.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (Measure m : measuresWithBreakdown(result)) {
        auto& perGroup = out.values[m];
        perGroup.assign(nGroups, Eigen::MatrixXd::Constant(n, n, nan));
        const auto& pairs = result.pairs.at(m);
        std::vector<double> sumOfSquares(nGroups);
        for (Eigen::Index s = 0; s < n; ++s)
            for (Eigen::Index t = 0; t < n; ++t) {
                const PairMeasure& p = pairs[std::size_t(s)][std::size_t(t)];
                if (std::isnan(p.value)) continue;
                std::fill(sumOfSquares.begin(), sumOfSquares.end(), 0.0);
                for (std::size_t i = 0; i < groupOfTest.size(); ++i)
                    sumOfSquares[std::size_t(groupOfTest[i])] += p.pointwise[Eigen::Index(i)] * p.pointwise[Eigen::Index(i)];
                for (std::size_t g = 0; g < nGroups; ++g)
                    if (out.testRows[g] > 0) perGroup[g](s, t) = std::sqrt(sumOfSquares[g] / double(out.testRows[g]));
            }
    }
    return out;
}

} // namespace le
