#include "core/metrics/intrinsic_dimension.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "core/metrics/parallel_guard.h"
#include "core/metrics/row_distances.h"
#include "core/util/error.h"

namespace le {

namespace {

// Indices of the rows that are not an exact copy of an earlier row, in row order.
std::vector<Eigen::Index> distinctRows(const Eigen::MatrixXd& rows) {
    std::vector<Eigen::Index> order(std::size_t(rows.rows()));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    auto less = [&](Eigen::Index a, Eigen::Index b) {
        for (Eigen::Index c = 0; c < rows.cols(); ++c)
            if (rows(a, c) != rows(b, c)) return rows(a, c) < rows(b, c);
        return false;
    };
    std::stable_sort(order.begin(), order.end(), less); // equal rows stay in row order
    std::vector<Eigen::Index> kept;
    for (std::size_t i = 0; i < order.size(); ++i)
        if (i == 0 || less(order[i - 1], order[i])) kept.push_back(order[i]);
    std::sort(kept.begin(), kept.end());
    return kept;
}

} // namespace

TwoNnEstimate twoNnDimension(const Eigen::MatrixXd& rows, double fraction, const TaskContext& ctx) {
    if (!(fraction > 0.0 && fraction <= 1.0))
        throw ComputeError("TwoNN: the fraction of points fitted must lie in (0, 1], got " + std::to_string(fraction));
    const std::vector<Eigen::Index> kept = distinctRows(rows);
    TwoNnEstimate out;
    out.distinctRows = (long long)kept.size();
    out.duplicatesDropped = (long long)rows.rows() - out.distinctRows;
    if (out.distinctRows < 3)
        throw ComputeError("TwoNN needs at least 3 distinct rows, got " + std::to_string(out.distinctRows));
    const Eigen::MatrixXd points = rows(kept, Eigen::all).transpose();
    const Eigen::Index n = points.cols();
    std::vector<double> logMu(static_cast<std::size_t>(n));
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 16)
    for (Eigen::Index i = 0; i < n; ++i)
        guard.run([&] {
            Eigen::RowVectorXd d = squaredDistancesFrom(points, i);
            d[i] = std::numeric_limits<double>::infinity();
            Eigen::Index first = 0;
            d.minCoeff(&first);
            const double r1Squared = d[first];
            d[first] = std::numeric_limits<double>::infinity();
            logMu[std::size_t(i)] = 0.5 * std::log(d.minCoeff() / r1Squared);
        });
    guard.rethrow();
    std::sort(logMu.begin(), logMu.end());
    out.pointsFitted = (long long)(double(n) * fraction); // Python's int(N * fraction)
    double xy = 0.0, xx = 0.0;
    for (long long i = 0; i < out.pointsFitted; ++i) {
        const double x = logMu[std::size_t(i)], y = -std::log1p(-double(i + 1) / double(n));
        xy += x * y;
        xx += x * x;
    }
    if (!(xx > 0.0))
        throw ComputeError("TwoNN: every fitted point has r2 = r1 (a lattice-like set): no dimension can be fitted");
    out.dimension = xy / xx;
    return out;
}

} // namespace le
