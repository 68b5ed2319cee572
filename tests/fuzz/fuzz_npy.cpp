// libFuzzer harness for the .npy and .npz readers: parse, then use the array the way the
// loader does. Only InputError may escape.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/io/npy.h"
#include "core/io/npz.h"
#include "core/util/error.h"

namespace {
void use(const le::NpyArray& a) {
    if (!a.isNumeric() || a.shape.size() > 2) return;
    const le::MatrixD m = a.toMatrixD();
    const auto features = a.toFeatureData();
    volatile double sink = m.size() ? m.sum() : 0.0; // touch every element
    (void)sink;
    (void)features;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        if (size >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            std::vector<std::string> skipped;
            for (const auto& m : le::parseNpz(bytes, "fuzz.npz", &skipped)) use(m.array);
        } else {
            use(le::parseNpy(bytes, "fuzz.npy"));
        }
    } catch (const le::InputError&) {
    }
    return 0;
}
