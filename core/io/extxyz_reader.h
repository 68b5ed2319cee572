#pragma once
// Extended XYZ and plain XYZ (ASE conventions, see extxyz_comment.h).
//
// What becomes what:
//   species/Z and pos          → Frame::species, Frame::positions
//   Lattice / pbc              → Frame::cell, hasCell, pbc (pbc defaults to T T T with a Lattice)
//   wide real columns          → per-atom FeatureSets (e.g. MACE_descriptors:R:256), float64
//   other R/I/L columns        → per-atom numeric Properties (forces, charges, is_env...)
//   S columns                  → per-atom text Properties
//   info values                → Frame::info; keys present in every frame also become
//                                per-structure Properties (numbers, vectors or text), and
//                                wide numeric vectors per-structure FeatureSets.
// A column missing from some frames (or changing type/width) cannot be aligned with the
// atoms, so it is left out and a warning says so.
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/extxyz_comment.h"
#include "core/util/task_context.h"

namespace le {

// Throws InputError naming the file, the line and the frame (1-based) on malformed input,
// and naming the line of the first byte that is not UTF-8.
Dataset readExtxyz(const std::string& path, const TaskContext& ctx = silentContext(),
                   std::vector<std::string>* warnings = nullptr);

// Same on text already in memory; `fileName` is used in messages (and by the fuzzer).
Dataset parseExtxyz(std::string_view text, const std::string& fileName,
                    const TaskContext& ctx = silentContext(),
                    std::vector<std::string>* warnings = nullptr);

// A real column that holds a descriptor rather than a physical property: 10 or more
// components, or a name that says so (desc, feature, latent, embedding).
bool isFeatureColumn(const ColumnSpec& column);

} // namespace le
