#pragma once
// A value from an extxyz info line, a chemiscope structure property or an HDF5 attribute.
#include <string>
#include <variant>
#include <vector>

namespace le {

struct InfoValue {
    // bool (bare keys and T/F), integer, real, text, or arrays of those.
    using Storage = std::variant<bool, long long, double, std::string, std::vector<bool>,
                                 std::vector<long long>, std::vector<double>,
                                 std::vector<std::string>>;
    Storage value;

    bool isNumber() const {
        return std::holds_alternative<long long>(value) || std::holds_alternative<double>(value);
    }
    bool isString() const { return std::holds_alternative<std::string>(value); }
    // Numeric scalar as double (bools as 0/1); NaN when the value is not a scalar number.
    double toDouble() const;
    // Scalars and arrays as text the user can read ("1.5", "T", "[1 2 3]").
    std::string toString() const;
    // Number of elements (1 for scalars).
    std::size_t size() const;
};

} // namespace le
