#include "core/metrics/local_fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/metrics/lapack.h"
#include "core/util/error.h"

namespace le {

namespace {

// X_c = L Q (LAPACK dgelqf, k ≤ d): returns L (k × k, lower triangular) and replaces `query`
// (length d) by its first k coordinates in Q's row basis, Q qᵀ, so that (x − x̄) V = q_k V_L.
Eigen::MatrixXd lqReduce(Eigen::MatrixXd centred, Eigen::VectorXd& query) {
    const int k = int(centred.rows()), d = int(centred.cols()), one = 1;
    Eigen::VectorXd tau(k);
    int info = 0, lwork = -1;
    double optimal = 0.0;
    dgelqf_(&k, &d, centred.data(), &k, tau.data(), &optimal, &lwork, &info);
    lwork = std::max({1, int(optimal), 64});
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dgelqf_(&k, &d, centred.data(), &k, tau.data(), work.data(), &lwork, &info);
    if (info != 0) throw ComputeError("LAPACK dgelqf failed (info " + std::to_string(info) + ")");
    const char side = 'L', trans = 'N';
    dormlq_(&side, &trans, &d, &one, &k, centred.data(), &k, tau.data(), query.data(), &d, work.data(), &lwork, &info,
            1, 1);
    if (info != 0) throw ComputeError("LAPACK dormlq failed (info " + std::to_string(info) + ")");
    query.conservativeResize(k);
    return centred.leftCols(k).triangularView<Eigen::Lower>();
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
        const Eigen::MatrixXd L = lqReduce(std::move(centred), q);
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
