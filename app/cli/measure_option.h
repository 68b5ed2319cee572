#pragma once
// The `--measures gfre,gfrd,lfre` option shared by `compare` and `orders`.
#include <QString>

#include <vector>

#include "core/metrics/metric_settings.h"

namespace le::cli {

// Case-insensitive, comma-separated; throws InputError naming the option on an unknown or
// empty list.
std::vector<Measure> parseMeasures(const QString& text);

} // namespace le::cli
