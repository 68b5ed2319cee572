#pragma once
// The `--measures gfre,gfrd,lfre,...` option shared by `compare` and `orders`.
#include <QString>

#include <vector>

#include "core/metrics/metric_settings.h"

namespace le::cli {

// Case-insensitive, comma-separated names (measureName) among `accepted`; throws InputError
// naming the option on an unknown or empty list.
std::vector<Measure> parseMeasures(const QString& text, const std::vector<Measure>& accepted);
// The paper's linear measures only (gfre, gfrd, lfre).
std::vector<Measure> parseMeasures(const QString& text);
// Every measure `compare` computes.
const std::vector<Measure>& allMeasures();

} // namespace le::cli
