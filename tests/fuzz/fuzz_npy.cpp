// libFuzzer harness for the .npy, .npz and metatensor .mts readers: parse, then use the
// arrays the way the loader does (an .mts is joined against a fixed 2-frame dataset). Only
// InputError may escape.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/io/metatensor_reader.h"
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

// Two frames of 2 and 3 atoms, for joining metatensor samples.
const le::Dataset& twoFrames() {
    static const le::Dataset d = [] {
        le::Dataset out;
        for (int n : {2, 3}) {
            le::Frame f;
            f.species.assign(std::size_t(n), 1);
            f.positions = le::Positions::Zero(n, 3);
            out.addFrame(std::move(f));
        }
        return out;
    }();
    return d;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const bool zip = size >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
    try {
        if (zip) {
            std::vector<std::string> skipped;
            for (const auto& m : le::parseNpz(bytes, "fuzz.npz", &skipped)) use(m.array);
        } else {
            use(le::parseNpy(bytes, "fuzz.npy"));
        }
    } catch (const le::InputError&) {
    }
    try { // the same bytes as metatensor data: a TensorMap, or one Labels array
        if (zip) {
            const le::MetatensorTensor t = le::parseMetatensor(bytes, "fuzz.mts");
            const le::FeatureSet f = le::metatensorFeatureSet(t, twoFrames(), "fuzz", "fuzz.mts");
            volatile double sink = f.toDouble().sum();
            (void)sink;
        } else {
            const le::NpyLabels labels = le::parseNpyLabels(bytes, "fuzz.npy");
            volatile long long sink = labels.count() ? labels.at(labels.count() - 1, labels.names.size() - 1) : 0;
            (void)sink;
        }
    } catch (const le::InputError&) {
    }
    return 0;
}
