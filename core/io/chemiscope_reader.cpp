#include "core/io/chemiscope_reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <filesystem>
#include <limits>

#include "core/dataset/elements.h"
#include "core/io/file_bytes.h"
#include "core/io/gzip.h"
#include "core/util/error.h"

namespace le {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Context {
    const std::string& file;
    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw InputError(file, where, what);
    }
};

QJsonArray requireArray(const QJsonObject& o, const char* key, const std::string& where, const Context& c) {
    const QJsonValue v = o.value(key);
    if (!v.isArray()) c.fail(where + "." + key, "missing or not a list");
    return v.toArray();
}

double requireNumber(const QJsonValue& v, const std::string& where, const Context& c) {
    if (v.isDouble()) return v.toDouble();
    if (v.isNull()) return kNaN; // chemiscope writes missing values as null
    c.fail(where, "expected a number");
}

// Positions and cells: null (missing) or non-finite values would place atoms nowhere.
double requireFinite(const QJsonValue& v, const std::string& where, const Context& c) {
    const double x = requireNumber(v, where, c);
    if (!std::isfinite(x)) c.fail(where, "expected a finite number, got " + (v.isNull() ? std::string("null") : std::to_string(x)));
    return x;
}

Frame readStructure(const QJsonObject& s, const std::string& where, const Context& c) {
    const QJsonArray names = requireArray(s, "names", where, c);
    const QJsonArray xyz[3] = {requireArray(s, "x", where, c), requireArray(s, "y", where, c),
                               requireArray(s, "z", where, c)};
    const qsizetype n = names.size();
    for (int k = 0; k < 3; ++k)
        if (xyz[k].size() != n)
            c.fail(where, "has " + std::to_string(n) + " names but " + std::to_string(xyz[k].size()) + " " +
                              "xyz"[k] + " coordinates");
    if (s.contains("size") && s.value("size").toInteger(-1) != n)
        c.fail(where + ".size", "says " + std::to_string(s.value("size").toInteger(-1)) + " atoms but there are " +
                                    std::to_string(n) + " names");
    Frame f;
    f.species.resize(std::size_t(n));
    f.positions.resize(n, 3);
    for (qsizetype i = 0; i < n; ++i) {
        const std::string symbol = names.at(i).toString().toStdString();
        f.species[std::size_t(i)] = atomicNumber(symbol);
        if (f.species[std::size_t(i)] == 0 && symbol != "X")
            c.fail(where + ".names[" + std::to_string(i) + "]", "unknown element symbol \"" + symbol.substr(0, 20) + "\"");
        for (int k = 0; k < 3; ++k)
            f.positions(i, k) = requireFinite(xyz[k].at(i), where + "." + "xyz"[k] + "[" + std::to_string(i) + "]", c);
    }
    if (s.contains("cell")) {
        const QJsonArray cell = requireArray(s, "cell", where, c);
        if (cell.size() != 9) c.fail(where + ".cell", "must hold 9 numbers, got " + std::to_string(cell.size()));
        for (int k = 0; k < 9; ++k) f.cell(k / 3, k % 3) = requireFinite(cell.at(k), where + ".cell", c);
        f.hasCell = true;
        f.pbc = {true, true, true};
    }
    return f;
}

// Global atom index of each environment (or every atom in order when there are none).
std::vector<Eigen::Index> environmentAtoms(const QJsonObject& root, const Dataset& d, const Context& c) {
    std::vector<Eigen::Index> atoms;
    if (!root.contains("environments")) {
        atoms.resize(std::size_t(d.atomCount()));
        for (std::size_t i = 0; i < atoms.size(); ++i) atoms[i] = Eigen::Index(i);
        return atoms;
    }
    const QJsonArray envs = root.value("environments").toArray();
    atoms.reserve(std::size_t(envs.size()));
    for (qsizetype i = 0; i < envs.size(); ++i) {
        const QJsonObject e = envs.at(i).toObject();
        const std::string where = "environments[" + std::to_string(i) + "]";
        const long long s = e.value("structure").toInteger(-1), center = e.value("center").toInteger(-1);
        if (s < 0 || s >= d.frameCount()) c.fail(where + ".structure", "index " + std::to_string(s) + " out of range");
        if (center < 0 || center >= d.frames()[std::size_t(s)].atomCount())
            c.fail(where + ".center", "atom " + std::to_string(center) + " is not in structure " + std::to_string(s));
        atoms.push_back(d.offsets()[std::size_t(s)] + center);
    }
    return atoms;
}

// One property: values → matrix (rows = its target's count) or text labels.
void addProperty(Dataset& d, const std::string& name, const QJsonObject& p, const std::vector<Eigen::Index>& envAtoms,
                 const Context& c) {
    const std::string where = "properties['" + name + "']";
    const QString target = p.value("target").toString();
    if (target != "atom" && target != "structure") c.fail(where + ".target", "must be \"atom\" or \"structure\"");
    const bool perAtom = target == "atom";
    const QJsonArray values = requireArray(p, "values", where, c);
    const std::size_t expected = perAtom ? envAtoms.size() : std::size_t(d.frameCount());
    if (std::size_t(values.size()) != expected)
        c.fail(where + ".values", "has " + std::to_string(values.size()) + " values but there are " +
                                      std::to_string(expected) + (perAtom ? " environments" : " structures"));
    const Eigen::Index rows = perAtom ? d.atomCount() : d.frameCount();
    auto rowOf = [&](std::size_t i) { return perAtom ? envAtoms[i] : Eigen::Index(i); };
    const bool complete = !perAtom || envAtoms.size() == std::size_t(d.atomCount());

    if (!values.isEmpty() && values.at(0).isString()) {
        Property prop{name, perAtom ? Level::Atom : Level::Structure, true, {}, std::vector<std::string>(std::size_t(rows))};
        for (std::size_t i = 0; i < expected; ++i)
            prop.labels[std::size_t(rowOf(i))] = values.at(qsizetype(i)).toString().toStdString();
        d.addProperty(std::move(prop));
        return;
    }
    const qsizetype width = !values.isEmpty() && values.at(0).isArray() ? values.at(0).toArray().size() : 1;
    MatrixD m = MatrixD::Constant(rows, width, kNaN);
    for (std::size_t i = 0; i < expected; ++i) {
        const QJsonValue v = values.at(qsizetype(i));
        const std::string at = where + ".values[" + std::to_string(i) + "]";
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (a.size() != width) c.fail(at, "has " + std::to_string(a.size()) + " components, expected " + std::to_string(width));
            for (qsizetype k = 0; k < width; ++k) m(rowOf(i), k) = requireNumber(a.at(k), at, c);
        } else {
            if (width != 1) c.fail(at, "expected a list of " + std::to_string(width) + " numbers");
            m(rowOf(i), 0) = requireNumber(v, at, c);
        }
    }
    if (width >= 10 && complete && m.allFinite()) {
        d.addFeatureSet(FeatureSet{name, perAtom ? Level::Atom : Level::Structure, std::move(m),
                                   std::filesystem::path(c.file).filename().string() + ":" + name});
    } else {
        d.addProperty(Property{name, perAtom ? Level::Atom : Level::Structure, false, std::move(m), {}});
    }
}

} // namespace

Dataset parseChemiscope(const QByteArray& json, const std::string& name, const TaskContext& ctx) {
    const Context c{name};
    QJsonParseError error;
    const bool bom = json.startsWith("\xEF\xBB\xBF"); // Qt's parser refuses a byte-order mark
    const QJsonDocument doc = QJsonDocument::fromJson(bom ? json.sliced(3) : json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto line = lineOfOffset(std::string_view(json.constData(), std::size_t(json.size())),
                                       std::size_t(error.offset) + (bom ? 3 : 0));
        c.fail("line " + std::to_string(line), "invalid JSON: " + error.errorString().toStdString());
    }
    if (!doc.isObject()) c.fail("", "not a chemiscope file (expected a JSON object)");
    const QJsonObject root = doc.object();
    const QJsonArray structures = requireArray(root, "structures", "", c);
    if (structures.isEmpty()) c.fail("structures", "no structures");
    ctx.report(0.3, "reading structures");
    Dataset d;
    d.sourceFiles = {name};
    for (qsizetype i = 0; i < structures.size(); ++i) {
        if (i % 1024 == 0) ctx.throwIfCancelled();
        d.addFrame(readStructure(structures.at(i).toObject(), "structures[" + std::to_string(i) + "]", c));
    }
    const auto envAtoms = environmentAtoms(root, d, c);
    const QJsonObject properties = root.value("properties").toObject();
    bool anyAtomProperty = false;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        addProperty(d, it.key().toStdString(), it.value().toObject(), envAtoms, c);
        anyAtomProperty = anyAtomProperty || it.value().toObject().value("target").toString() == "atom";
    }
    if (anyAtomProperty && envAtoms.size() != std::size_t(d.atomCount())) {
        MatrixD isEnv = MatrixD::Zero(d.atomCount(), 1);
        for (auto a : envAtoms) isEnv(a, 0) = 1;
        d.addProperty(Property{"is_environment", Level::Atom, false, std::move(isEnv), {}});
    }
    ctx.report(1.0, "done");
    return d;
}

Dataset readChemiscope(const std::string& path, const TaskContext& ctx) {
    std::string bytes = readFileBytes(path);
    if (looksGzipped(bytes)) bytes = gunzip(bytes, path);
    if (bytes.size() > std::size_t(std::numeric_limits<qsizetype>::max() / 2))
        throw InputError(path, "", "file too large for the JSON parser");
    requireUtf8(bytes, path);
    ctx.report(0.1, "parsing JSON");
    return parseChemiscope(QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())), path, ctx);
}

} // namespace le
