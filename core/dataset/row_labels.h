#pragma once
// Text labels of the rows of a feature-set level, for stratifying a split and for grouping
// per-point errors: a per-atom property, a frame info key or per-structure property (repeated
// for each atom of the frame at atom level), or `species` (element symbols of the atoms).
#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace le {

// One label per row of `level` (atomCount() or frameCount() rows). A property or info key
// named "species" wins over the element symbols. Throws InputError naming the dataset when
// the key is unknown, or when `species` is asked of per-structure rows (a structure has no
// single species).
std::vector<std::string> rowLabels(const Dataset& dataset, const std::string& key, Level level);

} // namespace le
