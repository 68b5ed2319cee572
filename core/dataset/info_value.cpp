#include "core/dataset/info_value.h"

#include <cmath>
#include <sstream>

namespace le {

double InfoValue::toDouble() const {
    if (auto p = std::get_if<double>(&value)) return *p;
    if (auto p = std::get_if<long long>(&value)) return double(*p);
    if (auto p = std::get_if<bool>(&value)) return *p ? 1.0 : 0.0;
    return std::nan("");
}

namespace {
std::string formatScalar(bool v) { return v ? "T" : "F"; }
std::string formatScalar(long long v) { return std::to_string(v); }
std::string formatScalar(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}
std::string formatScalar(const std::string& v) { return v; }
} // namespace

std::string InfoValue::toString() const {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::vector<bool>> ||
                          std::is_same_v<T, std::vector<long long>> ||
                          std::is_same_v<T, std::vector<double>> ||
                          std::is_same_v<T, std::vector<std::string>>) {
                std::string s = "[";
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (i) s += ' ';
                    s += formatScalar(static_cast<typename T::value_type>(v[i]));
                }
                return s + "]";
            } else {
                return formatScalar(v);
            }
        },
        value);
}

std::size_t InfoValue::size() const {
    return std::visit(
        [](const auto& v) -> std::size_t {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::vector<bool>> ||
                          std::is_same_v<T, std::vector<long long>> ||
                          std::is_same_v<T, std::vector<double>> ||
                          std::is_same_v<T, std::vector<std::string>>)
                return v.size();
            else
                return 1;
        },
        value);
}

} // namespace le
