#include "ui/views/structure_lfre.h"

#include "core/util/error.h"

namespace le::ui {

namespace {
const FeatureSet& pairMember(const Dataset& dataset, const AllPairsResult& metrics, int index) {
    if (index < 0 || std::size_t(index) >= metrics.names.size()) throw ComputeError("no model pair selected");
    const FeatureSet* set = dataset.findFeatureSet(metrics.names[std::size_t(index)]);
    if (!set) throw ComputeError("the feature sets of the selected pair are not loaded");
    return *set;
}
} // namespace

std::shared_ptr<const LfreQueryContext> LfreContextCache::contextFor(
    const std::shared_ptr<const Dataset>& dataset, const std::shared_ptr<const AllPairsResult>& metrics,
    int source, const TaskContext& ctx) {
    // Held while building: a second request for the same source waits instead of building twice.
    std::lock_guard<std::mutex> lock(mutex_);
    if (context_ && dataset_ == dataset && metrics_ == metrics && source_ == source) return context_;
    resetLocked(); // free the old one before building the next (and keep nothing if that fails)
    auto context = std::make_shared<const LfreQueryContext>(pairMember(*dataset, *metrics, source),
                                                            metrics->trainIndices, metrics->settings, ctx);
    dataset_ = dataset;
    metrics_ = metrics;
    source_ = source;
    context_ = std::move(context);
    ++built_;
    return context_;
}

Scaling LfreContextCache::targetScaling(const std::shared_ptr<const LfreQueryContext>& context, int target,
                                       const FeatureSet& targetSet) {
    std::lock_guard<std::mutex> lock(mutex_);
    const bool cached = context == context_;
    if (cached)
        if (auto found = targetScalings_.find(target); found != targetScalings_.end()) return found->second;
    const Scaling scaling = context->targetScaling(targetSet);
    ++scalersBuilt_;
    if (cached) targetScalings_[target] = scaling;
    return scaling;
}

void LfreContextCache::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    resetLocked();
}

void LfreContextCache::resetLocked() {
    context_.reset();
    targetScalings_.clear();
    dataset_.reset();
    metrics_.reset();
    source_ = -1;
}

bool LfreContextCache::empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !context_;
}

int LfreContextCache::scalersBuilt() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return scalersBuilt_;
}

int LfreContextCache::contextsBuilt() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return built_;
}

FrameLfreFunction cachedFrameLfre(std::shared_ptr<LfreContextCache> cache) {
    return [cache](std::shared_ptr<const Dataset> dataset, std::shared_ptr<const AllPairsResult> metrics,
                   int source, int target, int frame, const TaskContext& ctx) {
        const FeatureSet& to = pairMember(*dataset, *metrics, target);
        const auto context = cache->contextFor(dataset, metrics, source, ctx.subRange(0.0, 0.3));
        std::vector<long long> rows;
        for (Eigen::Index a = dataset->offsets()[std::size_t(frame)]; a < dataset->offsets()[std::size_t(frame) + 1]; ++a)
            rows.push_back(a);
        const Scaling scaling = cache->targetScaling(context, target, to);
        const Eigen::VectorXd lfre = context->pointwise(to, scaling, rows, ctx.subRange(0.3, 1.0));
        return std::vector<double>(lfre.data(), lfre.data() + lfre.size());
    };
}

} // namespace le::ui
