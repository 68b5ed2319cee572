#pragma once
// The bundled demo's manifest (resources/demo/demo.json, schema in resources/demo/DEMO.md):
// which datasets the demo offers, their files, and the built-in descriptors computed for them
// when they are first opened.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/descriptors/descriptor_spec.h"
#include "core/util/task_context.h"

namespace le {

struct DemoDataset {
    std::string id;                       // stable key, e.g. "ch4-manifold"
    std::string title;                    // shown in menus
    std::string about;                    // the "About this demo" paragraph
    std::string structures;               // absolute path
    std::vector<std::string> features;    // absolute paths (.npy/.npz)
    std::vector<DescriptorSpec> descriptors;
    std::string colourBy;                 // suggested property for colouring ("" = none)
};

struct DemoManifest {
    std::string about;                    // the app-level "About this demo" paragraph
    std::string defaultId;                // dataset opened at start-up
    std::vector<DemoDataset> datasets;
    const DemoDataset* find(const std::string& id) const;
};

// Reads and validates the manifest; file paths are resolved against its folder and must
// exist. Throws InputError naming the manifest and the JSON location ("datasets[1].descriptors[0]").
DemoManifest readDemoManifest(const std::string& path);

// Loads the dataset's files (le::loadDataset) and adds its built-in descriptor feature sets.
// Meant for a worker thread: progress covers loading (first 10 %) and descriptors.
Dataset loadDemoDataset(const DemoDataset& demo, const TaskContext& ctx = silentContext());

} // namespace le
