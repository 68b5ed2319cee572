#include "core/structure/element_style.h"

#include <array>
#include <cstdint>

namespace le {
namespace {

struct ElementRow {
    int z;
    const char* symbol;
    double radius;
    std::uint32_t rgb;
    bool published;
};

constexpr ElementRow kRows[] = {
#include "resources/elements/element_table.inc"
};
static_assert(sizeof(kRows) / sizeof(kRows[0]) == 119, "one row per Z = 0..118");

std::array<ElementStyle, 119> buildStyles() {
    std::array<ElementStyle, 119> styles;
    for (const ElementRow& row : kRows) {
        const Rgb color{std::uint8_t(row.rgb >> 16), std::uint8_t(row.rgb >> 8),
                        std::uint8_t(row.rgb)};
        styles[std::size_t(row.z)] = {row.z, row.symbol, row.radius, color, row.published};
    }
    return styles;
}

} // namespace

const ElementStyle& elementStyle(int z) {
    static const std::array<ElementStyle, 119> styles = buildStyles();
    if (z < 0 || z > 118) z = 0;
    return styles[std::size_t(z)];
}

} // namespace le
