#pragma once
// What the structure view draws for one frame, in Å: atoms (with the supercell copies),
// bond sticks and the cell box. Built once per frame / supercell / bond setting; the camera
// and the colours change without rebuilding it.
#include <Eigen/Core>

#include <array>
#include <vector>

#include "core/dataset/frame.h"
#include "core/structure/bonds.h"
#include "core/util/colormap.h"

namespace le::ui {

struct SceneAtom {
    Eigen::Vector3d position;
    double radius = 0.3; // drawn sphere radius, Å
    int z = 0;
    int frameAtom = 0;   // atom of the frame this sphere shows (copies map to their original)
};

// A bond inside the shown cell is one stick from atom A to atom B (each half in its atom's
// colour). A bond across the cell boundary becomes two sticks that each stay next to their
// own atom and end at the bond midpoint (pointing at the image), so nothing spans the cell.
struct SceneStick {
    Eigen::Vector3d start, end; // start = centre of atomA; end = centre of atomB or midpoint
    int atomA = 0;
    int atomB = -1;             // -1: a periodic half that ends at `end`
};

struct StructureScene {
    std::vector<SceneAtom> atoms;
    std::vector<SceneStick> sticks;
    std::vector<std::array<Eigen::Vector3d, 2>> cellEdges;
    Eigen::Vector3d centre = Eigen::Vector3d::Zero();
    double boundingRadius = 1.0; // of atoms and cell, Å
    double bondRadius = 0.12;    // drawn stick radius, Å
};

struct SceneOptions {
    std::array<int, 3> supercell{1, 1, 1};
    bool bonds = true;
    bool cell = true;
    BondSettings bondSettings;
    double atomScale = 0.4;      // sphere radius = atomScale · covalent radius + 0.1 Å
    double bondRadius = 0.12;    // Å
};

StructureScene buildStructureScene(const Frame& frame, const SceneOptions& options);

} // namespace le::ui
