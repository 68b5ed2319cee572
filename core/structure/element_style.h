#pragma once
// How an element is drawn and bonded: covalent radius (Cordero 2008) and Jmol colour.
// The table lives in resources/elements/element_table.inc (sources in its README.md).
#include "core/util/colormap.h"

namespace le {

struct ElementStyle {
    int z = 0;
    const char* symbol = "X";
    double covalentRadius = 0.5; // Å
    Rgb color;
    bool publishedRadius = false; // false: no published value, a default is used
};

// Style of element Z; Z outside 1..118 gets the "unknown" style (Z = 0).
const ElementStyle& elementStyle(int z);

} // namespace le
