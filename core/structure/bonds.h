#pragma once
// Bonds from covalent radii: atoms i and j are bonded when
//   minDistance < |r_j + image·cell − r_i| < R_i + R_j + tolerance
// (the Jmol rule, Cordero radii). Periodic frames also bond across the cell boundary: the
// bond then records which periodic image of j it reaches, so a viewer can draw it as two
// half-bonds, each starting at its own atom inside the cell.
#include <Eigen/Core>

#include <vector>

#include "core/dataset/frame.h"
#include "core/util/task_context.h"

namespace le {

struct BondSettings {
    double tolerance = 0.45;   // Å added to the sum of covalent radii
    double minDistance = 0.4;  // Å; closer pairs are overlapping atoms, not bonds
    bool periodic = true;      // follow the cell along periodic directions
};

struct Bond {
    int i = 0, j = 0;
    // Atom j is reached at positions[j] + image · cell (cell rows a, b, c); zero when the
    // bond lies inside the structure as written.
    Eigen::Vector3i image = Eigen::Vector3i::Zero();
    double length = 0; // Å

    bool crossesCell() const { return !image.isZero(); }
};

// Every bond once, sorted by (i, j, image). i < j, or i == j for an atom bonded to its own
// image in a small cell (then the image is the lexicographically positive one).
// Cost is linear in the number of atoms (cell lists).
std::vector<Bond> detectBonds(const Frame& frame, const BondSettings& settings = {},
                              const TaskContext& ctx = silentContext());

} // namespace le
