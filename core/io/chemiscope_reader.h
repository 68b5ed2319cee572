#pragma once
// chemiscope input files (.json or .json.gz): structures, atom and structure properties,
// environments.
//
//   structures[i]: names (element symbols), x, y, z, optional cell (9 numbers, rows a, b, c;
//                  chemiscope has no pbc flag, so a cell means periodic in 3D)
//   properties[name]: target "atom" or "structure"; values numbers, strings or lists of
//                  numbers (→ width). Atom properties have one value per environment.
//   environments: {structure, center, cutoff}; without them every atom is an environment.
// Atom properties that cover only some atoms (environments) are stored per atom with NaN
// for the other atoms (text: empty), and the per-atom property "is_environment" (1/0) says
// which atoms carry values. Wide numeric properties (10+ components, e.g. a local DOS)
// become feature sets when every row has values: per structure, or per atom when all atoms
// are environments.
#include <QByteArray>

#include <string>

#include "core/dataset/dataset.h"
#include "core/util/task_context.h"

namespace le {

Dataset readChemiscope(const std::string& path, const TaskContext& ctx = silentContext());

// `json` is the decompressed text; `name` is used in messages.
Dataset parseChemiscope(const QByteArray& json, const std::string& name, const TaskContext& ctx = silentContext());

} // namespace le
