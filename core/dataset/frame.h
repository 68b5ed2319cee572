#pragma once
// One structure: species, Cartesian positions (Å), cell, periodicity and info key/values.
#include <Eigen/Core>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/dataset/info_value.h"

namespace le {

using Positions = Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor>;

struct Frame {
    std::vector<int> species;           // atomic numbers Z (0 = unknown symbol)
    Positions positions;                // n_atoms × 3
    Eigen::Matrix3d cell = Eigen::Matrix3d::Zero(); // rows are the cell vectors a, b, c
    bool hasCell = false;
    std::array<bool, 3> pbc{false, false, false};
    std::map<std::string, InfoValue> info; // per-frame key/values in file order-independent map

    int atomCount() const { return int(species.size()); }
    bool isPeriodic() const { return hasCell && (pbc[0] || pbc[1] || pbc[2]); }
};

} // namespace le
