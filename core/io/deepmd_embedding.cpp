#include "core/io/deepmd_embedding.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/dataset/elements.h"
#include "core/io/frame_blocks.h"
#include "core/io/hdf5_util.h"
#include "core/util/error.h"

namespace le {

namespace {

// "/water/descriptor" → {"water", "descriptor"}; empty when not exactly two levels deep.
std::pair<std::string, std::string> groupAndLeaf(const std::string& path) {
    const auto slash = path.find('/', 1);
    if (path.empty() || path.front() != '/' || slash == std::string::npos || path.find('/', slash + 1) != std::string::npos)
        return {};
    return {path.substr(1, slash - 1), path.substr(slash + 1)};
}

std::vector<std::string> groupsOf(const std::vector<Hdf5DatasetInfo>& datasets) {
    std::vector<std::string> groups;
    for (const auto& d : datasets) {
        const auto [group, leaf] = groupAndLeaf(d.path);
        if (!group.empty() && std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
    }
    return groups;
}

bool hasDataset(const std::vector<Hdf5DatasetInfo>& datasets, const std::string& group, const std::string& leaf) {
    return std::any_of(datasets.begin(), datasets.end(),
                       [&](const Hdf5DatasetInfo& d) { return d.path == "/" + group + "/" + leaf; });
}

// atom_types (frames × atoms, indices into the file's type_map) against the species of the
// structures: catches systems whose order differs from the structure file's. Skipped when
// the type_map entries are not element symbols or atom_types is absent.
void checkAtomTypes(const std::string& path, const std::vector<std::string>& groups,
                    const std::vector<Hdf5DatasetInfo>& datasets, const Dataset& d) {
    h5::quietErrors();
    std::optional<std::vector<std::string>> typeMap;
    {
        h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
        if (!f.valid()) h5::fail(path, "", "cannot open the HDF5 file");
        typeMap = h5::stringsAttribute(f.id(), {path, "/"}, "type_map");
    }
    if (!typeMap) return;
    std::vector<int> z;
    for (const auto& symbol : *typeMap) {
        z.push_back(atomicNumber(symbol));
        if (z.back() == 0) return;
    }
    for (const auto& g : groups)
        if (!hasDataset(datasets, g, "atom_types")) return;
    const std::string file = std::filesystem::path(path).filename().string();
    const std::string structures = std::filesystem::path(d.sourceFiles.front()).filename().string();
    long long frame = 0;
    for (const auto& g : groups) {
        const std::string where = file + ":/" + g + "/atom_types";
        const NpyArray types = readHdf5Array(path, "/" + g + "/atom_types");
        if (types.shape.size() != 2) throw InputError(where, "", "expected frames × atoms, got shape " + shapeText(types.shape));
        for (long long f = 0; f < types.shape[0] && frame < d.frameCount(); ++f, ++frame) {
            const Frame& structure = d.frames()[std::size_t(frame)];
            for (long long a = 0; a < types.shape[1] && a < structure.atomCount(); ++a) {
                const double t = types.valueAt(f * types.shape[1] + a);
                if (t < 0 || t >= double(z.size()))
                    throw InputError(where, "", "type " + std::to_string((long long)t) + " is not in the type_map");
                const int expected = structure.species[std::size_t(a)];
                if (z[std::size_t(t)] != expected)
                    throw InputError(where, "", "frame " + std::to_string(frame + 1) + ", atom " + std::to_string(a + 1) +
                                                    " is " + elementSymbol(expected) + " in " + structures + " but " +
                                                    (*typeMap)[std::size_t(t)] + " here (are the systems in the "
                                                    "order of the structure file?)");
            }
        }
    }
}

} // namespace

bool looksLikeDeepmdEmbedding(const std::vector<Hdf5DatasetInfo>& datasets) {
    if (datasets.empty()) return false;
    for (const auto& d : datasets)
        if (groupAndLeaf(d.path).first.empty()) return false;
    for (const auto& g : groupsOf(datasets))
        if (hasDataset(datasets, g, "descriptor") || hasDataset(datasets, g, "atomic_feature")) return true;
    return false;
}

std::vector<FeatureSet> readDeepmdEmbedding(const std::string& path, const Dataset& d, const std::string& stem) {
    const auto datasets = listHdf5Datasets(path);
    const auto groups = groupsOf(datasets);
    const std::string file = std::filesystem::path(path).filename().string();
    std::vector<FeatureSet> out;
    for (const std::string leaf : {"descriptor", "atomic_feature", "structural_feature"}) {
        if (!std::all_of(groups.begin(), groups.end(), [&](const std::string& g) { return hasDataset(datasets, g, leaf); }))
            continue;
        // Messages name the one group, or all of them with a wildcard.
        const std::string source = file + ":/" + (groups.size() == 1 ? groups.front() : std::string("*")) + "/" + leaf;
        std::vector<NpyArray> arrays;
        for (const auto& g : groups) arrays.push_back(readHdf5Array(path, "/" + g + "/" + leaf));
        FeatureSet f;
        f.name = stem + "/" + leaf;
        f.origin = source;
        if (leaf != "structural_feature") {
            std::vector<const NpyArray*> blocks;
            for (const auto& a : arrays) blocks.push_back(&a);
            f.level = Level::Atom;
            f.data = stackFrameBlocks(d, blocks, source);
        } else { // per frame: the groups' rows one after the other
            long long rows = 0, width = arrays.front().shape.size() == 2 ? arrays.front().shape[1] : -1;
            for (const auto& a : arrays) {
                if (a.shape.size() != 2 || a.shape[1] != width)
                    throw InputError(source, "", "expected 2-D arrays (frames × features) of one width, got shape " +
                                                     shapeText(a.shape));
                rows += a.shape[0];
            }
            if (rows != d.frameCount())
                throw InputError(source, "", "holds " + std::to_string(rows) + " frames but the structures have " +
                                                 std::to_string(d.frameCount()));
            MatrixD m(rows, width);
            Eigen::Index row = 0;
            for (const auto& a : arrays) {
                for (long long i = 0; i < a.elementCount(); ++i) m.data()[row * width + i] = a.valueAt(i);
                row += Eigen::Index(a.shape[0]);
            }
            f.level = Level::Structure;
            if (arrays.front().type == NpyType::Float32) f.data = MatrixF(m.cast<float>());
            else f.data = std::move(m);
        }
        out.push_back(std::move(f));
    }
    if (out.empty())
        throw InputError(path, "", "not a dp embed file: no descriptor/atomic_feature dataset in every group (" +
                                       describeHdf5Datasets(datasets) + ")");
    checkAtomTypes(path, groups, datasets, d);
    return out;
}

} // namespace le
