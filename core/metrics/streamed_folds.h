#pragma once
// The train rows of one source and of all its targets reduced by the source's two CV folds,
// one block of rows at a time (issue #17, TSQR): per fold a, the source's d × d triangle R_a
// (F_a = Q_a R_a) and each target's FoldCoordinates (Q_aᵀ Y_a's first d rows, and the squared
// column norms of the rest). That is all RegressionPlan's QR route needs
// (RegressionPlan(FoldTriangles), solve(FoldCoordinates)), and no fold's rows are ever held
// at once: memory is one block of rows of the source and of every target, plus the
// accumulators (d × d and d × d_t per fold). Rows split over processes: each accumulates its
// own rows, and partial accumulations merge exactly like a block (the other triangle and its
// coordinates stacked under these), in rank order.
#include <vector>

#include <Eigen/Core>

#include "core/metrics/all_pairs.h"
#include "core/metrics/regression.h"
#include "core/metrics/scaled_rows.h"
#include "core/util/task_context.h"

namespace le {

// One fold's accumulation.
class FoldAccumulator {
public:
    FoldAccumulator(Eigen::Index sourceCols, const std::vector<Eigen::Index>& targetCols);

    // Absorbs more rows of the fold: the source's (X, m × d) and, for the same rows, each
    // target's (Y[t], m × d_t). Blocks may have any number of rows, fewer than d or none.
    void addBlock(Eigen::MatrixXd X, std::vector<Eigen::MatrixXd> Y, const TaskContext& ctx);
    // Absorbs the accumulation of other rows of the same fold.
    void merge(const FoldAccumulator& other, const TaskContext& ctx);

    long long rows() const { return rows_; }
    const Eigen::MatrixXd& triangle() const { return R_; }
    // Target t's coordinates and outside norms (fold a of a FoldCoordinates).
    const Eigen::MatrixXd& coordinates(std::size_t t) const { return C_[t]; }
    const Eigen::RowVectorXd& outsideSq(std::size_t t) const { return outsideSq_[t]; }

    // The state as numbers (for Communicator::allGather) and back; `in` is read from `offset` on.
    void appendTo(std::vector<double>& out) const;
    void readFrom(const std::vector<double>& in, std::size_t& offset);

private:
    // [R; block] → R, the same rotation applied to each target's [C; rows]; `triangular`: the
    // block is another accumulation's triangle.
    void absorb(Eigen::MatrixXd block, std::vector<Eigen::MatrixXd> targetRows, bool triangular,
                const TaskContext& ctx);

    Eigen::MatrixXd R_;
    std::vector<Eigen::MatrixXd> C_;
    std::vector<Eigen::RowVectorXd> outsideSq_;
    long long rows_ = 0;
};

struct StreamedFolds {
    std::vector<FoldAccumulator> folds; // fold 1, fold 2 (of twoFoldPositions(train rows))
    FoldTriangles triangles() const;
    FoldCoordinates coordinates(std::size_t target) const;
};

// Both folds of the train rows `trainRows` (data rows; folds = twoFoldPositions over their
// positions) for `source` and `targets`. Each fold's rows are taken in file order, in blocks of
// `blockRows`. With the rows partitioned (share.partitionsRows()), this process reads only its
// own rows and every rank's accumulation is gathered (collective: every rank must call this
// for the same source); with `merge` set they are merged here in rank order (the source's
// owner), otherwise this rank's partial state is returned.
StreamedFolds streamTrainFolds(const ScaledRows& source, const std::vector<const ScaledRows*>& targets,
                               const std::vector<long long>& trainRows, const WorkShare& share, Eigen::Index totalRows,
                               bool merge, Eigen::Index blockRows, const TaskContext& ctx);

} // namespace le
