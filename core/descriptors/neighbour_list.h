#pragma once
// Neighbour lists within a cutoff, for molecules (no cell) and periodic cells of any shape.
// Cell lists make the search O(N); periodic images are generated explicitly, as many as the
// cutoff needs along each lattice direction, so cells smaller than the cutoff (and atoms that
// see their own images) are handled exactly.
#include <Eigen/Core>

#include <vector>

#include "core/dataset/frame.h"
#include "core/util/error.h"

namespace le {

struct Neighbour {
    int index;              // atom index j in the frame
    Eigen::Vector3d vector; // r_j(image) - r_i, Å
    double distance;        // |vector|
};

// neighbours[i] lists every periodic image of every atom j with 0 < |r_ij| < cutoff
// (an atom's own images count, its zero-shift self does not), in no particular order.
using NeighbourList = std::vector<std::vector<Neighbour>>;

// Cell-list search, O(N) for a fixed density. Periodicity follows frame.pbc per direction
// (directions without pbc are open). Throws ComputeError for a non-positive cutoff or a
// singular cell on a periodic frame.
NeighbourList buildNeighbourList(const Frame& frame, double cutoff);

// The same result by checking every pair and every image: O(N² · images). The reference
// for tests and the baseline for benchmarks.
NeighbourList bruteForceNeighbourList(const Frame& frame, double cutoff);

// How many cell vectors along each lattice direction an image may be shifted by to come
// within `cutoff` of an atom in the cell: ceil(cutoff / plane spacing). Zero for open directions.
Eigen::Vector3i imageRange(const Frame& frame, double cutoff);

} // namespace le
