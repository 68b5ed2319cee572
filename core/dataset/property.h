#pragma once
// A per-atom or per-structure property: numbers (n × width, e.g. energies, forces, charges)
// or text labels (e.g. the `subset` key used to stratify test sets).
#include <string>
#include <vector>

#include "core/dataset/feature_set.h"

namespace le {

struct Property {
    std::string name;
    Level level = Level::Structure;
    bool isText = false;
    MatrixD numbers;                 // rows × width when !isText
    std::vector<std::string> labels; // rows entries when isText

    Eigen::Index rows() const { return isText ? Eigen::Index(labels.size()) : numbers.rows(); }
    Eigen::Index width() const { return isText ? 1 : numbers.cols(); }
};

} // namespace le
