#include "core/structure/supercell.h"

#include <algorithm>

namespace le {

Supercell makeSupercell(const Frame& frame, std::array<int, 3> repeats) {
    for (int& r : repeats) r = std::max(r, 1);
    if (!frame.hasCell) repeats = {1, 1, 1};
    const int n = frame.atomCount();
    const int copies = repeats[0] * repeats[1] * repeats[2];

    Supercell result;
    Frame& out = result.frame;
    out.info = frame.info;
    out.pbc = frame.pbc;
    out.hasCell = frame.hasCell;
    out.cell = frame.cell;
    for (int a = 0; a < 3; ++a) out.cell.row(a) *= repeats[std::size_t(a)];
    out.species.reserve(std::size_t(n) * std::size_t(copies));
    out.positions.resize(Eigen::Index(n) * copies, 3);
    result.sourceAtom.reserve(std::size_t(n) * std::size_t(copies));

    Eigen::Index row = 0;
    for (int ia = 0; ia < repeats[0]; ++ia)
        for (int ib = 0; ib < repeats[1]; ++ib)
            for (int ic = 0; ic < repeats[2]; ++ic) {
                const Eigen::RowVector3d shift =
                    Eigen::RowVector3d(ia, ib, ic) * frame.cell;
                for (int k = 0; k < n; ++k, ++row) {
                    out.species.push_back(frame.species[std::size_t(k)]);
                    out.positions.row(row) = frame.positions.row(k) + shift;
                    result.sourceAtom.push_back(k);
                }
            }
    return result;
}

} // namespace le
