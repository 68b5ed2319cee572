#pragma once
// Linear regression X → Y without intercept, split into a source-only part (the SVDs of
// X and of its two CV folds, computed once) and a per-target solve. Estimators:
//  * Ridge2FoldCV, exactly as metrics.md §2.3: relative alphas scaled by the largest
//    singular value of the two folds, fold floor max(m, d)·eps, cutoff or Tikhonov, score =
//    mean over target columns of the RMSE averaged over both directions, first maximum
//    wins, final fit on all rows without the floor;
//  * least squares (pseudo-inverse with relative cutoff 1e-12);
//  * ridge with a fixed alpha relative to the largest singular value.
#include <vector>

#include <Eigen/Core>

#include "core/metrics/metric_settings.h"
#include "core/metrics/thin_svd.h"

namespace le {

// numpy.geomspace(1e-9, 0.9, 20): the default relative alpha grid.
std::vector<double> defaultRelativeAlphas();

struct RegressionSolution {
    Eigen::MatrixXd W;           // cols(X) × cols(Y)
    double relativeAlpha = 0.0;  // the chosen (or fixed) alpha before scaling
    double absoluteAlpha = 0.0;  // after scaling by the singular value
    long long keptSingularValues = 0;
};

class RegressionPlan {
public:
    // `floorCols` is the column count used in the fold floor max(m, floorCols)·eps: the
    // original feature dimension when X is a reduced (LQ) form of the real matrix.
    RegressionPlan(const Eigen::MatrixXd& X, const EstimatorSettings& settings, Eigen::Index floorCols);
    RegressionPlan(const Eigen::MatrixXd& X, const EstimatorSettings& settings)
        : RegressionPlan(X, settings, X.cols()) {}

    RegressionSolution solve(const Eigen::MatrixXd& Y) const;
    Eigen::Index rows() const { return full_.U.rows(); }

private:
    // One direction of the 2-fold CV: a model fitted on fold `fit` predicts fold `held`.
    struct FoldModel {
        std::vector<long long> fitRows, heldRows;
        ThinSvd svd;              // of X[fitRows], only the triplets above the floor
        Eigen::MatrixXd heldTimesV; // X[heldRows] · V
    };
    std::vector<double> foldLossesCutoff(const FoldModel& f, const Eigen::MatrixXd& Y,
                                         const std::vector<double>& absAlphas) const;
    std::vector<double> foldLossesTikhonov(const FoldModel& f, const Eigen::MatrixXd& Y,
                                           const std::vector<double>& absAlphas) const;
    RegressionSolution finalFit(const Eigen::MatrixXd& Y, double relativeAlpha, double absAlpha,
                                bool cutoff) const;

    EstimatorSettings settings_;
    std::vector<double> relativeAlphas_;
    ThinSvd full_;
    FoldModel folds_[2];
    double foldSMax_ = 0.0;
};

} // namespace le
