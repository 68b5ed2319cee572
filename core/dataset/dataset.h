#pragma once
// Everything loaded for one set of structures: the frames, the atoms concatenated in frame
// order, any number of named feature sets (per atom or per structure) and properties.
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/dataset/frame.h"
#include "core/dataset/property.h"

namespace le {

class Dataset {
public:
    // ---- structures
    void addFrame(Frame frame);
    const std::vector<Frame>& frames() const { return frames_; }
    std::vector<Frame>& frames() { return frames_; }
    Eigen::Index frameCount() const { return Eigen::Index(frames_.size()); }
    Eigen::Index atomCount() const { return offsets_.back(); }
    // offsets()[f] is the global index of frame f's first atom; offsets()[frameCount()] = atomCount().
    const std::vector<Eigen::Index>& offsets() const { return offsets_; }
    // Frame of a global atom index (binary search over offsets).
    Eigen::Index frameOfAtom(Eigen::Index atom) const;
    // Z of every atom, concatenated in frame order.
    std::vector<int> atomSpecies() const;

    // ---- feature sets
    // Validates alignment (rows must equal atomCount() or frameCount() for its level) and
    // rejects NaN/Inf; throws InputError naming `origin` and both row counts.
    // The name is made unique ("mace", "mace (2)") when already taken.
    void addFeatureSet(FeatureSet features);
    const std::vector<FeatureSet>& featureSets() const { return features_; }
    std::vector<FeatureSet>& featureSets() { return features_; }
    const FeatureSet* findFeatureSet(const std::string& name) const;
    void removeFeatureSet(const std::string& name);

    // ---- properties
    void addProperty(Property property); // validated like features; replaces same name+level
    const std::vector<Property>& properties() const { return properties_; }
    const Property* findProperty(const std::string& name, Level level) const;
    const Property* findProperty(const std::string& name) const; // atom level first

    // Per-atom text labels for a frame info key or atom property (e.g. "subset"): frame
    // labels are repeated for each atom of the frame. Empty optional when the key is unknown.
    std::optional<std::vector<std::string>> atomLabels(const std::string& key) const;
    std::optional<std::vector<std::string>> frameLabels(const std::string& key) const;

    // Where the data came from (shown in the UI and stored in projects).
    std::vector<std::string> sourceFiles;

private:
    std::string uniqueFeatureName(const std::string& wanted) const;
    void validateRows(Level level, Eigen::Index rows, const std::string& what,
                      const std::string& origin) const;

    std::vector<Frame> frames_;
    std::vector<Eigen::Index> offsets_{0};
    std::vector<FeatureSet> features_;
    std::vector<Property> properties_;
};

} // namespace le
