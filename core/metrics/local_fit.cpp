#include "core/metrics/local_fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/metrics/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

// X_cᵀ = Q R (LAPACK dgeqrf on the d × k transpose, k ≤ d: its Householder reflectors run
// down long columns, which OpenBLAS applies much faster than dgelqf's short rows). Returns
// L = Rᵀ (k × k, lower triangular, X_c = L Q₁ᵀ) and replaces `query` (length d) by its
// first k coordinates Q₁ᵀ qᵀ, so that (x − x̄) V = q_k V_L.
Eigen::MatrixXd lqReduce(const Eigen::MatrixXd& centred, Eigen::VectorXd& query) {
    Eigen::MatrixXd a = centred.transpose();
    const int d = int(a.rows()), k = int(a.cols()), one = 1;
    Eigen::VectorXd tau(k);
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dgeqrf_(&d, &k, a.data(), &d, tau.data(), &optimal, &lwork, &info);
    lwork = std::max({1, int(optimal), 64});
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgeqrf_(&d, &k, a.data(), &d, tau.data(), work.data(), &lwork, &info);
    if (info != 0) throw ComputeError("LAPACK dgeqrf failed (info " + std::to_string(info) + ")");
    const char side = 'L', trans = 'T';
    dormqr_(&side, &trans, &d, &one, &k, a.data(), &d, tau.data(), query.data(), &d, work.data(), &lwork, &info, 1, 1);
    if (info != 0) throw ComputeError("LAPACK dormqr failed (info " + std::to_string(info) + ")");
    query.conservativeResize(k);
    return a.topRows(k).triangularView<Eigen::Upper>().toDenseMatrix().transpose();
}

} // namespace

LocalSource::LocalSource(const MatrixD& sourceTrain, const Eigen::RowVectorXd& query,
                         const long long* neighbours, Eigen::Index k, const EstimatorSettings& estimator)
    : neighbours_(neighbours, neighbours + k) {
    Eigen::MatrixXd centred = sourceTrain(neighbours_, Eigen::all);
    const Eigen::RowVectorXd mean = centred.colwise().mean();
    centred.rowwise() -= mean;
    const Eigen::Index d = centred.cols();
    if (d > k) {
        Eigen::VectorXd q = (query - mean).transpose();
        const Eigen::MatrixXd L = lqReduce(centred, q);
        reducedQuery_ = q.transpose();
        plan_.emplace(L, estimator, d, FinalFitForm::RowsOnly);
    } else {
        reducedQuery_ = query - mean;
        plan_.emplace(centred, estimator, d, FinalFitForm::RowsOnly);
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
    const RowPrediction fit = plan_->predictRow(centred, reducedQuery_);
    if (chosenAlpha) *chosenAlpha = fit.relativeAlpha;
    return (targetQuery - (mean + fit.y)).norm();
}

} // namespace le
