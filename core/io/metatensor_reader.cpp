#include "core/io/metatensor_reader.h"

#include <cstring>
#include <filesystem>
#include <map>

#include "core/io/file_bytes.h"
#include "core/io/zip_archive.h"
#include "core/util/error.h"

namespace le {

long long MetatensorBlock::columns() const {
    long long n = 1;
    for (std::size_t k = 1; k < values.shape.size(); ++k) n *= values.shape[k];
    return n;
}

namespace {

// The archive's members by name, extracted on demand.
class Members {
public:
    Members(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {
        for (auto& e : listZipEntries(bytes, name)) entries_[e.name] = e;
    }
    bool has(const std::string& member) const { return entries_.count(member) > 0; }
    std::string get(const std::string& member) const {
        const auto it = entries_.find(member);
        if (it == entries_.end()) throw InputError(name_, "member " + member, "missing from the archive");
        return extractZipEntry(bytes_, it->second, name_);
    }
    NpyLabels labels(const std::string& member) const {
        return parseNpyLabels(get(member), name_ + ":" + member);
    }

private:
    std::string_view bytes_;
    const std::string& name_;
    std::map<std::string, ZipEntry> entries_;
};

std::string labelsText(const NpyLabels& l) {
    std::string text;
    for (const auto& n : l.names) text += (text.empty() ? "" : ", ") + n;
    return "(" + text + ")";
}

MetatensorBlock readBlock(const Members& m, long long index, const std::string& name) {
    // Current layout: blocks/<i>/values.npy; metatensor before 0.2: blocks/<i>/values/data.npy.
    std::string prefix = "blocks/" + std::to_string(index) + "/";
    std::string valuesMember = prefix + "values.npy";
    if (!m.has(valuesMember) && m.has(prefix + "values/data.npy")) {
        prefix += "values/";
        valuesMember = prefix + "data.npy";
    }
    MetatensorBlock b;
    b.member = valuesMember;
    const std::string where = name + ":" + valuesMember;
    try {
        b.values = parseNpy(m.get(valuesMember), where);
    } catch (const UnsupportedDtype& e) {
        throw InputError(name, "member " + valuesMember, std::string(e.what()) + " (values must be float64, float32 or float16)");
    }
    const NpyType t = b.values.type;
    if (t != NpyType::Float64 && t != NpyType::Float32 && t != NpyType::Float16)
        throw InputError(name, "member " + valuesMember,
                         std::string("values are ") + b.values.dtypeName() + "; expected float64, float32 or float16");
    if (b.values.shape.size() < 2)
        throw InputError(name, "member " + valuesMember,
                         "values must have at least 2 axes (samples, properties), got shape " + shapeText(b.values.shape));
    b.samples = m.labels(prefix + "samples.npy");
    b.properties = m.labels(prefix + "properties.npy");
    if (b.samples.count() != b.values.shape.front())
        throw InputError(name, "member " + prefix + "samples.npy",
                         "has " + std::to_string(b.samples.count()) + " entries but the values have " +
                             std::to_string(b.values.shape.front()) + " samples");
    if (b.properties.count() != b.values.shape.back())
        throw InputError(name, "member " + prefix + "properties.npy",
                         "has " + std::to_string(b.properties.count()) + " entries but the values have " +
                             std::to_string(b.values.shape.back()) + " properties");
    return b;
}

bool sameLabels(const NpyLabels& a, const NpyLabels& b) { return a.names == b.names && a.values == b.values; }

std::string fileName(const Dataset& d) {
    return d.sourceFiles.empty() ? std::string("the structures")
                                 : std::filesystem::path(d.sourceFiles.front()).filename().string();
}

// Where each block's samples go: the row of the feature matrix, or a clear error.
struct Placement {
    std::vector<std::vector<Eigen::Index>> rows; // per block, per sample
    Level level = Level::Atom;
};

Placement placeSamples(const MetatensorTensor& t, const Dataset& d, const std::string& source) {
    const auto& first = t.blocks.front().samples;
    const bool perAtom = first.fieldIndex("atom") >= 0;
    Placement p;
    p.level = perAtom ? Level::Atom : Level::Structure;
    const Eigen::Index rows = perAtom ? d.atomCount() : d.frameCount();
    std::vector<int> owner(std::size_t(rows), -1); // the block that filled each row
    std::vector<long long> perFrame(std::size_t(d.frameCount()), 0);
    long long systems = 0;
    for (std::size_t bi = 0; bi < t.blocks.size(); ++bi) {
        const MetatensorBlock& b = t.blocks[bi];
        const std::string where = "member " + b.member.substr(0, b.member.rfind('/') + 1) + "samples.npy";
        const int system = b.samples.fieldIndex("system"), atom = b.samples.fieldIndex("atom");
        if (system < 0)
            throw InputError(source, where, "the samples " + labelsText(b.samples) + " have no 'system' column");
        if ((atom >= 0) != perAtom)
            throw InputError(source, where, "block " + std::to_string(bi) + " has samples " + labelsText(b.samples) +
                                                " but block 0 has " + labelsText(first) +
                                                "; per-atom and per-structure blocks cannot be joined");
        std::vector<Eigen::Index>& out = p.rows.emplace_back(std::size_t(b.samples.count()));
        for (long long s = 0; s < b.samples.count(); ++s) {
            const long long f = b.samples.at(s, std::size_t(system));
            systems = std::max(systems, f + 1);
            if (f < 0 || f >= d.frameCount())
                throw InputError(source, where, "sample " + std::to_string(s) + " is system " + std::to_string(f) + ", but " +
                                                    fileName(d) + " has " + std::to_string(d.frameCount()) + " frames");
            Eigen::Index row = Eigen::Index(f);
            if (perAtom) {
                const long long a = b.samples.at(s, std::size_t(atom)), n = d.frames()[std::size_t(f)].atomCount();
                if (a < 0 || a >= n)
                    throw InputError(source, where, "sample " + std::to_string(s) + " is atom " + std::to_string(a) +
                                                        " of system " + std::to_string(f) + ", but frame " +
                                                        std::to_string(f + 1) + " has " + std::to_string(n) +
                                                        " atoms in " + fileName(d));
                row = d.offsets()[std::size_t(f)] + Eigen::Index(a);
            }
            if (owner[std::size_t(row)] >= 0)
                throw InputError(source, where, "system " + std::to_string(f) +
                                                    (perAtom ? ", atom " + std::to_string(b.samples.at(s, std::size_t(atom))) : "") +
                                                    " appears twice (blocks " + std::to_string(owner[std::size_t(row)]) +
                                                    " and " + std::to_string(bi) + ")");
            owner[std::size_t(row)] = int(bi);
            ++perFrame[std::size_t(f)];
            out[std::size_t(s)] = row;
        }
    }
    if (systems != d.frameCount())
        throw InputError(source, "", "holds " + std::to_string(systems) + " systems but " + fileName(d) + " has " +
                                         std::to_string(d.frameCount()) + " frames");
    for (Eigen::Index f = 0; f < d.frameCount(); ++f) {
        const long long expected = perAtom ? d.frames()[std::size_t(f)].atomCount() : 1;
        if (perFrame[std::size_t(f)] != expected)
            throw InputError(source, "", perAtom ? "frame " + std::to_string(f + 1) + " has " + std::to_string(expected) +
                                                       " atoms in " + fileName(d) + " but " +
                                                       std::to_string(perFrame[std::size_t(f)]) + " in " + source
                                                 : "frame " + std::to_string(f + 1) + " has no sample in " + source);
    }
    return p;
}

template <typename Matrix>
Matrix gather(const MetatensorTensor& t, const Placement& p, Eigen::Index rows, Eigen::Index cols) {
    using Scalar = typename Matrix::Scalar;
    Matrix m(rows, cols);
    for (std::size_t bi = 0; bi < t.blocks.size(); ++bi) {
        const NpyArray& v = t.blocks[bi].values;
        for (std::size_t s = 0; s < p.rows[bi].size(); ++s) {
            Scalar* target = m.data() + p.rows[bi][s] * cols;
            const long long first = (long long)s * cols;
            if (v.type == NpyType::Float64 && sizeof(Scalar) == 8)
                std::memcpy(target, v.bytes.data() + first * 8, std::size_t(cols) * 8);
            else if (v.type == NpyType::Float32 && sizeof(Scalar) == 4)
                std::memcpy(target, v.bytes.data() + first * 4, std::size_t(cols) * 4);
            else
                for (Eigen::Index c = 0; c < cols; ++c) target[c] = Scalar(v.valueAt(first + c));
        }
    }
    return m;
}

} // namespace

MetatensorTensor parseMetatensor(std::string_view bytes, const std::string& name) {
    const Members m(bytes, name);
    if (!m.has("keys.npy"))
        throw InputError(name, "", "not a metatensor TensorMap: the archive has no keys.npy member");
    MetatensorTensor t;
    t.keys = m.labels("keys.npy");
    if (t.keys.count() == 0) throw InputError(name, "member keys.npy", "the TensorMap has no blocks");
    for (long long i = 0; i < t.keys.count(); ++i) t.blocks.push_back(readBlock(m, i, name));
    return t;
}

MetatensorTensor readMetatensor(const std::string& path) { return parseMetatensor(readFileBytes(path), path); }

FeatureSet metatensorFeatureSet(const MetatensorTensor& t, const Dataset& d, const std::string& name,
                                const std::string& source) {
    const MetatensorBlock& first = t.blocks.front();
    bool single = true;
    for (std::size_t bi = 0; bi < t.blocks.size(); ++bi) {
        const MetatensorBlock& b = t.blocks[bi];
        if (b.values.shape.size() != first.values.shape.size() ||
            !std::equal(b.values.shape.begin() + 1, b.values.shape.end(), first.values.shape.begin() + 1))
            throw InputError(source, "member " + b.member,
                             "shape " + shapeText(b.values.shape) + " does not match block 0's " +
                                 shapeText(first.values.shape) + " beyond the samples; blocks must share components and properties");
        if (!sameLabels(b.properties, first.properties))
            throw InputError(source, "member " + b.member,
                             "block " + std::to_string(bi) + " has other properties than block 0; join the blocks with "
                             "metatensor first (e.g. keys_to_properties)");
        single = single && b.values.type != NpyType::Float64;
    }
    const Placement p = placeSamples(t, d, source);
    const Eigen::Index rows = p.level == Level::Atom ? d.atomCount() : d.frameCount();
    const auto cols = Eigen::Index(first.columns());
    FeatureSet f;
    f.name = name;
    f.level = p.level;
    f.origin = source;
    if (single) f.data = gather<MatrixF>(t, p, rows, cols);
    else f.data = gather<MatrixD>(t, p, rows, cols);
    return f;
}

} // namespace le
