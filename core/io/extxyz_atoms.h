#pragma once
// Second pass of the extxyz reader: parses the atom lines of one frame whose header the
// first pass has read. Frames are independent, so this runs on several threads.
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/frame.h"
#include "core/io/extxyz_assemble.h"

namespace le {

enum class ColumnRole { SpeciesSymbol, SpeciesNumber, Positions, Stored };

struct ColumnPlan {
    ColumnRole role;
    ColumnStore* store = nullptr; // null: a column that is checked but not kept
    int width = 1;
};

// Where one frame's atom lines are and how to read them.
struct FrameLayout {
    std::string_view atomText;   // from the first atom line to the end of the last one
    const char* textBegin = nullptr; // the whole text: word-at-a-time reads stay inside it
    const char* textEnd = nullptr;
    long long lineBefore = 0;    // line number of the comment line
    long long atomCount = 0;
    long long firstAtom = 0;     // global index of the frame's first atom
    std::vector<ColumnPlan> plan;
    int tokensPerLine = 0;
    bool plainXyz = false;       // no Properties: species x y z, extra columns ignored
};

// Fills frame.species / frame.positions (already sized) and the kept stores' rows.
// Throws InputError(file, "line L, frame F", ...) with F = frameIndex + 1.
void parseFrameAtoms(const FrameLayout& layout, Frame& frame, const std::string& file, long long frameIndex);

} // namespace le
