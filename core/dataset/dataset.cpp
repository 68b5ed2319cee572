#include "core/dataset/dataset.h"

#include <algorithm>

#include "core/util/error.h"

namespace le {

void Dataset::addFrame(Frame frame) {
    offsets_.push_back(offsets_.back() + frame.atomCount());
    frames_.push_back(std::move(frame));
}

Eigen::Index Dataset::frameOfAtom(Eigen::Index atom) const {
    auto it = std::upper_bound(offsets_.begin(), offsets_.end(), atom);
    return Eigen::Index(it - offsets_.begin()) - 1;
}

std::vector<int> Dataset::atomSpecies() const {
    std::vector<int> z;
    z.reserve(std::size_t(atomCount()));
    for (const auto& f : frames_) z.insert(z.end(), f.species.begin(), f.species.end());
    return z;
}

void Dataset::validateRows(Level level, Eigen::Index rows, const std::string& what,
                           const std::string& origin) const {
    const Eigen::Index expected = level == Level::Atom ? atomCount() : frameCount();
    if (rows == expected) return;
    std::string msg = what + " has " + std::to_string(rows) + " rows but the structures have " +
                      std::to_string(atomCount()) + " atoms in " + std::to_string(frameCount()) +
                      " frames";
    if (!sourceFiles.empty()) msg += " (" + sourceFiles.front() + ")";
    msg += level == Level::Atom ? "; per-atom rows must equal the atom count"
                                : "; per-structure rows must equal the frame count";
    throw InputError(origin, "", msg);
}

void Dataset::addFeatureSet(FeatureSet features) {
    validateRows(features.level, features.rows(), "feature set '" + features.name + "'",
                 features.origin);
    if (features.cols() == 0)
        throw InputError(features.origin, "",
                         "feature set '" + features.name + "' has zero columns (" +
                             std::to_string(features.rows()) + " rows × 0): nothing to compare");
    const auto bad = findNonFinite(features);
    if (bad.any())
        throw InputError(features.origin, "",
                         "feature set '" + features.name + "' contains " +
                             std::to_string(bad.count) + " NaN/Inf values (first at row " +
                             std::to_string(bad.firstRow) + ", column " +
                             std::to_string(bad.firstCol) + ")");
    features.name = uniqueFeatureName(features.name);
    features_.push_back(std::move(features));
}

std::string Dataset::uniqueFeatureName(const std::string& wanted) const {
    auto taken = [&](const std::string& n) { return findFeatureSet(n) != nullptr; };
    if (!taken(wanted)) return wanted;
    for (int i = 2;; ++i) {
        std::string candidate = wanted + " (" + std::to_string(i) + ")";
        if (!taken(candidate)) return candidate;
    }
}

const FeatureSet* Dataset::findFeatureSet(const std::string& name) const {
    for (const auto& f : features_)
        if (f.name == name) return &f;
    return nullptr;
}

void Dataset::removeFeatureSet(const std::string& name) {
    features_.erase(std::remove_if(features_.begin(), features_.end(),
                                   [&](const FeatureSet& f) { return f.name == name; }),
                    features_.end());
}

void Dataset::addProperty(Property property) {
    validateRows(property.level, property.rows(), "property '" + property.name + "'",
                 sourceFiles.empty() ? std::string() : sourceFiles.front());
    for (auto& p : properties_)
        if (p.name == property.name && p.level == property.level) {
            p = std::move(property);
            return;
        }
    properties_.push_back(std::move(property));
}

const Property* Dataset::findProperty(const std::string& name, Level level) const {
    for (const auto& p : properties_)
        if (p.name == name && p.level == level) return &p;
    return nullptr;
}

const Property* Dataset::findProperty(const std::string& name) const {
    if (auto p = findProperty(name, Level::Atom)) return p;
    return findProperty(name, Level::Structure);
}

std::optional<std::vector<std::string>> Dataset::frameLabels(const std::string& key) const {
    if (auto p = findProperty(key, Level::Structure)) {
        std::vector<std::string> out(std::size_t(p->rows()));
        for (Eigen::Index i = 0; i < p->rows(); ++i)
            out[std::size_t(i)] = p->isText ? p->labels[std::size_t(i)]
                                            : InfoValue{p->numbers(i, 0)}.toString();
        return out;
    }
    bool found = false;
    std::vector<std::string> out;
    out.reserve(frames_.size());
    for (const auto& f : frames_) {
        auto it = f.info.find(key);
        if (it != f.info.end()) {
            found = true;
            out.push_back(it->second.toString());
        } else {
            out.emplace_back("unknown");
        }
    }
    if (!found) return std::nullopt;
    return out;
}

std::optional<std::vector<std::string>> Dataset::atomLabels(const std::string& key) const {
    if (auto p = findProperty(key, Level::Atom)) {
        std::vector<std::string> out(std::size_t(p->rows()));
        for (Eigen::Index i = 0; i < p->rows(); ++i)
            out[std::size_t(i)] = p->isText ? p->labels[std::size_t(i)]
                                            : InfoValue{p->numbers(i, 0)}.toString();
        return out;
    }
    auto perFrame = frameLabels(key);
    if (!perFrame) return std::nullopt;
    std::vector<std::string> out;
    out.reserve(std::size_t(atomCount()));
    for (std::size_t f = 0; f < frames_.size(); ++f)
        out.insert(out.end(), std::size_t(frames_[f].atomCount()), (*perFrame)[f]);
    return out;
}

} // namespace le
