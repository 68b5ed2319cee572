#include "core/dataset/elements.h"

#include <array>
#include <cctype>

namespace le {
namespace {
constexpr std::array<const char*, 119> kSymbols = {
    "X",  "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si",
    "P",  "S",  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu",
    "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru",
    "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr",
    "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",
    "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac",
    "Th", "Pa", "U",  "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf",
    "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};
} // namespace

int atomicNumber(std::string_view symbol) {
    if (symbol.empty() || symbol.size() > 2) return 0;
    char a = char(std::toupper(static_cast<unsigned char>(symbol[0])));
    char b = symbol.size() == 2 ? char(std::tolower(static_cast<unsigned char>(symbol[1]))) : 0;
    for (int z = 1; z < int(kSymbols.size()); ++z) {
        const char* s = kSymbols[std::size_t(z)];
        if (s[0] == a && s[1] == b) return z;
    }
    return 0;
}

const char* elementSymbol(int z) {
    if (z <= 0 || z >= int(kSymbols.size())) return "X";
    return kSymbols[std::size_t(z)];
}

} // namespace le
