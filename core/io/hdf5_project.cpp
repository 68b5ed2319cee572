#include "core/io/hdf5_project.h"

#include <cmath>
#include <stdexcept>

#include "core/io/atomic_file.h"
#include "core/io/hdf5_project_info.h"
#include "core/io/hdf5_util.h"
#include "core/util/error.h"

namespace le {

using h5::Handle;
using h5::Place;

namespace {

// Array keys of a result become link names: '/' cannot appear in one, '.' alone is special.
std::string escapeKey(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '%') out += "%25";
        else if (c == '/') out += "%2F";
        else out += c;
    }
    if (out.empty() || out == "." || out == "..") out = "%2E" + out;
    return out;
}

std::string unescapeKey(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const std::string_view code = std::string_view(name).substr(i, 3);
        if (code == "%25") out += '%', i += 2;
        else if (code == "%2F") out += '/', i += 2;
        else if (code == "%2E") i += 2;
        else out += name[i];
    }
    return out;
}

Level levelFrom(const std::optional<std::string>& text, const Place& place) {
    if (text == "atom") return Level::Atom;
    if (text == "structure") return Level::Structure;
    place.fail("attribute 'level' must be \"atom\" or \"structure\"");
}

void writeStructures(hid_t file, const Dataset& d, const Place& root) {
    const Place at = root.child("structures");
    Handle g = h5::createGroup(file, at);
    const auto nAtoms = hsize_t(d.atomCount()), nFrames = hsize_t(d.frameCount());
    std::vector<long long> species, offsets(d.offsets().begin(), d.offsets().end());
    std::vector<double> positions, cells;
    std::vector<long long> hasCell, pbc;
    std::vector<std::string> info;
    for (const auto& f : d.frames()) {
        species.insert(species.end(), f.species.begin(), f.species.end());
        positions.insert(positions.end(), f.positions.data(), f.positions.data() + f.positions.size());
        for (int k = 0; k < 9; ++k) cells.push_back(f.cell(k / 3, k % 3));
        hasCell.push_back(f.hasCell);
        for (bool p : f.pbc) pbc.push_back(p);
        info.push_back(infoToJson(f.info));
    }
    h5::writeInt64s(g.id(), at.child("species"), {nAtoms}, species.data());
    h5::writeDoubles(g.id(), at.child("positions"), {nAtoms, 3}, positions.data());
    h5::writeInt64s(g.id(), at.child("frame_offsets"), {nFrames + 1}, offsets.data());
    h5::writeDoubles(g.id(), at.child("cells"), {nFrames, 3, 3}, cells.data());
    h5::writeInt64s(g.id(), at.child("has_cell"), {nFrames}, hasCell.data());
    h5::writeInt64s(g.id(), at.child("pbc"), {nFrames, 3}, pbc.data());
    h5::writeStrings(g.id(), at.child("info"), info);
}

void writeFeatures(hid_t file, const Dataset& d, const Place& root) {
    const Place at = root.child("features");
    Handle g = h5::createGroup(file, at);
    for (std::size_t i = 0; i < d.featureSets().size(); ++i) {
        const FeatureSet& f = d.featureSets()[i];
        const Place item = at.child(std::to_string(i));
        const std::vector<hsize_t> dims{hsize_t(f.rows()), hsize_t(f.cols())};
        if (f.isFloat32()) h5::writeFloats(g.id(), item, dims, std::get<MatrixViewF>(f.data).data());
        else h5::writeDoubles(g.id(), item, dims, std::get<MatrixViewD>(f.data).data());
        Handle set(H5Dopen2(g.id(), std::to_string(i).c_str(), H5P_DEFAULT), H5Dclose);
        h5::setAttribute(set.id(), item, "name", f.name);
        h5::setAttribute(set.id(), item, "level", levelName(f.level));
        h5::setAttribute(set.id(), item, "origin", f.origin);
        h5::setAttribute(set.id(), item, "enabled", (long long)f.enabled);
    }
}

void writeProperties(hid_t file, const Dataset& d, const Place& root) {
    const Place at = root.child("properties");
    Handle g = h5::createGroup(file, at);
    for (std::size_t i = 0; i < d.properties().size(); ++i) {
        const Property& p = d.properties()[i];
        const Place item = at.child(std::to_string(i));
        if (p.isText) h5::writeStrings(g.id(), item, p.labels);
        else h5::writeDoubles(g.id(), item, {hsize_t(p.numbers.rows()), hsize_t(p.numbers.cols())}, p.numbers.data());
        Handle set(H5Dopen2(g.id(), std::to_string(i).c_str(), H5P_DEFAULT), H5Dclose);
        h5::setAttribute(set.id(), item, "name", p.name);
        h5::setAttribute(set.id(), item, "level", levelName(p.level));
    }
}

void writeResults(hid_t file, const std::vector<StoredResult>& results, const Place& root) {
    const Place at = root.child("results");
    Handle g = h5::createGroup(file, at);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const StoredResult& r = results[i];
        const Place item = at.child(std::to_string(i));
        Handle rg = h5::createGroup(g.id(), item);
        h5::setAttribute(rg.id(), item, "result_name", r.name);
        for (const auto& [key, value] : r.attributes) {
            if (key == "result_name") throw std::invalid_argument("result attribute 'result_name' is reserved");
            h5::setAttribute(rg.id(), item, key, value);
        }
        for (const auto& [key, m] : r.arrays)
            h5::writeDoubles(rg.id(), item.child(escapeKey(key)), {hsize_t(m.rows()), hsize_t(m.cols())}, m.data());
    }
}

Dataset readStructures(hid_t file, const Place& root) {
    const Place at = root.child("structures");
    Handle g = h5::openGroup(file, at);
    std::vector<hsize_t> dims;
    const auto species = h5::readInt64s(g.id(), at.child("species"), dims);
    const auto offsets = h5::readInt64s(g.id(), at.child("frame_offsets"), dims);
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != (long long)species.size())
        at.child("frame_offsets").fail("must start at 0 and end at the atom count (" + std::to_string(species.size()) + ")");
    const std::size_t nFrames = offsets.size() - 1;
    const auto positions = h5::readNumeric(g.id(), at.child("positions"));
    if (positions.dims != std::vector<hsize_t>{species.size(), 3} || positions.isFloat32)
        at.child("positions").fail("expected float64 (" + std::to_string(species.size()) + ", 3)");
    const auto cells = h5::readNumeric(g.id(), at.child("cells"));
    if (cells.dims != std::vector<hsize_t>{nFrames, 3, 3} || cells.isFloat32)
        at.child("cells").fail("expected float64 (" + std::to_string(nFrames) + ", 3, 3)");
    // The same checks as the text readers: elements exist, coordinates are finite.
    for (std::size_t a = 0; a < species.size(); ++a)
        if (species[a] < 0 || species[a] > 118)
            at.child("species").fail("atom " + std::to_string(a + 1) + " has atomic number " + std::to_string(species[a]));
    for (std::size_t i = 0; i < positions.doubles.size(); ++i)
        if (!std::isfinite(positions.doubles[i]))
            at.child("positions").fail("atom " + std::to_string(i / 3 + 1) + " has a non-finite coordinate");
    for (std::size_t i = 0; i < cells.doubles.size(); ++i)
        if (!std::isfinite(cells.doubles[i]))
            at.child("cells").fail("frame " + std::to_string(i / 9 + 1) + " has a non-finite cell vector");
    const auto hasCell = h5::readInt64s(g.id(), at.child("has_cell"), dims);
    if (hasCell.size() != nFrames) at.child("has_cell").fail("expected " + std::to_string(nFrames) + " values");
    const auto pbc = h5::readInt64s(g.id(), at.child("pbc"), dims);
    if (pbc.size() != 3 * nFrames) at.child("pbc").fail("expected (" + std::to_string(nFrames) + ", 3) values");
    const auto info = h5::readStrings(g.id(), at.child("info"));
    if (info.size() != nFrames) at.child("info").fail("expected " + std::to_string(nFrames) + " strings");

    Dataset d;
    for (std::size_t f = 0; f < nFrames; ++f) {
        const long long begin = offsets[f], end = offsets[f + 1];
        if (end < begin) at.child("frame_offsets").fail("offsets decrease at frame " + std::to_string(f));
        Frame frame;
        for (long long a = begin; a < end; ++a) frame.species.push_back(int(species[std::size_t(a)]));
        frame.positions = Eigen::Map<const Positions>(positions.doubles.data() + 3 * begin, end - begin, 3);
        for (int k = 0; k < 9; ++k) frame.cell(k / 3, k % 3) = cells.doubles[9 * f + std::size_t(k)];
        frame.hasCell = hasCell[f] != 0;
        for (int k = 0; k < 3; ++k) frame.pbc[std::size_t(k)] = pbc[3 * f + std::size_t(k)] != 0;
        try {
            frame.info = infoFromJson(info[f]);
        } catch (const std::runtime_error& e) {
            at.child("info").fail("frame " + std::to_string(f) + ": " + e.what());
        }
        d.addFrame(std::move(frame));
    }
    return d;
}

MatrixD toMatrix(const h5::NumericData& n, const Place& place) {
    if (n.dims.size() != 2) place.fail("expected a 2-D dataset");
    MatrixD m(Eigen::Index(n.dims[0]), Eigen::Index(n.dims[1]));
    for (std::size_t i = 0; i < n.count(); ++i) m.data()[i] = n.isFloat32 ? double(n.floats[i]) : n.doubles[i];
    return m;
}

void readFeatures(hid_t file, Dataset& d, const Place& root, const std::string& path) {
    const Place at = root.child("features");
    Handle g = h5::openGroup(file, at);
    const auto names = h5::childNames(g.id(), at);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Place item = at.child(std::to_string(i));
        const auto data = h5::readNumeric(g.id(), item);
        if (data.dims.size() != 2) item.fail("expected a 2-D dataset");
        Handle set(H5Dopen2(g.id(), std::to_string(i).c_str(), H5P_DEFAULT), H5Dclose);
        FeatureSet f;
        f.name = h5::stringAttribute(set.id(), item, "name").value_or("features " + std::to_string(i));
        f.level = levelFrom(h5::stringAttribute(set.id(), item, "level"), item);
        f.origin = h5::stringAttribute(set.id(), item, "origin").value_or(path + ":" + item.path);
        f.enabled = h5::intAttribute(set.id(), item, "enabled").value_or(1) != 0;
        if (data.isFloat32)
            f.data = MatrixF(Eigen::Map<const MatrixF>(data.floats.data(), Eigen::Index(data.dims[0]), Eigen::Index(data.dims[1])));
        else
            f.data = toMatrix(data, item);
        try {
            d.addFeatureSet(std::move(f));
        } catch (const InputError& e) {
            item.fail(e.what());
        }
    }
}

void readProperties(hid_t file, Dataset& d, const Place& root) {
    const Place at = root.child("properties");
    Handle g = h5::openGroup(file, at);
    const auto names = h5::childNames(g.id(), at);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Place item = at.child(std::to_string(i));
        Handle set(H5Dopen2(g.id(), std::to_string(i).c_str(), H5P_DEFAULT), H5Dclose);
        if (!set.valid()) item.fail("missing dataset");
        Handle type(H5Dget_type(set.id()), H5Tclose);
        Property p;
        p.name = h5::stringAttribute(set.id(), item, "name").value_or("property " + std::to_string(i));
        p.level = levelFrom(h5::stringAttribute(set.id(), item, "level"), item);
        p.isText = H5Tget_class(type.id()) == H5T_STRING;
        if (p.isText) p.labels = h5::readStrings(g.id(), item);
        else p.numbers = toMatrix(h5::readNumeric(g.id(), item), item);
        try {
            d.addProperty(std::move(p));
        } catch (const InputError& e) {
            item.fail(e.what());
        }
    }
}

std::vector<StoredResult> readResults(hid_t file, const Place& root) {
    const Place at = root.child("results");
    std::vector<StoredResult> results;
    if (!h5::exists(file, "results")) return results;
    Handle g = h5::openGroup(file, at);
    const auto names = h5::childNames(g.id(), at);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Place item = at.child(std::to_string(i));
        Handle rg = h5::openGroup(g.id(), item);
        StoredResult r;
        for (const auto& a : h5::attributeNames(rg.id(), item)) {
            const std::string value = h5::stringAttribute(rg.id(), item, a).value_or("");
            if (a == "result_name") r.name = value;
            else r.attributes[a] = value;
        }
        for (const auto& child : h5::childNames(rg.id(), item))
            r.arrays[unescapeKey(child)] = toMatrix(h5::readNumeric(rg.id(), item.child(child)), item.child(child));
        results.push_back(std::move(r));
    }
    return results;
}

} // namespace

void writeProject(const std::string& path, const Project& project, const TaskContext& ctx) {
    h5::quietErrors();
    writeFileAtomically(path, [&](const std::string& temp) {
        Handle file(H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
        if (!file.valid()) h5::fail(path, "", "cannot create the HDF5 file (is the folder writable?)");
        const Place root{path, "/"};
        h5::setAttribute(file.id(), root, "format", kProjectFormat);
        h5::setAttribute(file.id(), root, "version", kProjectVersion);
        ctx.report(0.0, "writing structures");
        writeStructures(file.id(), project.dataset, root);
        ctx.throwIfCancelled();
        ctx.report(0.3, "writing feature sets");
        writeFeatures(file.id(), project.dataset, root);
        ctx.throwIfCancelled();
        writeProperties(file.id(), project.dataset, root);
        writeResults(file.id(), project.results, root);
        h5::writeString(file.id(), root.child("settings"), project.settingsJson);
        h5::writeStrings(file.id(), root.child("source_files"), project.dataset.sourceFiles);
        if (H5Fflush(file.id(), H5F_SCOPE_GLOBAL) < 0) h5::fail(path, "", "cannot flush the HDF5 file");
        ctx.report(1.0, "saved");
    });
}

Project readProject(const std::string& path, const TaskContext& ctx) {
    h5::quietErrors();
    if (H5Fis_hdf5(path.c_str()) <= 0) h5::fail(path, "", "not an HDF5 file (or it cannot be opened)");
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) h5::fail(path, "", "cannot open the HDF5 file");
    const Place root{path, "/"};
    if (h5::stringAttribute(file.id(), root, "format") != std::string(kProjectFormat))
        root.fail("not a Latent Explorer project (root attribute format != \"latent-explorer-project\")");
    const long long version = h5::intAttribute(file.id(), root, "version").value_or(0);
    if (version < 1 || version > kProjectVersion)
        root.fail("project format version " + std::to_string(version) + " is not supported by this build");
    Project project;
    ctx.report(0.0, "reading structures");
    project.dataset = readStructures(file.id(), root);
    ctx.throwIfCancelled();
    ctx.report(0.3, "reading feature sets");
    readFeatures(file.id(), project.dataset, root, path);
    readProperties(file.id(), project.dataset, root);
    project.results = readResults(file.id(), root);
    if (h5::exists(file.id(), "settings")) project.settingsJson = h5::readString(file.id(), root.child("settings"));
    if (h5::exists(file.id(), "source_files")) project.dataset.sourceFiles = h5::readStrings(file.id(), root.child("source_files"));
    ctx.report(1.0, "loaded");
    return project;
}

} // namespace le
