#pragma once
// The repeat values and the per-group breakdown of one pair (core/metrics/repeated_pairs.h)
// for the pair details dialog, and the per-group bar chart drawn from them.
#include <QString>

#include <vector>

#include "core/metrics/repeated_pairs.h"

class QCustomPlot;

namespace le::ui {

struct RepeatValue {
    unsigned int seed = 0;
    double value = 0;
};
// The pair's value in each repeat (empty when the summary has no such measure or pair).
std::vector<RepeatValue> pairRepeatValues(const RepeatSummary& summary, Measure measure, int source, int target);

struct GroupBar {
    QString name;
    double testRows = 0; // test points of the group, mean over the repeats
    double value = 0;    // mean over the repeats (the value itself for one run); NaN: no test point
    double spread = 0;   // sample s.d. over the repeats; NaN for one repeat
};
// One bar per group, in the summary's group order (empty without a breakdown of `measure`).
std::vector<GroupBar> pairGroupBars(const RepeatSummary& summary, Measure measure, int source, int target);

// Bars (with error bars for the s.d. when there are repeats), the group names and test-point
// counts (n ≈ the mean when it is not whole) as tick labels, and a dashed line at `overall` (the pair's value over all test points).
void drawGroupBars(QCustomPlot& plot, const std::vector<GroupBar>& bars, const QString& groupKey,
                   const QString& measureTitle, double overall);

} // namespace le::ui
