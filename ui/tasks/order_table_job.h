#pragma once
// What the "Cumulant orders" tab asks the task runner to do: the progressive-order table of
// one per-atom feature set, or the cross-model table of several at one order, on the
// current subset. Plain data in, an immutable result out; runs on the worker thread.
#include <QString>

#include <memory>
#include <vector>

#include "core/pooling/order_tables.h"
#include "ui/tasks/analysis_jobs.h"

namespace le::ui {

struct OrderTableRequest {
    enum class Kind { Orders, CrossModel } kind = Kind::Orders;
    // Orders: exactly one entry; CrossModel: two or more (display names are used).
    std::vector<FeatureChoice> features;
    StructureTableOptions options;
};

// Identifies a request on one dataset snapshot (same key = same result).
QString orderTableCacheKey(const Dataset& dataset, const OrderTableRequest& request);

// Throws ComputeError / InputError with a readable message (wrong level, too few models,
// empty subset, unknown label...), OperationCancelled when cancelled.
std::shared_ptr<const StructureTable> runOrderTable(const Dataset& dataset,
                                                    const OrderTableRequest& request,
                                                    const TaskContext& ctx);

} // namespace le::ui
