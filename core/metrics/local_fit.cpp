#include "core/metrics/local_fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/linalg/lq_reduction.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"

namespace le {

namespace {

// The centred neighbour rows, transposed (d × k: column j is row order[j] of the gathered
// neighbour rows), and the centred query x − x̄.
Eigen::MatrixXd centredColumns(const Eigen::Ref<const Eigen::MatrixXd>& neighbourRows, const Eigen::RowVectorXd& query,
                               const std::vector<Eigen::Index>& order, Eigen::VectorXd& centredQuery) {
    Eigen::MatrixXd columns(neighbourRows.cols(), Eigen::Index(order.size()));
    for (std::size_t j = 0; j < order.size(); ++j) columns.col(Eigen::Index(j)) = neighbourRows.row(order[j]).transpose();
    const Eigen::VectorXd mean = columns.rowwise().mean();
    columns.colwise() -= mean;
    centredQuery = query.transpose() - mean;
    return columns;
}

} // namespace

LocalSource::LocalSource(const Eigen::Ref<const Eigen::MatrixXd>& neighbourRows, const Eigen::RowVectorXd& query,
                         const long long* neighbours, Eigen::Index k, const EstimatorSettings& estimator) {
    const Eigen::Index d = neighbourRows.cols();
    if (neighbourRows.rows() != k)
        throw ComputeError("LFRE: " + std::to_string(neighbourRows.rows()) + " neighbour rows given for k = " +
                           std::to_string(k));
    const bool cv = estimator.kind == EstimatorKind::Ridge2FoldCV && k >= 2;
    std::vector<Eigen::Index> order(static_cast<std::size_t>(k)); // which gathered row goes where
    for (Eigen::Index j = 0; j < k; ++j) order[std::size_t(j)] = j;
    if (d > k && cv) {
        // Rows arranged fold by fold before the reduction: the first fold's block of L is
        // then [L₁₁ 0] and its SVD is that of L₁₁ (FoldRows::Arranged).
        const TwoFolds folds = twoFoldPositions(k);
        order.clear();
        for (const auto* fold : {&folds.fold1, &folds.fold2})
            for (long long position : *fold) order.push_back(Eigen::Index(position));
    }
    for (Eigen::Index j : order) neighbours_.push_back(neighbours[j]);
    Eigen::VectorXd centredQuery;
    Eigen::MatrixXd columns = centredColumns(neighbourRows, query, order, centredQuery);
    if (d > k) {
        // X_c = L Q₁ᵀ (lq_reduction.h); (x − x̄) V = ((x − x̄) Q₁)(Q₁ᵀ V).
        Eigen::MatrixXd carriedQuery = centredQuery;
        const Eigen::MatrixXd L = lqOfRows(std::move(columns), carriedQuery);
        reducedQuery_ = carriedQuery.col(0).transpose();
        plan_.emplace(L, estimator, d, FinalFitForm::RowsOnly, cv ? FoldRows::Arranged : FoldRows::KFold);
    } else {
        reducedQuery_ = centredQuery.transpose();
        plan_.emplace(columns.transpose(), estimator, d, FinalFitForm::RowsOnly);
    }
}

double LocalSource::pointwiseErrorOfRows(Eigen::MatrixXd centred, const Eigen::RowVectorXd& targetQuery,
                                         double* chosenAlpha) const {
    const Eigen::RowVectorXd mean = centred.colwise().mean();
    centred.rowwise() -= mean;
    const RegressionPlan::AlphaChoice choice = plan_->chooseAlpha(centred);
    if (chosenAlpha) *chosenAlpha = choice.relative;
    auto cached = std::find_if(weightsByChoice_.begin(), weightsByChoice_.end(), [&](const auto& entry) {
        return entry.first.relative == choice.relative && entry.first.cutoff == choice.cutoff;
    });
    if (cached == weightsByChoice_.end())
        cached = weightsByChoice_.insert(weightsByChoice_.end(), {choice, plan_->rowWeights(reducedQuery_, choice)});
    return (targetQuery - (mean + cached->second.transpose() * centred)).norm();
}

} // namespace le
