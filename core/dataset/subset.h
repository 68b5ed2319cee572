#pragma once
// Restricting an analysis to some atoms and/or frames: atoms of given species, frames whose
// label (a frame info key such as `subset`) takes one of the given values. The restriction
// is a small value recorded with every result, with a description a user can read.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/dataset/dataset.h"
#include "core/pooling/cumulants.h"

namespace le {

struct Subset {
    std::vector<int> species;             // atomic numbers kept; empty = every species
    std::string labelKey;                 // frame label key (e.g. "subset"); empty = all frames
    std::vector<std::string> labelValues; // frames whose label is one of these

    bool restrictsSpecies() const { return !species.empty(); }
    bool restrictsFrames() const { return !labelKey.empty(); }
    bool isEverything() const { return !restrictsSpecies() && !restrictsFrames(); }
    // "all atoms", "species O, H", "frames with subset = bulk", or both joined by "; ".
    std::string description() const;
};

// Parses "species=O,H;subset=bulk,surface" (either part optional; element symbols or Z).
// "" or "all" means everything. Throws InputError (file "--subset") on bad syntax.
Subset parseSubset(const std::string& text);

// Frames kept by the label condition (all frames when there is none), ascending.
// Throws InputError when the label key is unknown to the dataset.
std::vector<Eigen::Index> selectedFrames(const Dataset& dataset, const Subset& subset);
// Global atom rows kept by both conditions, ascending.
std::vector<Eigen::Index> selectedAtoms(const Dataset& dataset, const Subset& subset);
// Rows of a feature set or property of the given level kept by the subset.
std::vector<Eigen::Index> selectedRows(const Dataset& dataset, const Subset& subset, Level level);

// The selected atoms grouped per kept frame, for cumulant pooling. Frames left without any
// atom (e.g. no O atom) are not groups; `frames` lists the frame of each group.
struct SubsetGroups {
    PoolingGroups groups;
    std::vector<Eigen::Index> frames;
};
SubsetGroups subsetGroups(const Dataset& dataset, const Subset& subset);

// The given rows of a matrix, in the given order.
MatrixD takeRows(const MatrixD& matrix, const std::vector<Eigen::Index>& rows);
// The given rows of a feature set (same name, level, precision and origin).
FeatureSet takeRows(const FeatureSet& features, const std::vector<Eigen::Index>& rows);

// A dataset holding only the selected frames and, in them, only the selected atoms, with
// every feature set and property restricted accordingly. Frames left without atoms are
// dropped.
Dataset subDataset(const Dataset& dataset, const Subset& subset);

} // namespace le
