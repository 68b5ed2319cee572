// `latent-explorer info FILE [FEATURE_FILES...] [--json]`: what was loaded, for checking a
// dataset before an analysis (frames, atoms, species, periodicity, feature sets, properties).
// A lone .npy/.npz/.mts or non-project HDF5 file lists its arrays / blocks / datasets.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <map>

#include "app/cli/command_registry.h"
#include "core/dataset/elements.h"
#include "core/io/hdf5_features.h"
#include "core/io/loader.h"
#include "core/io/metatensor_reader.h"
#include "core/io/npy.h"
#include "core/io/npz.h"

namespace {

// A lone file that holds arrays but no structures: .npy, .npz, .mts, a non-project HDF5 file.
bool isArrayFile(const std::string& path) { return le::isFeatureFileArgument(path); }

QJsonArray shapeJson(const std::vector<long long>& shape) {
    QJsonArray a;
    for (auto d : shape) a.append(double(d));
    return a;
}

QJsonObject arrayJson(const std::string& name, const std::vector<long long>& shape, const std::string& dtype) {
    return QJsonObject{{"name", QString::fromStdString(name)}, {"shape", shapeJson(shape)},
                       {"dtype", QString::fromStdString(dtype)}};
}

// A lone feature file: its arrays (npy/npz), blocks (metatensor) or datasets (HDF5).
QJsonObject describeArrays(const std::string& path, QJsonArray& warnings) {
    std::vector<le::NpzMember> members;
    std::vector<std::string> skipped;
    QJsonArray arrays;
    const QString name = QString::fromStdString(path);
    if (const auto ref = le::splitHdf5DatasetArgument(path)) {
        const le::NpyArray a = le::readHdf5Array(ref->file, ref->dataset);
        arrays.append(arrayJson(ref->dataset, a.shape, a.dtypeName()));
    } else if (name.endsWith(".mts", Qt::CaseInsensitive)) {
        const le::MetatensorTensor t = le::readMetatensor(path);
        for (const auto& b : t.blocks) {
            std::string samples;
            for (const auto& n : b.samples.names) samples += (samples.empty() ? "" : ",") + n;
            arrays.append(arrayJson(b.member + " [samples: " + samples + "]", b.values.shape, b.values.dtypeName()));
        }
    } else if (name.endsWith(".h5", Qt::CaseInsensitive) || name.endsWith(".hdf5", Qt::CaseInsensitive)) {
        for (const auto& d : le::listHdf5Datasets(path)) arrays.append(arrayJson(d.path, d.shape, d.dtype));
    } else if (name.endsWith(".npy", Qt::CaseInsensitive)) {
        members.push_back({"", le::readNpy(path)});
    } else {
        members = le::readNpz(path, &skipped);
    }
    for (const auto& m : members) arrays.append(arrayJson(m.key, m.array.shape, m.array.dtypeName()));
    for (const auto& s : skipped) warnings.append(QString::fromStdString(s));
    return QJsonObject{{"file", QString::fromStdString(path)}, {"arrays", arrays}};
}

QJsonObject describeDataset(const le::Dataset& d) {
    std::map<int, long long> species;
    for (const auto& f : d.frames())
        for (int z : f.species) ++species[z];
    QJsonObject speciesJson;
    for (auto [z, n] : species) speciesJson[le::elementSymbol(z)] = double(n);
    long long periodic = 0;
    for (const auto& f : d.frames()) periodic += f.isPeriodic();

    QJsonArray features;
    for (const auto& f : d.featureSets())
        features.append(QJsonObject{{"name", QString::fromStdString(f.name)},
                                    {"level", le::levelName(f.level)},
                                    {"shape", shapeJson({f.rows(), f.cols()})},
                                    {"dtype", f.dtypeName()},
                                    {"origin", QString::fromStdString(f.origin)}});
    QJsonArray properties;
    for (const auto& p : d.properties())
        properties.append(QJsonObject{{"name", QString::fromStdString(p.name)},
                                      {"level", le::levelName(p.level)},
                                      {"width", double(p.width())},
                                      {"type", p.isText ? "text" : "number"}});
    QJsonArray files;
    for (const auto& s : d.sourceFiles) files.append(QString::fromStdString(s));
    return QJsonObject{{"files", files},
                       {"frames", double(d.frameCount())},
                       {"atoms", double(d.atomCount())},
                       {"species", speciesJson},
                       {"periodic_frames", double(periodic)},
                       {"feature_sets", features},
                       {"properties", properties}};
}

void printArrays(const QJsonObject& o) {
    std::printf("file: %s\n", qPrintable(o["file"].toString()));
    for (const auto& v : o["arrays"].toArray()) {
        const auto a = v.toObject();
        std::vector<long long> shape;
        for (const auto& d : a["shape"].toArray()) shape.push_back((long long)d.toDouble());
        const QString name = a["name"].toString();
        std::printf("  %-32s %-16s %s\n", qPrintable(name.isEmpty() ? QString("(array)") : name),
                    le::shapeText(shape).c_str(), qPrintable(a["dtype"].toString()));
    }
}

void printDataset(const QJsonObject& o) {
    QStringList files;
    for (const auto& f : o["files"].toArray()) files << f.toString();
    std::printf("files:    %s\n", qPrintable(files.join(", ")));
    const long long frames = (long long)o["frames"].toDouble();
    const long long periodic = (long long)o["periodic_frames"].toDouble();
    std::printf("frames:   %lld\n", frames);
    std::printf("atoms:    %lld\n", (long long)o["atoms"].toDouble());
    QStringList species;
    const auto sp = o["species"].toObject();
    for (int z = 0; z <= 118; ++z) {
        const QString symbol = le::elementSymbol(z);
        if (z > 0 && symbol == "X") continue;
        if (sp.contains(symbol))
            species << symbol + " " + QString::number((long long)sp[symbol].toDouble());
    }
    std::printf("species:  %s\n", qPrintable(species.join(", ")));
    std::printf("periodic: %s\n", periodic == 0 ? "no"
                                  : periodic == frames ? "yes"
                                                       : qPrintable(QString("%1 of %2 frames").arg(periodic).arg(frames)));
    const auto features = o["feature_sets"].toArray();
    std::printf("feature sets: %lld\n", (long long)features.size());
    for (const auto& v : features) {
        const auto f = v.toObject();
        const auto shape = f["shape"].toArray();
        std::printf("  %-32s %-9s %8lld x %-6lld %-8s %s\n", qPrintable(f["name"].toString()),
                    qPrintable(f["level"].toString()), (long long)shape[0].toDouble(),
                    (long long)shape[1].toDouble(), qPrintable(f["dtype"].toString()),
                    qPrintable(f["origin"].toString()));
    }
    const auto properties = o["properties"].toArray();
    std::printf("properties: %lld\n", (long long)properties.size());
    for (const auto& v : properties) {
        const auto p = v.toObject();
        std::printf("  %-32s %-9s width %-4lld %s\n", qPrintable(p["name"].toString()),
                    qPrintable(p["level"].toString()), (long long)p["width"].toDouble(),
                    qPrintable(p["type"].toString()));
    }
}

int runInfo(const QStringList& args) {
    bool json = false;
    std::vector<std::string> paths;
    for (const auto& a : args) {
        if (a == "--json") json = true;
        else if (a.startsWith("--")) {
            std::fprintf(stderr, "latent-explorer info: unknown option %s\n", qPrintable(a));
            return 2;
        } else paths.push_back(a.toStdString());
    }
    if (paths.empty()) {
        std::fprintf(stderr, "latent-explorer info: give a structure file (and optional feature files)\n");
        return 2;
    }
    QJsonArray warnings;
    QJsonObject result;
    if (paths.size() == 1 && isArrayFile(paths[0])) {
        result = describeArrays(paths[0], warnings);
    } else {
        std::vector<std::string> notes;
        const le::Dataset d = le::loadDataset(paths, le::silentContext(), &notes);
        result = describeDataset(d);
        for (const auto& n : notes) warnings.append(QString::fromStdString(n));
    }
    result["warnings"] = warnings;
    if (json) {
        std::fputs(QJsonDocument(result).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        if (result.contains("arrays")) printArrays(result);
        else printDataset(result);
    }
    for (const auto& w : warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w.toString()));
    return 0;
}

} // namespace

LE_REGISTER_COMMAND("info", "describe a dataset: frames, atoms, species, feature sets, properties",
                    "Usage: latent-explorer info FILE [FEATURE_FILES...] [--json]\n\n"
                    "FILE is a structure file (.xyz/.extxyz, chemiscope .json/.json.gz, .h5 project);\n"
                    "FEATURE_FILES are .npy (2-D, or 3-D frames x atoms x features), .npz (one model per\n"
                    "array), metatensor .mts, DeePMD dp embed .h5, or FILE.h5:/group/dataset.\n"
                    "A lone .npy/.npz/.mts/.h5 (not a project) lists its arrays, blocks or datasets.\n"
                    "--json prints a JSON object instead.\n"
                    "Exit code 0 on success, 2 on bad input (the message names the file and line).",
                    runInfo);
