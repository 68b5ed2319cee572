// Computing a DescriptorSpec: the descriptor itself, then the optional choice of centre atoms
// and mean pooling per structure.
#include <algorithm>

#include "core/descriptors/descriptor_spec.h"
#include "core/util/error.h"

namespace le {

namespace {

bool isCentre(const DescriptorSpec& spec, int z) {
    return spec.centres.empty() ||
           std::find(spec.centres.begin(), spec.centres.end(), z) != spec.centres.end();
}

// Number of centre atoms in each frame.
std::vector<Eigen::Index> centresPerFrame(const std::vector<Frame>& frames, const DescriptorSpec& spec) {
    std::vector<Eigen::Index> counts;
    for (const auto& f : frames)
        counts.push_back(Eigen::Index(std::count_if(f.species.begin(), f.species.end(),
                                                     [&](int z) { return isCentre(spec, z); })));
    return counts;
}

} // namespace

MatrixD computeDescriptor(const std::vector<Frame>& frames, const DescriptorSpec& spec,
                          const TaskContext& ctx) {
    MatrixD all = spec.kind == DescriptorKind::Soap ? computeSoap(frames, spec.soap, ctx)
                                                    : computeAcsf(frames, spec.acsf, ctx);
    if (spec.centres.empty() && spec.pool == DescriptorPooling::None) return all;

    const auto counts = centresPerFrame(frames, spec);
    Eigen::Index kept = 0;
    for (auto c : counts) kept += c;
    const bool pooled = spec.pool == DescriptorPooling::Mean;
    MatrixD out = MatrixD::Zero(pooled ? Eigen::Index(frames.size()) : kept, all.cols());
    Eigen::Index atom = 0, row = 0;
    for (std::size_t f = 0; f < frames.size(); ++f) {
        if (pooled && counts[f] == 0)
            throw ComputeError("pool=mean: structure " + std::to_string(f) + " has no centre atom (" +
                               spec.text() + ")");
        for (int z : frames[f].species) {
            if (isCentre(spec, z)) {
                if (pooled) out.row(Eigen::Index(f)) += all.row(atom) / double(counts[f]);
                else out.row(row++) = all.row(atom);
            }
            ++atom;
        }
    }
    return out;
}

FeatureSet computeDescriptorFeatureSet(const Dataset& dataset, const DescriptorSpec& spec,
                                       const TaskContext& ctx) {
    Level level = Level::Atom;
    if (spec.pool == DescriptorPooling::Mean) {
        level = Level::Structure;
    } else if (!spec.centres.empty()) {
        // Centre-only rows align with the dataset only when they are one per structure.
        const auto counts = centresPerFrame(dataset.frames(), spec);
        if (!std::all_of(counts.begin(), counts.end(), [](Eigen::Index c) { return c == 1; }))
            throw ComputeError("centres selects a number of atoms other than one per structure; "
                               "add pool=mean or leave centres out (" + spec.text() + ")");
        level = Level::Structure;
    }
    FeatureSet features;
    features.name = spec.displayName();
    features.level = level;
    features.data = computeDescriptor(dataset.frames(), spec, ctx);
    features.origin = "built-in " + spec.text();
    return features;
}

std::vector<FeatureSet> computeDescriptorFeatureSets(const Dataset& dataset,
                                                     const std::vector<DescriptorSpec>& specs,
                                                     const TaskContext& ctx) {
    std::vector<FeatureSet> out;
    const double n = double(specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i)
        out.push_back(computeDescriptorFeatureSet(dataset, specs[i], ctx.subRange(double(i) / n, double(i + 1) / n)));
    return out;
}

} // namespace le
