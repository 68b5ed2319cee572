#pragma once
// Periodic images: a frame repeated na × nb × nc times along its cell vectors, for showing
// a supercell. Atom (copy c, atom k) of the result is atom k of the input translated by the
// c-th lattice vector; `sourceAtom` maps every result atom back to the input atom, so
// colours, selections and tooltips of the copies refer to the original atom.
#include <array>
#include <vector>

#include "core/dataset/frame.h"

namespace le {

struct Supercell {
    Frame frame;                 // cell = repeats[a] × cell rows; same pbc and info
    std::vector<int> sourceAtom; // result atom → input atom
};

// Repeats < 1 are treated as 1; a frame without a cell is returned unchanged.
Supercell makeSupercell(const Frame& frame, std::array<int, 3> repeats);

} // namespace le
