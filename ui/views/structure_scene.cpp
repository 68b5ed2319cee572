#include "ui/views/structure_scene.h"

#include <Eigen/LU>

#include <algorithm>

#include "core/structure/element_style.h"
#include "core/structure/supercell.h"

namespace le::ui {
namespace {

void addCellEdges(const Eigen::Matrix3d& cell, StructureScene& scene) {
    const Eigen::Vector3d a = cell.row(0), b = cell.row(1), c = cell.row(2);
    const Eigen::Vector3d o = Eigen::Vector3d::Zero();
    // 12 edges: 3 from the origin, and each of the 3 axes from the other two corners.
    const Eigen::Vector3d axes[3] = {a, b, c};
    for (int axis = 0; axis < 3; ++axis) {
        const Eigen::Vector3d& u = axes[(axis + 1) % 3];
        const Eigen::Vector3d& v = axes[(axis + 2) % 3];
        for (const Eigen::Vector3d& corner : {o, u, v, Eigen::Vector3d(u + v)})
            scene.cellEdges.push_back({corner, corner + axes[axis]});
    }
}

} // namespace

StructureScene buildStructureScene(const Frame& frame, const SceneOptions& options) {
    StructureScene scene;
    scene.bondRadius = options.bondRadius;
    const Supercell super = makeSupercell(frame, options.supercell);
    const Frame& shown = super.frame;
    const int n = shown.atomCount();

    scene.atoms.reserve(std::size_t(n));
    for (int k = 0; k < n; ++k) {
        const int z = shown.species[std::size_t(k)];
        const double radius = options.atomScale * elementStyle(z).covalentRadius + 0.1;
        scene.atoms.push_back({shown.positions.row(k).transpose(), radius, z,
                               super.sourceAtom[std::size_t(k)]});
    }

    if (options.bonds) {
        for (const Bond& bond : detectBonds(shown, options.bondSettings)) {
            const Eigen::Vector3d pi = scene.atoms[std::size_t(bond.i)].position;
            const Eigen::Vector3d pj = scene.atoms[std::size_t(bond.j)].position;
            const Eigen::Vector3d shift = bond.image.cast<double>().transpose() * shown.cell;
            if (!bond.crossesCell()) {
                scene.sticks.push_back({pi, pj, bond.i, bond.j});
                continue;
            }
            const Eigen::Vector3d towardsJ = pj + shift - pi; // bond vector from i
            scene.sticks.push_back({pi, pi + 0.5 * towardsJ, bond.i, -1});
            scene.sticks.push_back({pj, pj - 0.5 * towardsJ, bond.j, -1});
        }
    }

    if (options.cell && shown.hasCell && std::abs(shown.cell.determinant()) > 1e-9)
        addCellEdges(shown.cell, scene);

    // Centre on the middle of the bounding box of atoms and cell corners.
    Eigen::Vector3d lower = Eigen::Vector3d::Constant(1e300), upper = -lower;
    const auto extend = [&](const Eigen::Vector3d& p) {
        lower = lower.cwiseMin(p);
        upper = upper.cwiseMax(p);
    };
    for (const SceneAtom& atom : scene.atoms) extend(atom.position);
    for (const auto& edge : scene.cellEdges) extend(edge[0]), extend(edge[1]);
    if (scene.atoms.empty() && scene.cellEdges.empty()) return scene;
    scene.centre = 0.5 * (lower + upper);
    double radius = 0;
    for (const SceneAtom& atom : scene.atoms)
        radius = std::max(radius, (atom.position - scene.centre).norm() + atom.radius);
    for (const auto& edge : scene.cellEdges)
        radius = std::max({radius, (edge[0] - scene.centre).norm(),
                           (edge[1] - scene.centre).norm()});
    scene.boundingRadius = std::max(radius, 1.0);
    return scene;
}

} // namespace le::ui
