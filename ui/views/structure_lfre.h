#pragma once
// Pointwise LFRE on demand for the atoms of the frame the user is looking at. The source
// side (scaled training rows and their norms, LfreQueryContext) is built once per
// (dataset, computed metrics, source model) and kept with the scalers of the targets used,
// so stepping through frames costs one neighbour search and the local fits of the frame's atoms.
#include <map>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/lfre_on_demand.h"
#include "core/util/task_context.h"

namespace le::ui {

// Pointwise LFRE source → target of every atom of `frame` (neighbours among the training
// rows of the metrics); runs in the background and throws OperationCancelled.
using FrameLfreFunction = std::function<std::vector<double>(
    std::shared_ptr<const Dataset> dataset, std::shared_ptr<const AllPairsResult> metrics, int source,
    int target, int frame, const TaskContext& ctx)>;

// The source side of the last request. It holds the dataset and the metrics it was built
// from, so the feature set it refers to stays alive and a new dataset can never be mistaken
// for the old one. One entry only: it may hold n_train × d doubles.
class LfreContextCache {
public:
    std::shared_ptr<const LfreQueryContext> contextFor(const std::shared_ptr<const Dataset>& dataset,
                                                       const std::shared_ptr<const AllPairsResult>& metrics,
                                                       int source, const TaskContext& ctx);
    // The target's scaler for `context` (kept while `context` is the cached one).
    Scaling targetScaling(const std::shared_ptr<const LfreQueryContext>& context, int target,
                          const FeatureSet& targetSet);
    // Drops the kept context (and with it the dataset and metrics it holds).
    void clear();
    bool empty() const;
    int contextsBuilt() const;
    int scalersBuilt() const;

private:
    void resetLocked(); // with mutex_ held

    mutable std::mutex mutex_;
    std::shared_ptr<const Dataset> dataset_;
    std::shared_ptr<const AllPairsResult> metrics_;
    int source_ = -1;
    std::shared_ptr<const LfreQueryContext> context_;
    std::map<int, Scaling> targetScalings_; // of context_, by target index
    int built_ = 0, scalersBuilt_ = 0;
};

// The default FrameLfreFunction, reusing the source side through `cache`.
FrameLfreFunction cachedFrameLfre(std::shared_ptr<LfreContextCache> cache);

} // namespace le::ui
