#include "ui/tasks/order_table_job.h"

#include <QCryptographicHash>

#include "core/util/error.h"

namespace le::ui {

namespace {

std::string describeSplit(const SplitSettings& split) {
    if (split.kind != SplitKind::Stratified) return "default";
    return "stratified " + std::to_string(split.testSize) + " by " + split.stratifyBy + " seed " +
           std::to_string(split.seed);
}

} // namespace

QString orderTableCacheKey(const Dataset& dataset, const OrderTableRequest& request) {
    const StructureTableOptions& o = request.options;
    std::string text = "orders;" + std::to_string(reinterpret_cast<quintptr>(&dataset)) +
                       ";kind " + std::to_string(int(request.kind)) + ";features";
    for (const FeatureChoice& c : request.features)
        text += ' ' + std::to_string(c.index) + '=' + c.name;
    text += ";order " + std::to_string(o.cumulants.order) +
            (o.cumulants.paperKappa8 ? " paper-k8" : "") + ";measures";
    for (Measure m : o.metrics.measures) text += std::string(" ") + measureName(m);
    text += ";split " + describeSplit(o.metrics.split) + ";subset " + o.subset.description();
    return QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha1)
        .toHex();
}

std::shared_ptr<const StructureTable> runOrderTable(const Dataset& dataset,
                                                    const OrderTableRequest& request,
                                                    const TaskContext& ctx) {
    std::vector<const FeatureSet*> sets;
    for (const FeatureChoice& c : request.features) {
        if (c.index < 0 || c.index >= int(dataset.featureSets().size()))
            throw ComputeError("feature set #" + std::to_string(c.index) + " no longer exists");
        sets.push_back(&dataset.featureSets()[std::size_t(c.index)]);
    }
    if (request.options.metrics.measures.empty())
        throw ComputeError("choose at least one measure (GFRE or LFRE)");
    if (request.kind == OrderTableRequest::Kind::Orders) {
        if (sets.size() != 1) throw ComputeError("the order table needs exactly one feature set");
        return std::make_shared<StructureTable>(
            computeOrderTable(dataset, *sets[0], request.options, ctx));
    }
    if (sets.size() < 2) throw ComputeError("the cross-model table needs at least two feature sets");
    StructureTable table = computeCrossModelTable(dataset, sets, request.options, ctx);
    // Show the names the user gave in the dataset panel.
    for (std::size_t m = 0; m < request.features.size() && m < table.pairs.names.size(); ++m)
        table.pairs.names[m] = request.features[m].name;
    return std::make_shared<StructureTable>(std::move(table));
}

} // namespace le::ui
