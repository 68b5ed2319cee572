#pragma once
// Second half of the extxyz reader: turns the frames and the per-atom columns collected
// while parsing into a Dataset (features, properties, per-structure info properties).
#include <memory>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/extxyz_comment.h"

namespace le {

// Values of one per-atom column over all frames, row-major (atoms × width).
struct ColumnStore {
    ColumnSpec spec;
    std::vector<double> numbers;     // R, I, L columns
    std::vector<std::string> labels; // S columns (width > 1 joined with spaces)
    long long framesSeen = 0;
    bool consistent = true;          // same type and width in every frame so far
};

Dataset assembleExtxyz(std::vector<Frame> frames, const std::vector<std::unique_ptr<ColumnStore>>& columns,
                       const std::string& fileName, std::vector<std::string>* warnings);

} // namespace le
