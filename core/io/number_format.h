#pragma once
// Shortest text that reads back to the same double (std::to_chars), for the text writers.
#include <charconv>
#include <cmath>
#include <string>

namespace le {

inline void appendNumber(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "nan";
        return;
    }
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, end);
}

inline std::string formatNumber(double v) {
    std::string s;
    appendNumber(s, v);
    return s;
}

} // namespace le
