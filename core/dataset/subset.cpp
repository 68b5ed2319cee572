#include "core/dataset/subset.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/dataset/elements.h"
#include "core/util/error.h"

namespace le {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> splitTrimmed(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, separator)) parts.push_back(trimmed(part));
    return parts;
}

std::string joined(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& item : items) s += (s.empty() ? "" : ", ") + item;
    return s;
}

int parseSpecies(const std::string& token) {
    int z = atomicNumber(token);
    if (z == 0 && !token.empty() && std::all_of(token.begin(), token.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; })) {
        z = std::stoi(token);
        if (z < 1 || z > 118) z = 0;
    }
    if (z == 0)
        throw InputError("--subset", "species=" + token, "'" + token + "' is not an element");
    return z;
}

} // namespace

std::string Subset::description() const {
    std::vector<std::string> parts;
    if (restrictsSpecies()) {
        std::vector<std::string> symbols;
        for (int z : species) symbols.emplace_back(elementSymbol(z));
        parts.push_back("species " + joined(symbols));
    }
    if (restrictsFrames()) parts.push_back("frames with " + labelKey + " = " + joined(labelValues));
    if (parts.empty()) return "all atoms";
    return parts.size() == 1 ? parts[0] : parts[0] + "; " + parts[1];
}

Subset parseSubset(const std::string& text) {
    Subset subset;
    if (text.empty() || text == "all") return subset;
    for (const auto& clause : splitTrimmed(text, ';')) {
        if (clause.empty()) continue;
        const auto eq = clause.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == clause.size())
            throw InputError("--subset", "'" + clause + "'",
                             "expected KEY=VALUE[,VALUE...], e.g. species=O or subset=bulk");
        const std::string key = trimmed(clause.substr(0, eq));
        const auto values = splitTrimmed(clause.substr(eq + 1), ',');
        if (key == "species") {
            for (const auto& v : values) subset.species.push_back(parseSpecies(v));
        } else {
            if (subset.restrictsFrames())
                throw InputError("--subset", "'" + clause + "'",
                                 "only one frame label condition is supported");
            subset.labelKey = key;
            subset.labelValues = values;
        }
    }
    return subset;
}

std::vector<Eigen::Index> selectedFrames(const Dataset& dataset, const Subset& subset) {
    std::vector<Eigen::Index> frames;
    if (!subset.restrictsFrames()) {
        frames.resize(std::size_t(dataset.frameCount()));
        for (Eigen::Index f = 0; f < dataset.frameCount(); ++f) frames[std::size_t(f)] = f;
        return frames;
    }
    const auto labels = dataset.frameLabels(subset.labelKey);
    if (!labels)
        throw InputError(dataset.sourceFiles.empty() ? std::string() : dataset.sourceFiles[0], "",
                         "no frame has the label '" + subset.labelKey + "' used by the subset");
    for (std::size_t f = 0; f < labels->size(); ++f)
        if (std::find(subset.labelValues.begin(), subset.labelValues.end(), (*labels)[f]) !=
            subset.labelValues.end())
            frames.push_back(Eigen::Index(f));
    return frames;
}

SubsetGroups subsetGroups(const Dataset& dataset, const Subset& subset) {
    SubsetGroups out;
    out.groups.begin.push_back(0);
    const auto& offsets = dataset.offsets();
    for (Eigen::Index f : selectedFrames(dataset, subset)) {
        const auto& species = dataset.frames()[std::size_t(f)].species;
        const std::size_t before = out.groups.rows.size();
        for (std::size_t a = 0; a < species.size(); ++a)
            if (!subset.restrictsSpecies() ||
                std::find(subset.species.begin(), subset.species.end(), species[a]) !=
                    subset.species.end())
                out.groups.rows.push_back(offsets[std::size_t(f)] + Eigen::Index(a));
        if (out.groups.rows.size() == before) continue;
        out.groups.begin.push_back(Eigen::Index(out.groups.rows.size()));
        out.frames.push_back(f);
    }
    return out;
}

std::vector<Eigen::Index> selectedAtoms(const Dataset& dataset, const Subset& subset) {
    return subsetGroups(dataset, subset).groups.rows;
}

std::vector<Eigen::Index> selectedRows(const Dataset& dataset, const Subset& subset, Level level) {
    if (level == Level::Atom) return selectedAtoms(dataset, subset);
    // A structure-level row is kept when its frame passes the label condition and, for a
    // species restriction, still contains at least one atom of those species.
    return subsetGroups(dataset, subset).frames;
}

MatrixD takeRows(const MatrixD& matrix, const std::vector<Eigen::Index>& rows) {
    MatrixD out(Eigen::Index(rows.size()), matrix.cols());
    for (std::size_t i = 0; i < rows.size(); ++i) out.row(Eigen::Index(i)) = matrix.row(rows[i]);
    return out;
}

FeatureSet takeRows(const FeatureSet& features, const std::vector<Eigen::Index>& rows) {
    FeatureSet out;
    out.name = features.name;
    out.level = features.level;
    out.origin = features.origin;
    out.enabled = features.enabled;
    std::visit(
        [&](const auto& m) {
            typename std::decay_t<decltype(m)>::PlainObject taken(Eigen::Index(rows.size()), m.cols());
            for (std::size_t i = 0; i < rows.size(); ++i) taken.row(Eigen::Index(i)) = m.row(rows[i]);
            out.data = std::move(taken);
        },
        features.data);
    return out;
}

namespace {

Property takePropertyRows(const Property& p, const std::vector<Eigen::Index>& rows) {
    Property out;
    out.name = p.name;
    out.level = p.level;
    out.isText = p.isText;
    if (p.isText) {
        for (Eigen::Index r : rows) out.labels.push_back(p.labels[std::size_t(r)]);
    } else {
        out.numbers = takeRows(p.numbers, rows);
    }
    return out;
}

} // namespace

Dataset subDataset(const Dataset& dataset, const Subset& subset) {
    const SubsetGroups kept = subsetGroups(dataset, subset);
    Dataset out;
    out.sourceFiles = dataset.sourceFiles;
    for (std::size_t g = 0; g < kept.frames.size(); ++g) {
        const Frame& source = dataset.frames()[std::size_t(kept.frames[g])];
        const Eigen::Index first = dataset.offsets()[std::size_t(kept.frames[g])];
        Frame frame = source;
        const Eigen::Index b = kept.groups.begin[g], e = kept.groups.begin[g + 1];
        frame.species.clear();
        frame.positions.resize(e - b, 3);
        for (Eigen::Index i = b; i < e; ++i) {
            const Eigen::Index local = kept.groups.rows[std::size_t(i)] - first;
            frame.species.push_back(source.species[std::size_t(local)]);
            frame.positions.row(i - b) = source.positions.row(local);
        }
        out.addFrame(std::move(frame));
    }
    for (const auto& f : dataset.featureSets())
        out.addFeatureSet(takeRows(f, f.level == Level::Atom ? kept.groups.rows : kept.frames));
    for (const auto& p : dataset.properties())
        out.addProperty(takePropertyRows(p, p.level == Level::Atom ? kept.groups.rows : kept.frames));
    return out;
}

} // namespace le
