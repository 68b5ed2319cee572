#pragma once
// The source side of one LFRE point (metrics.md §5): its neighbours, their local mean
// and the regression plan on the locally centred neighbour rows. Built once per point and
// source, then reused for every target.
//
// When the feature dimension d exceeds k, the centred k × d neighbour block is first
// reduced by an LQ factorisation, X_c = L Qᵀ with L k × k: L has the same singular values
// and left vectors as X_c, its right vectors are Qᵀ V, and (x − x̄) V = ((x − x̄) Q)(Qᵀ V).
// Every number of the fit is therefore unchanged (up to rounding) while the SVDs work on
// k × k and k/2 × k matrices instead of k × d. The rows are reduced in the order of the two
// CV folds (first fold first), which makes the first fold's block [L₁₁ 0]: its SVD is that
// of the k/2 × k/2 triangle L₁₁.
#include <optional>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/metrics/metric_settings.h"
#include "core/metrics/regression.h"

namespace le {

class LocalSource {
public:
    // `neighbours` are k train positions, nearest first (their order sets the CV folds), and
    // `neighbourRows` the source's (scaled) rows at those positions, in that order (k × d): only
    // the neighbours are gathered, never the whole train block.
    LocalSource(const Eigen::Ref<const Eigen::MatrixXd>& neighbourRows, const Eigen::RowVectorXd& query,
                const long long* neighbours, Eigen::Index k, const EstimatorSettings& estimator);

    // ‖y − (ȳ + (x − x̄) W)‖ for the target; W fitted on the centred neighbour rows.
    // `targetNeighbourRows`: the target's rows at neighbours() (k × d_target, in that order).
    // `chosenAlpha` (optional) receives the relative alpha the estimator used.
    double pointwiseErrorOfRows(Eigen::MatrixXd targetNeighbourRows, const Eigen::RowVectorXd& targetQuery,
                                double* chosenAlpha = nullptr) const;
    // The k neighbours, in the order the fit uses (fold by fold when the LQ reduction runs).
    const std::vector<long long>& neighbours() const { return neighbours_; }

private:
    std::vector<long long> neighbours_;
    Eigen::RowVectorXd reducedQuery_; // (x − x̄) in the coordinates the plan works in
    std::optional<RegressionPlan> plan_;
    // Row weights of the final fit for each alpha chosen so far: targets whose CV picks the
    // same alpha share the final solve. A LocalSource belongs to one thread at a time.
    mutable std::vector<std::pair<RegressionPlan::AlphaChoice, Eigen::VectorXd>> weightsByChoice_;
};

} // namespace le
