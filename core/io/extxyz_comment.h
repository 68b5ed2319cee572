#pragma once
// The comment (second) line of an extended-XYZ frame, ASE conventions: `key=value` pairs,
// values bare, "quoted" (backslash escapes) or {braced}; bare keys mean True; `Properties`
// describes the atom columns, `Lattice` the cell, `pbc` the periodicity.
#include <Eigen/Core>

#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/info_value.h"

namespace le {

// One entry of `Properties=name:T:m`: T is S (text), R (real), I (integer), L (logical).
struct ColumnSpec {
    std::string name;
    char type = 'R';
    int width = 1;
};

struct ExtxyzHeader {
    std::vector<ColumnSpec> columns;      // species:S:1:pos:R:3 when no Properties key
    bool hasProperties = false;
    std::optional<Eigen::Matrix3d> lattice; // rows a, b, c
    std::optional<std::array<bool, 3>> pbc;
    std::map<std::string, InfoValue> info;  // everything else
    int tokensPerLine() const;
};

// Thrown with a message only; the reader adds file, line and frame.
struct CommentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Parses a comment line. A line that is not key=value text (a plain XYZ title) gives the
// default header with no info, unless it mentions Properties=, which makes errors fatal.
ExtxyzHeader parseExtxyzComment(std::string_view line);

// Value text → typed info value (int, real, logical, or arrays of those; text otherwise).
InfoValue interpretInfoValue(std::string_view text);

} // namespace le
