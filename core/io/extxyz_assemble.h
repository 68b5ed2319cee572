#pragma once
// Second half of the extxyz reader: turns the frames and the per-atom columns collected
// while parsing into a Dataset (features, properties, per-structure info properties).
#include <memory>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/extxyz_comment.h"

namespace le {

// Values of one per-atom column over all frames, row-major (atoms × width). The first
// pass over the file decides whether a column is kept (present in every frame with the
// same type and width) and sizes the storage; the second fills it, frames in parallel.
struct ColumnStore {
    ColumnSpec spec;
    MatrixD numbers;                 // R, I, L columns (sized without zero-filling)
    std::vector<std::string> labels; // S columns (width > 1 joined with spaces)
    long long framesSeen = 0;
    bool consistent = true;          // same type and width in every frame so far
    bool keep = false;               // set after the first pass
};

Dataset assembleExtxyz(std::vector<Frame> frames, std::vector<std::unique_ptr<ColumnStore>>& columns,
                       const std::string& fileName, std::vector<std::string>* warnings);

} // namespace le
