#include "ui/dialogs/pair_statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <QObject>

#include "core/util/colormap.h"

namespace le::ui {

PairStatistics pairStatistics(const PairMeasure& pair, const std::vector<long long>& testIndices,
                              const std::vector<long long>& rows, Level level,
                              const Dataset* dataset, int bins, int worstCount) {
    PairStatistics stats;
    std::vector<std::size_t> order;
    std::vector<double> values;
    for (Eigen::Index i = 0; i < pair.pointwise.size(); ++i)
        if (std::isfinite(pair.pointwise[i])) {
            order.push_back(std::size_t(i));
            values.push_back(pair.pointwise[i]);
        }
    stats.count = (long long)values.size();
    if (values.empty()) return stats;
    stats.mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    stats.median = percentile(values, 50);
    stats.p95 = percentile(values, 95);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    stats.max = *hi;
    stats.binStart = std::min(0.0, *lo);
    const double span = stats.max - stats.binStart;
    bins = std::max(1, bins);
    stats.binWidth = span > 0 ? span / bins : 1.0;
    stats.histogram.assign(std::size_t(bins), 0);
    for (double v : values) {
        int b = int((v - stats.binStart) / stats.binWidth);
        stats.histogram[std::size_t(std::clamp(b, 0, bins - 1))]++;
    }

    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return pair.pointwise[Eigen::Index(a)] > pair.pointwise[Eigen::Index(b)];
    });
    order.resize(std::min(order.size(), std::size_t(std::max(0, worstCount))));
    for (std::size_t i : order) {
        WorstPoint w;
        w.value = pair.pointwise[Eigen::Index(i)];
        const long long resultRow = i < testIndices.size() ? testIndices[i] : (long long)i;
        w.row = rows.empty() ? resultRow
                : resultRow >= 0 && resultRow < (long long)rows.size() ? rows[std::size_t(resultRow)]
                                                                        : resultRow;
        if (level == Level::Structure) {
            w.frame = w.row;
        } else if (dataset && w.row < dataset->atomCount()) {
            w.frame = dataset->frameOfAtom(w.row);
            w.atomInFrame = w.row - dataset->offsets()[std::size_t(w.frame)];
            w.species = dataset->frames()[std::size_t(w.frame)].species[std::size_t(w.atomInFrame)];
        }
        stats.worst.push_back(w);
    }
    return stats;
}

bool hasPointwiseValues(Measure measure) {
    return measure == Measure::GFRE || measure == Measure::GFRD || measure == Measure::LFRE || measure == Measure::KGFRE;
}

QString regularisationText(const PairMeasure& pair, Measure measure) {
    if (measure == Measure::LFRE)
        return QObject::tr("k = %1 neighbours, each local fit regularised by the same estimator")
            .arg(pair.k);
    if (!hasPointwiseValues(measure))
        return QObject::tr("none (no estimator: computed from the two point clouds)");
    return QObject::tr("α = %1 (relative to the largest singular value), %2 singular values kept")
        .arg(QString::number(pair.chosenRelativeAlpha, 'g', 3))
        .arg(pair.keptSingularValues);
}

} // namespace le::ui
