#include "core/metrics/streamed_folds.h"

#include <optional>

#include "core/linalg/row_block_qr.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/row_blocks.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"

namespace le {

FoldAccumulator::FoldAccumulator(Eigen::Index sourceCols, const std::vector<Eigen::Index>& targetCols)
    : R_(Eigen::MatrixXd::Zero(sourceCols, sourceCols)) {
    for (Eigen::Index cols : targetCols) {
        C_.push_back(Eigen::MatrixXd::Zero(sourceCols, cols));
        outsideSq_.push_back(Eigen::RowVectorXd::Zero(cols));
    }
}

void FoldAccumulator::addBlock(Eigen::MatrixXd X, std::vector<Eigen::MatrixXd> Y, const TaskContext& ctx) {
    bool fits = X.cols() == R_.cols() && Y.size() == C_.size();
    for (std::size_t t = 0; fits && t < Y.size(); ++t) fits = Y[t].rows() == X.rows() && Y[t].cols() == C_[t].cols();
    if (!fits)
        throw ComputeError("fold accumulation: a block of " + std::to_string(X.rows()) + " x " +
                           std::to_string(X.cols()) + " with " + std::to_string(Y.size()) +
                           " target blocks does not fit a source of " + std::to_string(R_.cols()) + " columns and " +
                           std::to_string(C_.size()) + " targets");
    if (X.rows() == 0) return;
    const long long m = X.rows();
    absorb(std::move(X), std::move(Y), false, ctx);
    rows_ += m;
}

void FoldAccumulator::merge(const FoldAccumulator& other, const TaskContext& ctx) {
    if (other.R_.cols() != R_.cols() || other.C_.size() != C_.size())
        throw ComputeError("fold accumulation: merging states of different sources or targets");
    if (other.rows_ == 0) return;
    if (rows_ == 0) { // nothing here yet: the other state as it is
        *this = other;
        return;
    }
    absorb(other.R_, other.C_, true, ctx);
    for (std::size_t t = 0; t < C_.size(); ++t) outsideSq_[t] += other.outsideSq_[t];
    rows_ += other.rows_;
}

void FoldAccumulator::absorb(Eigen::MatrixXd block, std::vector<Eigen::MatrixXd> targetRows, bool triangular,
                             const TaskContext& ctx) {
    // The step itself is sequential (each needs the last R) and runs on one thread of the
    // parallel region: outside one, OpenBLAS's OpenMP build would fork its own threads for each
    // of dtpqrt's many small calls, which on a loaded machine cost ten times the work itself.
    std::optional<RowBlockQrStep> step;
    ParallelGuard guard(ctx);
    const auto n = static_cast<long long>(C_.size());
#pragma omp parallel
    {
#pragma omp single
        guard.run([&] { step.emplace(R_, std::move(block), triangular); });
#pragma omp for schedule(dynamic, 1)
        for (long long t = 0; t < n; ++t)
            guard.run([&] {
                // The block's rows of target t end up as its part outside the rows seen so far.
                step->applyQt(C_[std::size_t(t)], targetRows[std::size_t(t)]);
                outsideSq_[std::size_t(t)] += targetRows[std::size_t(t)].colwise().squaredNorm();
            });
    }
    guard.rethrow();
}

void FoldAccumulator::appendTo(std::vector<double>& out) const {
    auto append = [&out](const auto& m) { out.insert(out.end(), m.data(), m.data() + m.size()); };
    out.push_back(double(rows_));
    append(R_);
    for (std::size_t t = 0; t < C_.size(); ++t) {
        append(C_[t]);
        append(outsideSq_[t]);
    }
}

void FoldAccumulator::readFrom(const std::vector<double>& in, std::size_t& offset) {
    auto need = [&](std::size_t count) {
        if (offset + count > in.size())
            throw ComputeError("fold accumulation: a rank's state has " + std::to_string(in.size()) +
                               " numbers, fewer than its shapes need");
    };
    auto read = [&](auto& m) {
        need(std::size_t(m.size()));
        std::copy(in.begin() + std::ptrdiff_t(offset), in.begin() + std::ptrdiff_t(offset + std::size_t(m.size())),
                  m.data());
        offset += std::size_t(m.size());
    };
    need(1);
    rows_ = (long long)in[offset++];
    read(R_);
    for (std::size_t t = 0; t < C_.size(); ++t) {
        read(C_[t]);
        read(outsideSq_[t]);
    }
}

FoldTriangles StreamedFolds::triangles() const {
    FoldTriangles out;
    for (int a = 0; a < 2; ++a) {
        out.R[a] = folds[std::size_t(a)].triangle();
        out.rows[a] = folds[std::size_t(a)].rows();
    }
    return out;
}

FoldCoordinates StreamedFolds::coordinates(std::size_t target) const {
    FoldCoordinates out;
    for (int a = 0; a < 2; ++a) {
        out.C[a] = folds[std::size_t(a)].coordinates(target);
        out.outsideSq[a] = folds[std::size_t(a)].outsideSq(target);
    }
    return out;
}

StreamedFolds streamTrainFolds(const ScaledRows& source, const std::vector<const ScaledRows*>& targets,
                               const std::vector<long long>& trainRows, const WorkShare& share, Eigen::Index totalRows,
                               bool merge, Eigen::Index blockRows, const TaskContext& ctx) {
    std::vector<Eigen::Index> targetCols;
    for (const ScaledRows* t : targets) targetCols.push_back(t->cols());
    const FoldAccumulator empty(source.cols(), targetCols);
    StreamedFolds mine{{empty, empty}};
    const TwoFolds positions = twoFoldPositions((long long)trainRows.size());
    for (int a = 0; a < 2; ++a) {
        std::vector<long long> foldRows;
        for (long long p : a == 0 ? positions.fold1 : positions.fold2) foldRows.push_back(trainRows[std::size_t(p)]);
        forEachRowBlock(ownedInFileOrder(foldRows, share, totalRows), blockRows, [&](const std::vector<long long>& block) {
            // The block's rows of the source and of every target, gathered side by side.
            Eigen::MatrixXd X;
            std::vector<Eigen::MatrixXd> Y(targets.size());
            ParallelGuard guard(ctx);
            const auto count = static_cast<long long>(targets.size()) + 1;
#pragma omp parallel for schedule(dynamic, 1)
            for (long long i = 0; i < count; ++i)
                guard.run([&] {
                    if (i == 0) X = source.gather(block);
                    else Y[std::size_t(i - 1)] = targets[std::size_t(i - 1)]->gather(block);
                });
            guard.rethrow();
            mine.folds[std::size_t(a)].addBlock(std::move(X), std::move(Y), ctx);
        });
    }
    if (!share.partitionsRows()) return mine;
    std::vector<double> packed;
    for (const FoldAccumulator& f : mine.folds) f.appendTo(packed);
    const std::vector<std::vector<double>> all = share.comm->allGather(packed);
    if (!merge) return mine;
    StreamedFolds merged{{empty, empty}};
    FoldAccumulator part = empty;
    for (const std::vector<double>& rank : all) {
        std::size_t offset = 0;
        for (FoldAccumulator& f : merged.folds) {
            part.readFrom(rank, offset);
            f.merge(part, ctx);
        }
    }
    return merged;
}

} // namespace le
