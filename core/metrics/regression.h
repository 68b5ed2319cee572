#pragma once
// Linear regression X → Y without intercept, split into a source-only part (the SVDs of
// X and of its two CV folds, computed once) and a per-target solve. Estimators:
//  * Ridge2FoldCV, exactly as metrics.md §2.3: relative alphas scaled by the largest
//    singular value of the two folds, fold floor max(m, d)·eps, cutoff or Tikhonov, score =
//    mean over target columns of the RMSE averaged over both directions, first maximum
//    wins, final fit on all rows without the floor;
//  * least squares (pseudo-inverse with relative cutoff 1e-12);
//  * ridge with a fixed alpha relative to the largest singular value.
#include <functional>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "core/linalg/householder_qr.h"
#include "core/linalg/implicit_svd.h"
#include "core/metrics/metric_settings.h"
#include "core/metrics/splits.h"
#include "core/linalg/thin_svd.h"

namespace le {

// numpy.geomspace(1e-9, 0.9, 20): the default relative alpha grid.
std::vector<double> defaultRelativeAlphas();

struct RegressionSolution {
    Eigen::MatrixXd W;           // cols(X) × cols(Y)
    double relativeAlpha = 0.0;  // the chosen (or fixed) alpha before scaling
    double absoluteAlpha = 0.0;  // after scaling by the singular value
    long long keptSingularValues = 0;
};

// What the final fit must deliver: W itself (GFRE/GFRD), or only x·W for single rows (LFRE),
// which keeps the full SVD in factored form (ImplicitSvd) and skips forming U and V.
enum class FinalFitForm { Matrix, RowsOnly };

// Where the two folds of the inner cross-validation are among the rows of X.
enum class FoldRows {
    KFold,    // scikit-learn's shuffled KFold positions over rows 0…m−1 (metrics.md §2.3)
    Arranged, // the caller put the KFold folds first-fold-first: rows [0, m/2) are fold 1, the
              // rest fold 2, and X = [L₁₁ 0; L₂₁ L₂₂] is the LQ factor of rows so arranged, so
              // fold 1 only spans the first m/2 coordinates and its SVD is that of L₁₁
};

// The QR route's source side when the caller reduced the train rows itself, by blocks of rows
// and possibly on several processes (core/metrics/streamed_folds.h): each CV fold's d × d
// triangle (F_a = Q_a R_a, fold a = twoFoldPositions(rows[0] + rows[1]).fold1 / fold2) and its
// row count.
struct FoldTriangles {
    Eigen::MatrixXd R[2];
    long long rows[2] = {0, 0};
};
// A target reduced by the same folds' rotations: C[a] = the first d rows of Q_aᵀ Y_a (d × t), and
// per column the squared norm of the remaining rows, the part of fold a's targets outside its span.
struct FoldCoordinates {
    Eigen::MatrixXd C[2];
    Eigen::RowVectorXd outsideSq[2];
};

class RegressionPlan {
public:
    // `floorCols` is the column count used in the fold floor max(m, floorCols)·eps: the
    // original feature dimension when X is a reduced (LQ) form of the real matrix.
    RegressionPlan(const Eigen::MatrixXd& X, const EstimatorSettings& settings, Eigen::Index floorCols,
                   FinalFitForm form = FinalFitForm::Matrix, FoldRows foldRows = FoldRows::KFold);
    RegressionPlan(const Eigen::MatrixXd& X, const EstimatorSettings& settings)
        : RegressionPlan(X, settings, X.cols()) {}

    // Rows of a matrix by position (column-major, rows in the order given): lets a plan and its
    // solves read a large source or target without a copy of the whole matrix (issue #17).
    using RowGather = std::function<Eigen::MatrixXd(const std::vector<long long>& positions)>;
    // The same plan as RegressionPlan(X, settings) for the rows × cols matrix X that `gather`
    // reads: a QR-reduced plan gathers each CV fold once and never the whole X.
    RegressionPlan(const RowGather& gather, Eigen::Index rows, Eigen::Index cols, const EstimatorSettings& settings);
    // The QR route from fold triangles accumulated elsewhere (both folds need at least d rows,
    // ComputeError otherwise): the same plan as the gathering constructor, to rounding. Its
    // targets come as FoldCoordinates (solve(const FoldCoordinates&)); it keeps no reflectors.
    RegressionPlan(const FoldTriangles& folds, const EstimatorSettings& settings);

    // Not available for a RowsOnly plan (ComputeError).
    RegressionSolution solve(const Eigen::MatrixXd& Y) const;
    // The same for the target that `gather` reads (rows() rows): a QR-reduced plan gathers
    // only its folds' rows, once each, so no copy of the whole target is made.
    RegressionSolution solve(const RowGather& gather) const;
    // The same for a target given by its fold coordinates (any QR-route plan).
    RegressionSolution solve(const FoldCoordinates& target) const;
    // Xᵀ X B = V S² Vᵀ B from the SVD, without a pass over the rows of X (GFRD's Procrustes
    // cross product Xᵀ (X W)). Not available for a RowsOnly plan.
    Eigen::MatrixXd gramTimes(const Eigen::MatrixXd& B) const;

    // The regularisation the estimator settles on for targets Y (the CV runs here).
    struct AlphaChoice {
        double relative = 0.0, absolute = 0.0;
        bool cutoff = true;
    };
    AlphaChoice chooseAlpha(const Eigen::MatrixXd& Y) const;
    // The fitted model applied to one row x only, without forming W (LFRE needs nothing
    // else): x·W = wᵀ Y with the row weights w = U diag(filter) Vᵀ xᵀ. They depend on Y only
    // through the alpha choice, so targets that lead to the same choice can share them.
    // Not available for a QR-reduced Matrix plan (ComputeError).
    Eigen::VectorXd rowWeights(const Eigen::RowVectorXd& x, const AlphaChoice& choice) const;
    Eigen::Index rows() const { return rows_; }

private:
    // One direction of the 2-fold CV: a model fitted on fold `fit` predicts fold `held`.
    struct FoldModel {
        std::vector<long long> fitRows, heldRows; // empty for a plan built from fold triangles
        long long heldCount = 0;
        Eigen::MatrixXd U;          // left vectors and singular values of X[fitRows], only the
        Eigen::VectorXd s;          // triplets above the floor (V only enters through heldTimesV)
        Eigen::MatrixXd heldTimesV; // X[heldRows] · V (in the held fold's QR coordinates when reduced)
    };
    // A target as the fold models see it, each fold's rows kept once: fold a's rows in the
    // coordinates of fold model a's U, which are also those of the other model's heldTimesV
    // (a row block of Y itself when the fold is one, a copy otherwise), and per column the
    // squared norm of the part of fold a's rows those coordinates leave out (zero unless
    // reduced). Fold model a fits rows[a] and predicts rows[1 − a].
    struct FoldTargets {
        using Rows = Eigen::Map<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>;
        Eigen::MatrixXd copies[2];
        std::vector<Rows> rows;
        Eigen::RowVectorXd outsideSq[2];
    };
    std::vector<double> foldLossesCutoff(const FoldModel& f, const FoldTargets& y, int fold,
                                         const std::vector<double>& absAlphas) const;
    std::vector<double> foldLossesTikhonov(const FoldModel& f, const FoldTargets& y, int fold,
                                           const std::vector<double>& absAlphas) const;
    // The targets of both fold models (`out` holds what its maps point into, so it is filled
    // in place); for a reduced plan also Qᵀ Y (d × t), the targets in the coordinates of the
    // full SVD's U.
    void foldTargets(const Eigen::MatrixXd& Y, FoldTargets& out, Eigen::MatrixXd* reducedY) const;
    // The QR-reduced plan's part of foldTargets: C_a = Q_aᵀ Y_a from each fold's gathered rows.
    FoldCoordinates reducedCoordinates(const RowGather& gather) const;
    // A QR-route target's fold coordinates as the fold models read them, and Qᵀ Y (d × t).
    void targetsFromCoordinates(const FoldCoordinates& y, FoldTargets& out, Eigen::MatrixXd* reducedY) const;
    RegressionSolution finalSolution(const AlphaChoice& choice, const Eigen::MatrixXd& coordinatesY) const;
    // The plan from X itself (the first constructor's work).
    void build(const Eigen::MatrixXd& X, Eigen::Index floorCols, FinalFitForm form, FoldRows foldRows);
    AlphaChoice chooseAlpha(const FoldTargets& targets) const;
    void checkTargetRows(const Eigen::MatrixXd& Y) const;
    void buildReducedFolds(const RowGather& gather, const TwoFolds& positions, double floor);
    // The QR route from the folds' triangles: the stacked QR, its SVD and the fold models.
    void buildFromTriangles(const Eigen::MatrixXd& R1, const Eigen::MatrixXd& R2, const long long foldRows[2],
                            double floor);
    // The choice of the estimators without a CV (from the spectrum alone); none for Ridge2FoldCV.
    std::optional<AlphaChoice> choiceWithoutCv() const;
    // f.U, f.s (the triplets of `fit` above the floor) and f.heldTimesV = held · V; `fit` and
    // `held` are the fold's rows in whatever coordinates the plan keeps them.
    void fitFoldModel(FoldModel& f, const Eigen::MatrixXd& fit, const Eigen::MatrixXd& held, double floor);
    // Singular values of X, descending, from whichever form the final fit keeps.
    const Eigen::VectorXd& singularValues() const { return implicit_ ? implicit_->singularValues() : full_.s; }
    // The final fit's filter on the leading singular triplets: 1/s (cutoff) or s/(s² + α).
    Eigen::VectorXd finalFilter(const AlphaChoice& choice) const;

    EstimatorSettings settings_;
    std::vector<double> relativeAlphas_;
    Eigen::Index rows_ = 0;
    ThinSvd full_;                       // FinalFitForm::Matrix
    // FinalFitForm::Matrix with a CV whose folds both have at least as many rows as columns:
    // each fold is kept as its Householder QR, the full matrix as the QR of the two stacked
    // R factors, and every SVD is that of a d × d triangle (see buildReducedFolds). A plan
    // built from fold triangles has the stacked QR only (no foldQr_).
    std::vector<HouseholderQr> foldQr_;
    std::optional<HouseholderQr> stackedQr_; // set exactly for the QR route
    std::optional<ImplicitSvd> implicit_; // FinalFitForm::RowsOnly
    FoldModel folds_[2];
    double foldSMax_ = 0.0;
};

} // namespace le
