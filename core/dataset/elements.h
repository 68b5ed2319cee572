#pragma once
// Chemical element symbols ↔ atomic numbers (Z = 1..118).
#include <string>
#include <string_view>

namespace le {

// Z for a symbol ("C", "Cl", case-sensitive as written by ASE; "c"/"CL" also accepted),
// 0 when the symbol is not an element.
int atomicNumber(std::string_view symbol);
// Symbol for Z, "X" for 0 or out of range.
const char* elementSymbol(int z);

} // namespace le
