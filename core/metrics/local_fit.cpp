#include "core/metrics/local_fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/linalg/lq_reduction.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"

namespace le {

namespace {

// The centred neighbour rows, transposed (d × k: one column per neighbour, in the given
// order), and the centred query x − x̄; the train matrix is row-major, so every copy is a
// contiguous row.
Eigen::MatrixXd centredColumns(const MatrixD& sourceTrain, const Eigen::RowVectorXd& query,
                               const std::vector<long long>& rows, Eigen::VectorXd& centredQuery) {
    Eigen::MatrixXd columns(sourceTrain.cols(), Eigen::Index(rows.size()));
    for (std::size_t j = 0; j < rows.size(); ++j) columns.col(Eigen::Index(j)) = sourceTrain.row(rows[j]).transpose();
    const Eigen::VectorXd mean = columns.rowwise().mean();
    columns.colwise() -= mean;
    centredQuery = query.transpose() - mean;
    return columns;
}

} // namespace

LocalSource::LocalSource(const MatrixD& sourceTrain, const Eigen::RowVectorXd& query,
                         const long long* neighbours, Eigen::Index k, const EstimatorSettings& estimator)
    : neighbours_(neighbours, neighbours + k) {
    const Eigen::Index d = sourceTrain.cols();
    const bool cv = estimator.kind == EstimatorKind::Ridge2FoldCV && k >= 2;
    if (d > k && cv) {
        // Rows arranged fold by fold before the reduction: the first fold's block of L is
        // then [L₁₁ 0] and its SVD is that of L₁₁ (FoldRows::Arranged).
        const TwoFolds folds = twoFoldPositions(k);
        std::vector<long long> arranged;
        for (const auto* fold : {&folds.fold1, &folds.fold2})
            for (long long position : *fold) arranged.push_back(neighbours_[std::size_t(position)]);
        neighbours_ = std::move(arranged);
    }
    Eigen::VectorXd centredQuery;
    Eigen::MatrixXd columns = centredColumns(sourceTrain, query, neighbours_, centredQuery);
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

double LocalSource::pointwiseError(const MatrixD& targetTrain,
                                   const Eigen::RowVectorXd& targetQuery, double* chosenAlpha) const {
    return pointwiseErrorOfRows(targetTrain(neighbours_, Eigen::all), targetQuery, chosenAlpha);
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
