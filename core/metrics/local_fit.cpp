#include "core/metrics/local_fit.h"

#include <Eigen/QR>

namespace le {

LocalSource::LocalSource(const Eigen::MatrixXd& sourceTrain, const Eigen::RowVectorXd& query,
                         const long long* neighbours, Eigen::Index k, const EstimatorSettings& estimator)
    : neighbours_(neighbours, neighbours + k) {
    Eigen::MatrixXd centred = sourceTrain(neighbours_, Eigen::all);
    const Eigen::RowVectorXd mean = centred.colwise().mean();
    centred.rowwise() -= mean;
    const Eigen::Index d = centred.cols();
    if (d > k) {
        Eigen::HouseholderQR<Eigen::MatrixXd> qr(centred.transpose()); // X_cᵀ = Q R
        const Eigen::MatrixXd L =
            qr.matrixQR().topRows(k).triangularView<Eigen::Upper>().toDenseMatrix().transpose();
        Eigen::VectorXd q = (query - mean).transpose();
        q.applyOnTheLeft(qr.householderQ().transpose());
        reducedQuery_ = q.head(k).transpose();
        plan_.emplace(L, estimator, d, FinalFitForm::RowsOnly);
    } else {
        reducedQuery_ = query - mean;
        plan_.emplace(centred, estimator, d, FinalFitForm::RowsOnly);
    }
}

double LocalSource::pointwiseError(const Eigen::MatrixXd& targetTrain,
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
