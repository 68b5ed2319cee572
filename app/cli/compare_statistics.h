#pragma once
// JSON and CSV pieces of `compare --repeats R --by KEY`: the s.d. and per-repeat values of
// every matrix, and the per-group breakdown (core/metrics/repeated_pairs.h).
#include <QByteArray>
#include <QJsonObject>

#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/metrics/repeated_pairs.h"

namespace le::cli {

// A CSV field, quoted when it holds a comma, a quote or a new line.
QByteArray csvField(const std::string& text);

// {source: {target: value}}; NaN → null.
QJsonObject pairMatrixJson(const std::vector<std::string>& names, const Eigen::MatrixXd& matrix);

// Adds measures_std and measures_repeats ({measure: {source: {target: [v_0, ..., v_R-1]}}}).
void addRepeatsJson(QJsonObject& out, const RepeatSummary& summary, const std::vector<std::string>& names);

// Adds by_group[key][measure][source][target][group] (the mean over the repeats; the value
// itself for one run) and by_group_n_test[key][group] (test rows per repeat); with
// `withRepeats` also by_group_std and by_group_repeats (lists per repeat).
void addBreakdownJson(QJsonObject& out, const RepeatSummary& summary, const std::vector<std::string>& names,
                      bool withRepeats);

// Long format: key,group,measure,source,target,value,n_test (+ std and repeat_1..R with
// `withRepeats`); value is the mean over the repeats, n_test the rows of the first repeat.
QByteArray breakdownCsv(const RepeatSummary& summary, const std::vector<std::string>& names, bool withRepeats);

} // namespace le::cli
