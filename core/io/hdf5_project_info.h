#pragma once
// Per-frame info key/values ↔ JSON text with explicit types, for the HDF5 project:
// {"energy": ["r", -1.5], "subset": ["s", "bulk"], "steps": ["I", [1, 2]]}
// Type codes: b bool, i integer, r real, s text; upper case for arrays.
#include <map>
#include <string>

#include "core/dataset/info_value.h"

namespace le {

std::string infoToJson(const std::map<std::string, InfoValue>& info);
// Throws std::runtime_error on malformed text.
std::map<std::string, InfoValue> infoFromJson(const std::string& json);

} // namespace le
