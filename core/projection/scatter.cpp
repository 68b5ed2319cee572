#include "core/projection/scatter.h"

#include <Eigen/Eigenvalues>

#include <functional>
#include <numeric>

#include "core/util/error.h"

namespace le {

namespace {
constexpr Eigen::Index kBlockRows = 4096;
}

Eigen::Index selectedCount(const FeatureSet& features, const RowSelection& rows) {
    return rows.empty() ? features.rows() : Eigen::Index(rows.size());
}

void forEachRowBlock(const FeatureSet& features, const RowSelection& rows,
                     const std::function<void(Eigen::Index, const MatrixD&)>& visit,
                     const TaskContext& ctx) {
    const Eigen::Index n = selectedCount(features, rows), total = features.rows();
    for (Eigen::Index r : rows)
        if (r < 0 || r >= total)
            throw ComputeError("row " + std::to_string(r) + " is out of range for '" +
                               features.name + "' (" + std::to_string(total) + " rows)");
    MatrixD block;
    for (Eigen::Index first = 0; first < n; first += kBlockRows) {
        ctx.throwIfCancelled();
        const Eigen::Index count = std::min(kBlockRows, n - first);
        std::visit(
            [&](const auto& m) {
                if (rows.empty()) {
                    block = m.middleRows(first, count).template cast<double>();
                } else {
                    block.resize(count, m.cols());
                    for (Eigen::Index i = 0; i < count; ++i)
                        block.row(i) = m.row(rows[std::size_t(first + i)]).template cast<double>();
                }
            },
            features.data);
        visit(first, block);
    }
}

ScatterStats computeScatter(const FeatureSet& features, const RowSelection& rows,
                            const TaskContext& ctx) {
    const Eigen::Index n = selectedCount(features, rows), d = features.cols();
    if (n == 0) throw ComputeError("no rows selected in '" + features.name + "'");
    ScatterStats stats;
    stats.samples = n;
    stats.mean = Eigen::RowVectorXd::Zero(d);
    forEachRowBlock(
        features, rows,
        [&](Eigen::Index first, const MatrixD& block) {
            stats.mean += block.colwise().sum();
            ctx.report(0.5 * double(first + block.rows()) / double(n), "column means");
        },
        ctx);
    stats.mean /= double(n);
    stats.scatter = Eigen::MatrixXd::Zero(d, d);
    MatrixD centred;
    forEachRowBlock(
        features, rows,
        [&](Eigen::Index first, const MatrixD& block) {
            centred = block.rowwise() - stats.mean;
            stats.scatter.selfadjointView<Eigen::Lower>().rankUpdate(centred.transpose());
            ctx.report(0.5 + 0.5 * double(first + block.rows()) / double(n), "covariance");
        },
        ctx);
    stats.scatter = stats.scatter.selfadjointView<Eigen::Lower>();
    return stats;
}

SortedEigen sortedEigen(const Eigen::MatrixXd& symmetric) {
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(symmetric);
    if (solver.info() != Eigen::Success) throw ComputeError("eigen-decomposition did not converge");
    const Eigen::Index d = symmetric.rows();
    SortedEigen out;
    out.values.resize(d);
    out.vectors.resize(d, d);
    for (Eigen::Index j = 0; j < d; ++j) { // Eigen sorts ascending
        out.values(j) = solver.eigenvalues()(d - 1 - j);
        Eigen::VectorXd v = solver.eigenvectors().col(d - 1 - j);
        Eigen::Index largest = 0;
        v.cwiseAbs().maxCoeff(&largest);
        out.vectors.col(j) = v(largest) < 0 ? Eigen::VectorXd(-v) : v;
    }
    return out;
}

} // namespace le
