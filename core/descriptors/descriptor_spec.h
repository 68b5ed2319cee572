#pragma once
// Text specifications of the built-in descriptors, shared by the CLI (`--soap n_max=8,...`),
// the demo manifest and the GUI: "soap:n_max=8,l_max=6,r_cut=5" or "acsf:r_cut=6".
//
// SOAP keys: n_max, l_max, r_cut, sigma, cutoff_width, normalize (true/false/1/0),
//            species (element symbols or Z separated by '/', e.g. H/C/O).
// ACSF keys: r_cut, n_radial, r_start, angular (true/false), eta_angular, zetas (e.g. 1/2/4/16),
//            species.
// Both:      centres (elements: keep only rows of atoms of these species, e.g. centres=C),
//            pool (none | mean: average the kept rows of each structure → one row per structure).
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/descriptors/acsf.h"
#include "core/descriptors/soap.h"
#include "core/util/task_context.h"

namespace le {

enum class DescriptorKind { Soap, Acsf };

enum class DescriptorPooling { None, Mean };

struct DescriptorSpec {
    DescriptorKind kind = DescriptorKind::Soap;
    SoapOptions soap;
    AcsfOptions acsf;
    std::vector<int> centres; // empty = every atom
    DescriptorPooling pool = DescriptorPooling::None;

    // Canonical text ("soap:n_max=8,l_max=6,r_cut=5,sigma=0.3,..."), parseable again.
    std::string text() const;
    // Short feature-set name shown in the UI, e.g. "SOAP n8 l6 rc5 σ0.3".
    std::string displayName() const;
};

// "soap:..." / "acsf:..." (the options part may be empty: "soap"). Throws InputError with
// location "descriptor spec" naming the bad key or value.
DescriptorSpec parseDescriptorSpec(const std::string& spec);
// The options part only, for a known kind (the CLI's `--soap n_max=8,l_max=6`).
DescriptorSpec parseDescriptorOptions(DescriptorKind kind, const std::string& options);

// Rows in file order: one per atom (or per atom of the `centres` species), or one per frame
// with pool=mean. Species channels default to the species present in `frames`. Throws
// ComputeError when pooling meets a frame without any centre.
MatrixD computeDescriptor(const std::vector<Frame>& frames, const DescriptorSpec& spec,
                          const TaskContext& ctx = silentContext());

// A feature set for the dataset, named spec.displayName(), origin "built-in <text>": per atom
// (all atoms), or per structure (pool=mean, or centres that select exactly one atom in every
// frame, like the carbon of CH4). Throws ComputeError for centres that select anything else
// without pooling, OperationCancelled when cancelled.
FeatureSet computeDescriptorFeatureSet(const Dataset& dataset, const DescriptorSpec& spec,
                                       const TaskContext& ctx = silentContext());

// Several at once (the demo's list), progress split evenly between them.
std::vector<FeatureSet> computeDescriptorFeatureSets(const Dataset& dataset,
                                                     const std::vector<DescriptorSpec>& specs,
                                                     const TaskContext& ctx = silentContext());

} // namespace le
