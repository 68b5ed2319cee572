#pragma once
// NumPy .npz archives: one .npy array per member, the member name (without .npy) is the key.
#include <string>
#include <vector>

#include "core/io/npy.h"

namespace le {

struct NpzMember {
    std::string key; // member name without ".npy"
    NpyArray array;
};

// Reads every array. A member whose dtype we cannot read (object arrays, structured dtypes)
// is skipped and described in `skipped` when given; without `skipped` it throws InputError.
std::vector<NpzMember> readNpz(const std::string& path, std::vector<std::string>* skipped = nullptr);
std::vector<NpzMember> parseNpz(std::string_view bytes, const std::string& name,
                                std::vector<std::string>* skipped = nullptr);

} // namespace le
