#pragma once
// metatensor TensorMaps saved as `.mts` (metatensor.save, `mtt eval ... -o out.mts`): a zip
// (stored, ZIP64; deflated also read) of .npy members
//   keys.npy                                  Labels of the blocks
//   blocks/<i>/values.npy                     (samples, [components...], properties), f8/f4/f2
//   blocks/<i>/samples.npy                    Labels, e.g. ('system', 'atom')
//   blocks/<i>/components/<j>.npy             Labels of each component axis
//   blocks/<i>/properties.npy                 Labels of the last axis
// (older files keep the same arrays under blocks/<i>/values/, the values as data.npy);
// gradients and info.json are ignored. Labels are 1-D structured arrays of int32 fields.
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/npy.h"

namespace le {

struct MetatensorBlock {
    std::string member;    // "blocks/0/values.npy", for messages
    NpyArray values;       // ≥ 2-D: samples × [components...] × properties
    NpyLabels samples;
    NpyLabels properties;
    long long columns() const; // components × properties (the flattened width)
};

struct MetatensorTensor {
    NpyLabels keys;
    std::vector<MetatensorBlock> blocks;
};

// Throws InputError(file, "member ...", ...) on a malformed archive.
MetatensorTensor parseMetatensor(std::string_view bytes, const std::string& name);
MetatensorTensor readMetatensor(const std::string& path);

// All blocks joined into one feature set aligned with the structures of `d`:
// - samples with `system` and `atom` columns (found by name) → per-atom rows; several blocks
//   (e.g. one per atom type) are joined by their samples, each atom present exactly once;
// - samples with `system` only → per-structure rows, one per frame;
// - component axes are flattened into the columns (component-major: column = c × P + p);
// - every block must have the same properties (their Labels compared).
// float32/float16 values stay float32, float64 stays float64. `name` is the feature set name,
// `source` the file name used in messages and as origin.
FeatureSet metatensorFeatureSet(const MetatensorTensor& tensor, const Dataset& d, const std::string& name,
                                const std::string& source);

} // namespace le
