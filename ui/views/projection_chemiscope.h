#pragma once
// What "Share with chemiscope" exports from the workspace: the dataset, the projection on
// the map and the pointwise error of the current pair (every measure computed, NaN for
// atoms or frames that were not test points).
#include <memory>
#include <string>

#include "core/io/chemiscope_writer.h"
#include "core/metrics/all_pairs.h"
#include "ui/views/projection_points.h"

namespace le::ui {

ChemiscopeExportOptions chemiscopeExportOf(const Dataset& dataset, const AllPairsResult* metrics,
                                           int source, int target,
                                           const ProjectionPoints* points,
                                           const std::string& projectionName);

} // namespace le::ui
