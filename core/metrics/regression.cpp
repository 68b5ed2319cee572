#include "core/metrics/regression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/linalg/lq_reduction.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"

namespace le {

std::vector<double> defaultRelativeAlphas() {
    // numpy.geomspace(1e-9, 0.9, 20) = 10**linspace(log10(1e-9), log10(0.9), 20), with the
    // end points pinned to the exact inputs as numpy does.
    constexpr int kCount = 20;
    const double lo = std::log10(1e-9), hi = std::log10(0.9);
    std::vector<double> alphas(kCount);
    const double step = (hi - lo) / double(kCount - 1);
    for (int i = 0; i < kCount; ++i) alphas[std::size_t(i)] = std::pow(10.0, lo + double(i) * step);
    alphas.front() = 1e-9;
    alphas.back() = 0.9;
    return alphas;
}

namespace {

// sklearn's RMSE with multioutput="uniform_average": mean over columns of per-column RMSE,
// from the residual (prediction − truth) in whatever coordinates it is kept, plus the squared
// norm per column of the part of the truth those coordinates leave out; `rows` is the real
// number of held-out rows.
double meanColumnRmse(const Eigen::MatrixXd& residual, const Eigen::RowVectorXd& outsideSq, double rows) {
    if (residual.cols() == 0) return 0.0;
    return ((residual.colwise().squaredNorm() + outsideSq).array() / rows).sqrt().mean();
}

// FoldRows::Arranged: fold 1 = the first floor(m/2) rows (the KFold's larger fold, of
// ceil(m/2) rows, is fold 2), as twoFoldPositions sizes them.
TwoFolds arrangedFolds(long long m) {
    TwoFolds folds;
    for (long long i = 0; i < m; ++i) (i < m / 2 ? folds.fold1 : folds.fold2).push_back(i);
    return folds;
}

// Y's rows `rows`, column by column (each column read front to back, the rows being sorted).
Eigen::MatrixXd gatherRows(const Eigen::MatrixXd& Y, const std::vector<long long>& rows) {
    Eigen::MatrixXd out(Eigen::Index(rows.size()), Y.cols());
    for (Eigen::Index j = 0; j < Y.cols(); ++j) {
        const double* from = Y.col(j).data();
        double* to = out.col(j).data();
        for (std::size_t i = 0; i < rows.size(); ++i) to[i] = from[rows[i]];
    }
    return out;
}

// Whether `rows` are consecutive row numbers (an arranged fold).
bool isRowRange(const std::vector<long long>& rows) {
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i] != rows[i - 1] + 1) return false;
    return true;
}

std::vector<long long> allPositions(long long rows) {
    std::vector<long long> all(static_cast<std::size_t>(rows));
    for (long long i = 0; i < rows; ++i) all[static_cast<std::size_t>(i)] = i;
    return all;
}

long long countAbove(const Eigen::VectorXd& s, double threshold) {
    long long q = 0;
    while (q < s.size() && s[q] > threshold) ++q;
    return q;
}

} // namespace

RegressionPlan::RegressionPlan(const Eigen::MatrixXd& X, const EstimatorSettings& settings,
                               Eigen::Index floorCols, FinalFitForm form, FoldRows foldRows)
    : settings_(settings), rows_(X.rows()) {
    build(X, floorCols, form, foldRows);
}

RegressionPlan::RegressionPlan(const RowGather& gather, Eigen::Index rows, Eigen::Index cols,
                               const EstimatorSettings& settings)
    : settings_(settings), rows_(rows) {
    const bool cv = settings.kind == EstimatorKind::Ridge2FoldCV;
    if (cv && rows >= 2 && cols > 0) { // the QR route of build(), when both folds are tall
        const TwoFolds positions = twoFoldPositions(rows);
        if (Eigen::Index(positions.fold1.size()) >= cols && Eigen::Index(positions.fold2.size()) >= cols) {
            relativeAlphas_ = settings.relativeAlphas.empty() ? defaultRelativeAlphas() : settings.relativeAlphas;
            buildReducedFolds(gather, positions, double(std::max(rows, cols)) * std::numeric_limits<double>::epsilon());
            return;
        }
    }
    build(gather(allPositions(rows)), cols, FinalFitForm::Matrix, FoldRows::KFold);
}

RegressionPlan::RegressionPlan(const FoldTriangles& folds, const EstimatorSettings& settings)
    : settings_(settings), rows_(folds.rows[0] + folds.rows[1]) {
    const Eigen::Index d = folds.R[0].cols();
    for (int a = 0; a < 2; ++a)
        if (folds.R[a].rows() != d || folds.R[a].cols() != d || folds.rows[a] < d || d == 0)
            throw ComputeError("regression: fold " + std::to_string(a + 1) + " has " + std::to_string(folds.rows[a]) +
                               " rows and a " + std::to_string(folds.R[a].rows()) + " x " +
                               std::to_string(folds.R[a].cols()) + " triangle for " + std::to_string(d) +
                               " columns (the QR route needs at least as many rows as columns)");
    relativeAlphas_ = settings.relativeAlphas.empty() ? defaultRelativeAlphas() : settings.relativeAlphas;
    buildFromTriangles(folds.R[0], folds.R[1], folds.rows,
                       double(std::max<Eigen::Index>(rows_, d)) * std::numeric_limits<double>::epsilon());
}

void RegressionPlan::build(const Eigen::MatrixXd& X, Eigen::Index floorCols, FinalFitForm form, FoldRows foldRows) {
    const EstimatorSettings& settings = settings_;
    relativeAlphas_ = settings.relativeAlphas.empty() ? defaultRelativeAlphas() : settings.relativeAlphas;
    const bool cv = settings.kind == EstimatorKind::Ridge2FoldCV;
    const Eigen::Index m = X.rows();
    if (cv && m < 2) throw ComputeError("2-fold cross-validation needs at least 2 rows, got " + std::to_string(m));
    const bool arranged = foldRows == FoldRows::Arranged;
    const TwoFolds positions = !cv ? TwoFolds{} : arranged ? arrangedFolds(m) : twoFoldPositions(m);
    const double floor = double(std::max<Eigen::Index>(m, floorCols)) * std::numeric_limits<double>::epsilon();
    const bool tallFolds = cv && Eigen::Index(positions.fold1.size()) >= X.cols() &&
                           Eigen::Index(positions.fold2.size()) >= X.cols();
    if (form == FinalFitForm::Matrix && tallFolds && !arranged && X.cols() > 0) {
        buildReducedFolds([&X](const std::vector<long long>& rows) -> Eigen::MatrixXd { return X(rows, Eigen::all); },
                          positions, floor);
        return;
    }
    if (form == FinalFitForm::RowsOnly) implicit_.emplace(X);
    else full_ = thinSvd(X);
    if (!cv) return;

    for (int a = 0; a < 2; ++a) {
        FoldModel& f = folds_[a];
        f.fitRows = a == 0 ? positions.fold1 : positions.fold2;
        f.heldRows = a == 0 ? positions.fold2 : positions.fold1;
        f.heldCount = (long long)f.heldRows.size();
        // A wide fold's SVD is taken of a square triangle with the same singular values and
        // left vectors, the held rows expressed in its coordinates: an arranged first fold is
        // [L₁₁ 0] already, any other wide fold is reduced by an LQ factorisation.
        Eigen::MatrixXd fit, held;
        if (arranged && a == 0) {
            const Eigen::Index span = Eigen::Index(f.fitRows.size());
            fit = X(f.fitRows, Eigen::seqN(0, span));
            held = X(f.heldRows, Eigen::seqN(0, span));
        } else {
            fit = X(f.fitRows, Eigen::all);
            held = X(f.heldRows, Eigen::all);
            if (fit.rows() < fit.cols()) { // F = T Q₁ᵀ (lq_reduction.h): held rows need only H Q₁
                Eigen::MatrixXd carried = held.transpose();
                fit = lqOfRows(fit.transpose(), carried);
                held = carried.transpose();
            }
        }
        fitFoldModel(f, fit, held, floor);
    }
}

void RegressionPlan::fitFoldModel(FoldModel& f, const Eigen::MatrixXd& fit, const Eigen::MatrixXd& held, double floor) {
    const ThinSvd svd = thinSvd(fit);
    if (svd.s.size() > 0) foldSMax_ = std::max(foldSMax_, svd.s[0]);
    const long long r = countAbove(svd.s, floor);
    f.U = svd.U.leftCols(r);
    f.s = svd.s.head(r);
    f.heldTimesV = held * svd.V.leftCols(r);
}

// Both folds have at least d rows: fold a is F_a = Q_a R_a (Householder), and
// X = P [F₁; F₂] = P diag(Q₁, Q₂) [R₁; R₂] = P diag(Q₁, Q₂) Q₃ R (P the row permutation of the
// folds, Q₃ R the QR of the stacked d × d factors). F_a has R_a's singular values and right
// vectors, X has R's; the held fold's rows F_b V_a = Q_b (R_b V_a), so its predictions live in
// Q_b's column space and a target only enters through Q_bᵀ Y_b (foldTargets). Every SVD is of
// a d × d triangle, and no m × d factor is ever formed.
void RegressionPlan::buildReducedFolds(const RowGather& gather, const TwoFolds& positions, double floor) {
    foldQr_.reserve(2);
    foldQr_.emplace_back(gather(positions.fold1));
    foldQr_.emplace_back(gather(positions.fold2));
    const long long foldRows[2] = {(long long)positions.fold1.size(), (long long)positions.fold2.size()};
    buildFromTriangles(foldQr_[0].R(), foldQr_[1].R(), foldRows, floor);
    folds_[0].fitRows = folds_[1].heldRows = positions.fold1;
    folds_[1].fitRows = folds_[0].heldRows = positions.fold2;
}

void RegressionPlan::buildFromTriangles(const Eigen::MatrixXd& R1, const Eigen::MatrixXd& R2,
                                        const long long foldRows[2], double floor) {
    const Eigen::Index d = R1.cols();
    Eigen::MatrixXd stacked(2 * d, d);
    stacked << R1, R2;
    stackedQr_.emplace(std::move(stacked));
    full_ = thinSvd(stackedQr_->R());
    if (settings_.kind != EstimatorKind::Ridge2FoldCV) return;
    const Eigen::MatrixXd* R[2] = {&R1, &R2};
    for (int a = 0; a < 2; ++a) {
        folds_[a].heldCount = foldRows[1 - a];
        fitFoldModel(folds_[a], *R[a], *R[1 - a], floor);
    }
}

void RegressionPlan::foldTargets(const Eigen::MatrixXd& Y, FoldTargets& out, Eigen::MatrixXd* reducedY) const {
    out.rows.clear();
    if (!stackedQr_) {
        for (int a = 0; a < 2; ++a) {
            const std::vector<long long>& rows = folds_[a].fitRows;
            out.outsideSq[a] = Eigen::RowVectorXd::Zero(Y.cols());
            if (isRowRange(rows)) { // an arranged fold: a block of Y, no copy
                out.rows.emplace_back(Y.data() + (rows.empty() ? 0 : rows.front()), Eigen::Index(rows.size()),
                                      Y.cols(), Eigen::OuterStride<>(Y.rows()));
                continue;
            }
            out.copies[a] = gatherRows(Y, rows);
            out.rows.emplace_back(out.copies[a].data(), out.copies[a].rows(), Y.cols(),
                                  Eigen::OuterStride<>(out.copies[a].rows()));
        }
        return;
    }
    targetsFromCoordinates(reducedCoordinates([&Y](const std::vector<long long>& rows) { return gatherRows(Y, rows); }),
                           out, reducedY);
}

FoldCoordinates RegressionPlan::reducedCoordinates(const RowGather& gather) const {
    if (foldQr_.empty())
        throw ComputeError("regression: a plan built from fold triangles takes its targets as fold coordinates");
    // C_a = Q_aᵀ Y_a: the first d rows are the coordinates, the rest is orthogonal to the fold.
    const Eigen::Index d = foldQr_[0].cols();
    FoldCoordinates y;
    for (int a = 0; a < 2; ++a) {
        Eigen::MatrixXd C = gather(folds_[a].fitRows);
        if (C.rows() != Eigen::Index(folds_[a].fitRows.size()))
            throw ComputeError("regression: a fold's target rows were not gathered");
        foldQr_[std::size_t(a)].applyQt(C);
        y.outsideSq[a] = C.bottomRows(C.rows() - d).colwise().squaredNorm();
        y.C[a] = C.topRows(d);
    }
    return y;
}

void RegressionPlan::targetsFromCoordinates(const FoldCoordinates& y, FoldTargets& out,
                                            Eigen::MatrixXd* reducedY) const {
    const Eigen::Index d = full_.V.rows(), cols = y.C[0].cols();
    for (int a = 0; a < 2; ++a)
        if (y.C[a].rows() != d || y.C[a].cols() != cols || y.outsideSq[a].size() != cols)
            throw ComputeError("regression: fold coordinates of " + std::to_string(y.C[a].rows()) + " x " +
                               std::to_string(y.C[a].cols()) + " for a plan of " + std::to_string(d) + " columns");
    out.rows.clear();
    for (int a = 0; a < 2; ++a) {
        out.copies[a] = y.C[a];
        out.outsideSq[a] = y.outsideSq[a];
        out.rows.emplace_back(out.copies[a].data(), d, cols, Eigen::OuterStride<>(d));
    }
    if (reducedY) { // Qᵀ Y = Q₃ᵀ [Q₁ᵀ Y₁; Q₂ᵀ Y₂], first d rows
        Eigen::MatrixXd stacked(2 * d, cols);
        stacked << y.C[0], y.C[1];
        stackedQr_->applyQt(stacked);
        *reducedY = stacked.topRows(d);
    }
}

std::vector<double> RegressionPlan::foldLossesCutoff(const FoldModel& f, const FoldTargets& y, int fold,
                                                     const std::vector<double>& absAlphas) const {
    const Eigen::MatrixXd UtY = f.U.transpose() * y.rows[std::size_t(fold)];
    const double heldCount = double(f.heldCount);
    // Every alpha keeps a leading block of q triplets; build the residual by adding triplet
    // blocks in increasing q, so each distinct q costs one slice of a product.
    std::map<long long, double> lossForQ;
    for (double a : absAlphas) lossForQ[countAbove(f.s, a)] = 0.0;
    Eigen::MatrixXd residual = -y.rows[std::size_t(1 - fold)];
    long long done = 0;
    for (auto& [q, loss] : lossForQ) {
        if (q > done) {
            const Eigen::Index w = q - done;
            residual.noalias() += (f.heldTimesV.middleCols(done, w) *
                                   f.s.segment(done, w).cwiseInverse().asDiagonal()) *
                                  UtY.middleRows(done, w);
            done = q;
        }
        loss = meanColumnRmse(residual, y.outsideSq[1 - fold], heldCount);
    }
    std::vector<double> losses;
    for (double a : absAlphas) losses.push_back(lossForQ[countAbove(f.s, a)]);
    return losses;
}

std::vector<double> RegressionPlan::foldLossesTikhonov(const FoldModel& f, const FoldTargets& y, int fold,
                                                       const std::vector<double>& absAlphas) const {
    const Eigen::MatrixXd UtY = f.U.transpose() * y.rows[std::size_t(fold)];
    const double heldCount = double(f.heldCount);
    std::vector<double> losses;
    for (double a : absAlphas) {
        const Eigen::VectorXd filter = f.s.array() / (f.s.array().square() + a);
        losses.push_back(meanColumnRmse(f.heldTimesV * filter.asDiagonal() * UtY - y.rows[std::size_t(1 - fold)],
                                        y.outsideSq[1 - fold], heldCount));
    }
    return losses;
}

Eigen::VectorXd RegressionPlan::finalFilter(const AlphaChoice& choice) const {
    const Eigen::VectorXd& s = singularValues();
    if (choice.cutoff) return s.head(countAbove(s, choice.absolute)).cwiseInverse();
    return s.array() / (s.array().square() + choice.absolute);
}

RegressionSolution RegressionPlan::solve(const Eigen::MatrixXd& Y) const {
    if (implicit_) throw ComputeError("regression: this plan was built for row predictions only");
    checkTargetRows(Y);
    // A reduced plan's U lives in the coordinates of Qᵀ Y, which the fold targets give.
    Eigen::MatrixXd reducedY;
    const bool cv = settings_.kind == EstimatorKind::Ridge2FoldCV;
    FoldTargets targets;
    if (cv) foldTargets(Y, targets, &reducedY);
    const Eigen::MatrixXd& coordinatesY = stackedQr_ ? reducedY : Y;
    return finalSolution(cv ? chooseAlpha(targets) : chooseAlpha(Y), coordinatesY);
}

RegressionSolution RegressionPlan::solve(const RowGather& gather) const {
    if (!stackedQr_) { // no fold structure to exploit: the whole target, as solve(Y)
        return solve(gather(allPositions(rows_)));
    }
    return solve(reducedCoordinates(gather));
}

RegressionSolution RegressionPlan::solve(const FoldCoordinates& target) const {
    if (!stackedQr_) throw ComputeError("regression: fold coordinates need a plan on the QR route");
    FoldTargets targets;
    Eigen::MatrixXd reducedY;
    targetsFromCoordinates(target, targets, &reducedY);
    const std::optional<AlphaChoice> fixed = choiceWithoutCv();
    return finalSolution(fixed ? *fixed : chooseAlpha(targets), reducedY);
}

RegressionSolution RegressionPlan::finalSolution(const AlphaChoice& choice, const Eigen::MatrixXd& coordinatesY) const {
    const Eigen::VectorXd filter = finalFilter(choice);
    const Eigen::Index q = filter.size();
    RegressionSolution sol;
    sol.relativeAlpha = choice.relative;
    sol.absoluteAlpha = choice.absolute;
    sol.keptSingularValues = q;
    sol.W = full_.V.leftCols(q) * (filter.asDiagonal() * (full_.U.leftCols(q).transpose() * coordinatesY));
    return sol;
}

Eigen::MatrixXd RegressionPlan::gramTimes(const Eigen::MatrixXd& B) const {
    if (implicit_) throw ComputeError("regression: this plan was built for row predictions only");
    if (B.rows() != full_.V.rows())
        throw ComputeError("regression: XᵀX has " + std::to_string(full_.V.rows()) + " columns, B has " +
                           std::to_string(B.rows()) + " rows");
    return full_.V * (full_.s.array().square().matrix().asDiagonal() * (full_.V.transpose() * B));
}

Eigen::VectorXd RegressionPlan::rowWeights(const Eigen::RowVectorXd& x, const AlphaChoice& choice) const {
    if (stackedQr_) // its U is in the coordinates of Qᵀ, not over the rows of X
        throw ComputeError("regression: a QR-reduced plan gives W (solve), not row weights");
    const Eigen::VectorXd filter = finalFilter(choice);
    const Eigen::Index q = filter.size();
    if (implicit_)
        return choice.cutoff ? implicit_->truncatedWeights(x.transpose(), q)
                             : implicit_->filteredWeights(x.transpose(), filter);
    return full_.U.leftCols(q) * filter.cwiseProduct(full_.V.leftCols(q).transpose() * x.transpose());
}

void RegressionPlan::checkTargetRows(const Eigen::MatrixXd& Y) const {
    if (Y.rows() != rows_)
        throw ComputeError("regression: X has " + std::to_string(rows_) + " rows, Y has " + std::to_string(Y.rows()));
}

RegressionPlan::AlphaChoice RegressionPlan::chooseAlpha(const Eigen::MatrixXd& Y) const {
    checkTargetRows(Y);
    if (const std::optional<AlphaChoice> fixed = choiceWithoutCv()) return *fixed;
    FoldTargets targets;
    foldTargets(Y, targets, nullptr);
    return chooseAlpha(targets);
}

std::optional<RegressionPlan::AlphaChoice> RegressionPlan::choiceWithoutCv() const {
    const Eigen::VectorXd& s = singularValues();
    const double sMax = s.size() > 0 ? s[0] : 0.0;
    const bool cutoff = settings_.regularization == Regularization::Cutoff;
    switch (settings_.kind) {
    case EstimatorKind::LeastSquares: {
        constexpr double kRelativeCutoff = 1e-12;
        return AlphaChoice{kRelativeCutoff, kRelativeCutoff * sMax, true};
    }
    case EstimatorKind::RidgeFixedAlpha: return AlphaChoice{settings_.fixedAlpha, settings_.fixedAlpha * sMax, cutoff};
    case EstimatorKind::Ridge2FoldCV: break;
    }
    return std::nullopt;
}

RegressionPlan::AlphaChoice RegressionPlan::chooseAlpha(const FoldTargets& targets) const {
    const bool cutoff = settings_.regularization == Regularization::Cutoff;
    std::vector<double> absAlphas;
    for (double a : relativeAlphas_) absAlphas.push_back(a * foldSMax_);
    std::vector<double> scores(absAlphas.size(), 0.0);
    for (int a = 0; a < 2; ++a) {
        const FoldModel& f = folds_[a];
        const auto losses = cutoff ? foldLossesCutoff(f, targets, a, absAlphas)
                                   : foldLossesTikhonov(f, targets, a, absAlphas);
        for (std::size_t i = 0; i < scores.size(); ++i) scores[i] += losses[i];
    }
    // Score = -(loss_1 + loss_2)/2; argmax keeps the first (smallest alpha) among ties.
    std::size_t best = 0;
    for (std::size_t i = 1; i < scores.size(); ++i)
        if (-scores[i] / 2 > -scores[best] / 2) best = i;
    return {relativeAlphas_[best], absAlphas[best], cutoff};
}

} // namespace le
