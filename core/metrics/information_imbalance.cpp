#include "core/metrics/information_imbalance.h"

#include <limits>
#include <string>

#include "core/metrics/parallel_guard.h"
#include "core/metrics/row_distances.h"
#include "core/util/error.h"

namespace le {

namespace {

// nn_A(i) for every row of one space.
std::vector<Eigen::Index> nearestOthers(const Eigen::MatrixXd& pointsByColumn, const TaskContext& ctx) {
    const Eigen::Index n = pointsByColumn.cols();
    std::vector<Eigen::Index> nearest(std::size_t(n), -1);
    ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 16)
    for (Eigen::Index i = 0; i < n; ++i)
        guard.run([&] { nearest[std::size_t(i)] = nearestOther(squaredDistancesFrom(pointsByColumn, i), i); });
    guard.rethrow();
    return nearest;
}

// Rank of j among the rows other than i, by distance from i (nearest = 1, ties by row index).
long long rankOf(const Eigen::RowVectorXd& squaredDistances, Eigen::Index i, Eigen::Index j) {
    const double dj = squaredDistances[j];
    long long rank = 1;
    for (Eigen::Index k = 0; k < squaredDistances.size(); ++k)
        if (k != i && k != j && (squaredDistances[k] < dj || (squaredDistances[k] == dj && k < j))) ++rank;
    return rank;
}

} // namespace

Eigen::MatrixXd informationImbalances(const std::vector<const Eigen::MatrixXd*>& spaces, bool includeDiagonal,
                                      const TaskContext& ctx) {
    const std::size_t count = spaces.size();
    if (count == 0) return {};
    const Eigen::Index n = spaces[0]->rows();
    for (const Eigen::MatrixXd* s : spaces)
        if (s->rows() != n)
            throw ComputeError("information imbalance: the spaces have " + std::to_string(n) + " and " +
                               std::to_string(s->rows()) + " rows");
    if (n < 2) throw ComputeError("information imbalance needs at least 2 rows, got " + std::to_string(n));

    std::vector<Eigen::MatrixXd> byColumn(count);
    std::vector<std::vector<Eigen::Index>> nearest(count);
    for (std::size_t a = 0; a < count; ++a) {
        ctx.throwIfCancelled();
        ctx.report(0.5 * double(a) / double(count), "information imbalance: nearest neighbours");
        byColumn[a] = spaces[a]->transpose();
        nearest[a] = nearestOthers(byColumn[a], ctx);
    }
    // One pass over the distance rows of each target space B serves every source A.
    Eigen::MatrixXd rankSums = Eigen::MatrixXd::Zero(Eigen::Index(count), Eigen::Index(count));
    for (std::size_t b = 0; b < count; ++b) {
        ctx.report(0.5 + 0.5 * double(b) / double(count), "information imbalance: ranks");
        std::vector<Eigen::VectorXd> perRow(std::size_t(n), Eigen::VectorXd::Zero(Eigen::Index(count)));
        ParallelGuard guard(ctx);
#pragma omp parallel for schedule(dynamic, 16)
        for (Eigen::Index i = 0; i < n; ++i)
            guard.run([&] {
                const Eigen::RowVectorXd distances = squaredDistancesFrom(byColumn[b], i);
                for (std::size_t a = 0; a < count; ++a)
                    if (a != b || includeDiagonal)
                        perRow[std::size_t(i)][Eigen::Index(a)] =
                            double(rankOf(distances, i, nearest[a][std::size_t(i)]));
            });
        guard.rethrow();
        for (const Eigen::VectorXd& r : perRow) rankSums.col(Eigen::Index(b)) += r; // ranks are exact integers
    }
    Eigen::MatrixXd out = rankSums * (2.0 / (double(n) * double(n)));
    if (!includeDiagonal) out.diagonal().setConstant(std::numeric_limits<double>::quiet_NaN());
    return out;
}

} // namespace le
