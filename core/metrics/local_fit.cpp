#include "core/metrics/local_fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/metrics/lapack.h"
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

// X_cᵀ = Q R (LAPACK dgeqrf on the d × k transpose, k ≤ d: its Householder reflectors run
// down long columns, which OpenBLAS applies much faster than dgelqf's short rows), in place.
// Returns L = Rᵀ (k × k, lower triangular, X_c = L Q₁ᵀ) and replaces `query` (length d) by
// its first k coordinates Q₁ᵀ qᵀ, so that (x − x̄) V = q_k V_L.
Eigen::MatrixXd lqReduce(Eigen::MatrixXd& columns, Eigen::VectorXd& query) {
    const int d = int(columns.rows()), k = int(columns.cols()), one = 1;
    Eigen::VectorXd tau(k);
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dgeqrf_(&d, &k, columns.data(), &d, tau.data(), &optimal, &lwork, &info);
    lwork = std::max({1, int(optimal), 64});
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgeqrf_(&d, &k, columns.data(), &d, tau.data(), work.data(), &lwork, &info);
    if (info != 0) throw ComputeError("LAPACK dgeqrf failed (info " + std::to_string(info) + ")");
    const char side = 'L', trans = 'T';
    dormqr_(&side, &trans, &d, &one, &k, columns.data(), &d, tau.data(), query.data(), &d, work.data(), &lwork, &info,
            1, 1);
    if (info != 0) throw ComputeError("LAPACK dormqr failed (info " + std::to_string(info) + ")");
    query.conservativeResize(k);
    return columns.topRows(k).triangularView<Eigen::Upper>().toDenseMatrix().transpose();
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
        const Eigen::MatrixXd L = lqReduce(columns, centredQuery);
        reducedQuery_ = centredQuery.transpose();
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
