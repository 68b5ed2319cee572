#include "core/metrics/regression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/metrics/lq_reduction.h"
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

// sklearn's RMSE with multioutput="uniform_average": mean over columns of per-column RMSE.
double meanColumnRmse(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth) {
    if (truth.cols() == 0) return 0.0;
    const double rows = double(truth.rows());
    return ((prediction - truth).colwise().squaredNorm().array() / rows).sqrt().mean();
}

// FoldRows::Arranged: fold 1 = the first floor(m/2) rows (the KFold's larger fold, of
// ceil(m/2) rows, is fold 2), as twoFoldPositions sizes them.
TwoFolds arrangedFolds(long long m) {
    TwoFolds folds;
    for (long long i = 0; i < m; ++i) (i < m / 2 ? folds.fold1 : folds.fold2).push_back(i);
    return folds;
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
    relativeAlphas_ = settings.relativeAlphas.empty() ? defaultRelativeAlphas() : settings.relativeAlphas;
    if (form == FinalFitForm::RowsOnly) implicit_.emplace(X);
    else full_ = thinSvd(X);
    if (settings.kind != EstimatorKind::Ridge2FoldCV) return;

    const Eigen::Index m = X.rows();
    if (m < 2) throw ComputeError("2-fold cross-validation needs at least 2 rows, got " + std::to_string(m));
    const bool arranged = foldRows == FoldRows::Arranged;
    const TwoFolds positions = arranged ? arrangedFolds(m) : twoFoldPositions(m);
    const double floor = double(std::max<Eigen::Index>(m, floorCols)) * std::numeric_limits<double>::epsilon();
    for (int a = 0; a < 2; ++a) {
        FoldModel& f = folds_[a];
        f.fitRows = a == 0 ? positions.fold1 : positions.fold2;
        f.heldRows = a == 0 ? positions.fold2 : positions.fold1;
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
                Eigen::MatrixXd columns = fit.transpose(), carried = held.transpose();
                fit = lqOfRows(columns, carried);
                held = carried.transpose();
            }
        }
        const ThinSvd svd = thinSvd(fit);
        if (svd.s.size() > 0) foldSMax_ = std::max(foldSMax_, svd.s[0]);
        const long long r = countAbove(svd.s, floor);
        f.U = svd.U.leftCols(r);
        f.s = svd.s.head(r);
        f.heldTimesV = held * svd.V.leftCols(r);
    }
}

std::vector<double> RegressionPlan::foldLossesCutoff(const FoldModel& f, const Eigen::MatrixXd& Y,
                                                     const std::vector<double>& absAlphas) const {
    const Eigen::MatrixXd UtY = f.U.transpose() * Y(f.fitRows, Eigen::all);
    const Eigen::MatrixXd heldY = Y(f.heldRows, Eigen::all);
    // Every alpha keeps a leading block of q triplets; build the prediction by adding
    // triplet blocks in increasing q, so each distinct q costs one slice of a product.
    std::map<long long, double> lossForQ;
    for (double a : absAlphas) lossForQ[countAbove(f.s, a)] = 0.0;
    Eigen::MatrixXd prediction = Eigen::MatrixXd::Zero(heldY.rows(), heldY.cols());
    long long done = 0;
    for (auto& [q, loss] : lossForQ) {
        if (q > done) {
            const Eigen::Index w = q - done;
            prediction.noalias() += (f.heldTimesV.middleCols(done, w) *
                                     f.s.segment(done, w).cwiseInverse().asDiagonal()) *
                                    UtY.middleRows(done, w);
            done = q;
        }
        loss = meanColumnRmse(prediction, heldY);
    }
    std::vector<double> losses;
    for (double a : absAlphas) losses.push_back(lossForQ[countAbove(f.s, a)]);
    return losses;
}

std::vector<double> RegressionPlan::foldLossesTikhonov(const FoldModel& f, const Eigen::MatrixXd& Y,
                                                       const std::vector<double>& absAlphas) const {
    const Eigen::MatrixXd UtY = f.U.transpose() * Y(f.fitRows, Eigen::all);
    const Eigen::MatrixXd heldY = Y(f.heldRows, Eigen::all);
    std::vector<double> losses;
    for (double a : absAlphas) {
        const Eigen::VectorXd filter = f.s.array() / (f.s.array().square() + a);
        losses.push_back(meanColumnRmse(f.heldTimesV * filter.asDiagonal() * UtY, heldY));
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
    const AlphaChoice choice = chooseAlpha(Y);
    const Eigen::VectorXd filter = finalFilter(choice);
    const Eigen::Index q = filter.size();
    RegressionSolution sol;
    sol.relativeAlpha = choice.relative;
    sol.absoluteAlpha = choice.absolute;
    sol.keptSingularValues = q;
    sol.W = full_.V.leftCols(q) * (filter.asDiagonal() * (full_.U.leftCols(q).transpose() * Y));
    return sol;
}

Eigen::VectorXd RegressionPlan::rowWeights(const Eigen::RowVectorXd& x, const AlphaChoice& choice) const {
    const Eigen::VectorXd filter = finalFilter(choice);
    const Eigen::Index q = filter.size();
    if (implicit_)
        return choice.cutoff ? implicit_->truncatedWeights(x.transpose(), q)
                             : implicit_->filteredWeights(x.transpose(), filter);
    return full_.U.leftCols(q) * filter.cwiseProduct(full_.V.leftCols(q).transpose() * x.transpose());
}

RegressionPlan::AlphaChoice RegressionPlan::chooseAlpha(const Eigen::MatrixXd& Y) const {
    if (Y.rows() != rows_)
        throw ComputeError("regression: X has " + std::to_string(rows_) + " rows, Y has " + std::to_string(Y.rows()));
    const Eigen::VectorXd& s = singularValues();
    const double sMax = s.size() > 0 ? s[0] : 0.0;
    const bool cutoff = settings_.regularization == Regularization::Cutoff;
    switch (settings_.kind) {
    case EstimatorKind::LeastSquares: {
        constexpr double kRelativeCutoff = 1e-12;
        return {kRelativeCutoff, kRelativeCutoff * sMax, true};
    }
    case EstimatorKind::RidgeFixedAlpha: return {settings_.fixedAlpha, settings_.fixedAlpha * sMax, cutoff};
    case EstimatorKind::Ridge2FoldCV: break;
    }

    std::vector<double> absAlphas;
    for (double a : relativeAlphas_) absAlphas.push_back(a * foldSMax_);
    std::vector<double> scores(absAlphas.size(), 0.0);
    for (const FoldModel& f : folds_) {
        const auto losses = cutoff ? foldLossesCutoff(f, Y, absAlphas) : foldLossesTikhonov(f, Y, absAlphas);
        for (std::size_t i = 0; i < scores.size(); ++i) scores[i] += losses[i];
    }
    // Score = -(loss_1 + loss_2)/2; argmax keeps the first (smallest alpha) among ties.
    std::size_t best = 0;
    for (std::size_t i = 1; i < scores.size(); ++i)
        if (-scores[i] / 2 > -scores[best] / 2) best = i;
    return {relativeAlphas_[best], absAlphas[best], cutoff};
}

} // namespace le
