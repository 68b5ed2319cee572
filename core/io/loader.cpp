#include "core/io/loader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/io/chemiscope_reader.h"
#include "core/io/deepmd_embedding.h"
#include "core/io/extxyz_reader.h"
#include "core/io/file_bytes.h"
#include "core/io/frame_blocks.h"
#include "core/io/gzip.h"
#include "core/io/hdf5_features.h"
#include "core/io/hdf5_project.h"
#include "core/io/metatensor_reader.h"
#include "core/io/npy.h"
#include "core/io/npy_features.h"
#include "core/io/npz.h"
#include "core/util/error.h"

namespace le {

namespace {

std::string lowerCase(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

bool isHdf5Name(const std::string& lower) { return endsWith(lower, ".h5") || endsWith(lower, ".hdf5"); }

Dataset readStructures(const std::string& path, const TaskContext& ctx, std::vector<std::string>* warnings) {
    const std::string lower = lowerCase(path);
    if (isFeatureFileArgument(path))
        throw InputError(path, "", "the first file must hold the structures (.xyz/.extxyz, chemiscope .json(.gz) "
                                   "or a .h5 project); feature files (.npy/.npz/.mts, HDF5 datasets) come after it");
    if (endsWith(lower, ".json") || endsWith(lower, ".json.gz")) return readChemiscope(path, ctx);
    if (isHdf5Name(lower)) return readProject(path, ctx).dataset;
    if (endsWith(lower, ".gz")) { // e.g. data.extxyz.gz
        const std::string text = gunzip(readFileBytes(path), path);
        requireUtf8(text, path);
        return parseExtxyz(text, path, ctx, warnings);
    }
    return readExtxyz(path, ctx, warnings);
}

// Rows decide the level: per atom when they match the atom count, else per structure.
std::optional<Level> levelForRows(const Dataset& d, long long rows) {
    if (rows == d.atomCount()) return Level::Atom;
    if (rows == d.frameCount()) return Level::Structure;
    return std::nullopt;
}

std::string countsOf(const Dataset& d) {
    return fileName(d.sourceFiles.front()) + " (" + std::to_string(d.atomCount()) + " atoms in " +
           std::to_string(d.frameCount()) + (d.frameCount() == 1 ? " frame)" : " frames)");
}

// Attaches one array: 2-D numeric → feature set, 1-D numeric or text → property, 3-D
// (frames × atoms × features, DeePMD) → per-atom feature set checked frame by frame.
// Returns false (and leaves `why`) when its rows match neither atoms nor frames.
bool attachArray(Dataset& d, const NpyArray& a, const std::string& name, const std::string& origin, std::string& why) {
    if (a.shape.size() == 3 && a.isNumeric()) {
        d.addFeatureSet(FeatureSet{name, Level::Atom, stackFrameBlocks(d, {&a}, origin), origin});
        return true;
    }
    if (a.shape.size() > 3 || a.shape.empty()) {
        why = origin + " is a " + std::to_string(a.shape.size()) + "-D array; expected 1-D, 2-D (rows × features) "
                       "or 3-D (frames × atoms × features)";
        return false;
    }
    const auto level = levelForRows(d, a.shape[0]);
    if (!level) {
        why = origin + " has " + std::to_string(a.shape[0]) + " rows";
        return false;
    }
    if (a.type == NpyType::Text) {
        Property p{name, *level, true, {}, a.text};
        d.addProperty(std::move(p));
    } else if (a.shape.size() == 1) {
        d.addProperty(Property{name, *level, false, a.toMatrixD(), {}});
    } else {
        FeatureSet f;
        f.name = name;
        f.level = *level;
        f.data = a.toFeatureData();
        f.origin = origin;
        d.addFeatureSet(std::move(f));
    }
    return true;
}

std::string stemOf(const std::string& path) { return std::filesystem::path(path).stem().string(); }

[[noreturn]] void refuseRows(const Dataset& d, const std::string& path, const std::string& why) {
    throw InputError(path, "", why + ", but rows must equal the atom or frame count of " + countsOf(d));
}

void attachSingleArray(Dataset& d, const NpyArray& a, const std::string& name, const std::string& path,
                       const std::string& origin) {
    std::string why;
    if (!attachArray(d, a, name, origin, why)) refuseRows(d, path, why);
}

// A float .npy used as is (memory-mapped or read straight into the matrix): 2-D, rows = atoms
// or frames, or 3-D frames × atoms × features checked frame by frame.
void attachNpyMatrix(Dataset& d, const NpyFeatureMatrix& m, const std::string& name, const std::string& path,
                     const std::string& origin) {
    if (m.shape.size() == 3) {
        checkFrameShapes(d, {m.shape}, origin);
        d.addFeatureSet(FeatureSet{name, Level::Atom, m.data, origin});
        return;
    }
    const auto level = levelForRows(d, m.shape[0]);
    if (!level) refuseRows(d, path, origin + " has " + std::to_string(m.shape[0]) + " rows");
    d.addFeatureSet(FeatureSet{name, *level, m.data, origin});
}

void attachNpyFile(Dataset& d, const std::string& path, const LoadOptions& options) {
    std::error_code error; // a missing file reads as size 0 here and is reported by the reader
    const auto size = std::filesystem::file_size(path, error);
    const NpyAccess access = !error && size >= options.mapNpyFromBytes ? NpyAccess::Map : NpyAccess::Read;
    if (const auto matrix = readNpyFeatureMatrix(path, access))
        attachNpyMatrix(d, *matrix, stemOf(path), path, fileName(path));
    else
        attachSingleArray(d, readNpy(path), stemOf(path), path, fileName(path));
}

// A plain .h5 after the structures: DeePMD's `dp embed` layout, else the user must say which dataset.
void attachHdf5File(Dataset& d, const std::string& path) {
    if (isProjectHdf5(path))
        throw InputError(path, "", "a Latent Explorer project is opened on its own, not as a feature file");
    const auto datasets = listHdf5Datasets(path);
    if (!looksLikeDeepmdEmbedding(datasets))
        throw InputError(path, "", "name the dataset to read as " + fileName(path) + ":/group/dataset; datasets: " +
                                       describeHdf5Datasets(datasets));
    for (auto& f : readDeepmdEmbedding(path, d, stemOf(path))) d.addFeatureSet(std::move(f));
}

void attachFeatureFile(Dataset& d, const std::string& path, std::vector<std::string>* warnings,
                       const LoadOptions& options) {
    const std::string lower = lowerCase(path);
    if (const auto ref = splitHdf5DatasetArgument(path)) {
        const std::string dataset = ref->dataset.front() == '/' ? ref->dataset : "/" + ref->dataset;
        attachSingleArray(d, readHdf5Array(ref->file, dataset), stemOf(ref->file) + dataset, path,
                          fileName(ref->file) + ":" + dataset);
        d.sourceFiles.push_back(path);
        return;
    }
    if (endsWith(lower, ".npy")) {
        attachNpyFile(d, path, options);
        d.sourceFiles.push_back(path);
        return;
    }
    if (endsWith(lower, ".mts")) {
        d.addFeatureSet(metatensorFeatureSet(readMetatensor(path), d, stemOf(path), fileName(path)));
        d.sourceFiles.push_back(path);
        return;
    }
    if (isHdf5Name(lower)) {
        attachHdf5File(d, path);
        d.sourceFiles.push_back(path);
        return;
    }
    if (!endsWith(lower, ".npz"))
        throw InputError(path, "", "unknown feature file type; expected .npy, .npz, .mts, .h5 or file.h5:/dataset");
    std::vector<std::string> skipped;
    const auto members = readNpz(path, &skipped);
    std::vector<std::string> mismatches;
    int attached = 0;
    for (const auto& m : members) {
        std::string why;
        if (attachArray(d, m.array, m.key, fileName(path) + ":" + m.key, why)) ++attached;
        else mismatches.push_back(why);
    }
    if (attached == 0) {
        std::string message = "no array has as many rows as " + countsOf(d) + " has atoms or frames";
        for (const auto& m : mismatches) message += "; " + m;
        for (const auto& s : skipped) message += "; " + s;
        throw InputError(path, "", message);
    }
    if (warnings) {
        for (const auto& m : mismatches)
            warnings->push_back("skipped " + m + " (matches neither count of " + countsOf(d) + ")");
        for (const auto& s : skipped) warnings->push_back("skipped " + s);
    }
    d.sourceFiles.push_back(path);
}

} // namespace

bool isFeatureFileArgument(const std::string& path) {
    const std::string lower = lowerCase(path);
    if (endsWith(lower, ".npy") || endsWith(lower, ".npz") || endsWith(lower, ".mts")) return true;
    if (splitHdf5DatasetArgument(path)) return true;
    return isHdf5Name(lower) && isHdf5File(path) && !isProjectHdf5(path);
}

std::string featureFileLabel(const std::string& path) {
    if (const auto ref = splitHdf5DatasetArgument(path)) {
        const std::string dataset = ref->dataset.front() == '/' ? ref->dataset : "/" + ref->dataset;
        return fileName(ref->file) + ":" + dataset;
    }
    return fileName(path);
}

Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx) {
    return loadDataset(paths, ctx, nullptr);
}

Dataset loadDataset(const std::vector<std::string>& paths, const TaskContext& ctx, std::vector<std::string>* warnings,
                    const LoadOptions& options) {
    if (paths.empty()) throw InputError("", "", "no file given");
    const double structureShare = paths.size() == 1 ? 1.0 : 0.7;
    Dataset d = readStructures(paths[0], ctx.subRange(0, structureShare), warnings);
    d.sourceFiles = {paths[0]};
    for (std::size_t i = 1; i < paths.size(); ++i) {
        ctx.throwIfCancelled();
        ctx.report(structureShare + (1 - structureShare) * double(i - 1) / double(paths.size() - 1),
                   "reading " + featureFileLabel(paths[i]));
        attachFeatureFile(d, paths[i], warnings, options);
    }
    ctx.report(1.0, "loaded");
    return d;
}

} // namespace le
