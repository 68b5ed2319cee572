#pragma once
// One step of a QR factorisation built by blocks of rows (TSQR): the n × n triangle R of the
// rows absorbed so far and a new block B of m rows are factorised together,
// [R; B] = Q [R'; 0] (LAPACK dtpqrt, triangular-pentagonal QR), and the same rotation is applied
// to columns kept alongside, [C; D] ← Qᵀ [C; D] (dtpmqrt): C stays the coordinates of everything
// absorbed in R's column space, and the m rows left in D are the part orthogonal to it (their
// norms are exact, no cancellation). Over all blocks this is the QR of the stacked rows, to
// rounding, without ever holding them. B may also be another triangle (two partial
// factorisations of disjoint rows merged: `triangularBlock`), which only touches its upper part.
#include <Eigen/Core>

namespace le {

class RowBlockQrStep {
public:
    // R: n × n, upper triangular (zero below, as a fresh Eigen::MatrixXd::Zero(n, n) is), updated
    // in place. B: m × n (m = n when triangularBlock); it ends up holding the reflectors.
    RowBlockQrStep(Eigen::MatrixXd& R, Eigen::MatrixXd B, bool triangularBlock = false);

    Eigen::Index blockRows() const { return reflectors_.rows(); }
    // top: n × p, bottom: m × p. Only reads the step's factors: threads may share one step.
    void applyQt(Eigen::MatrixXd& top, Eigen::MatrixXd& bottom) const;

private:
    Eigen::MatrixXd reflectors_; // m × n
    Eigen::MatrixXd blockT_;     // nb × n: the T of each block of nb reflectors, side by side
    int trapezoidRows_ = 0;      // dtpqrt's l
};

} // namespace le
