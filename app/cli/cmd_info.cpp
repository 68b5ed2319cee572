// `latent-explorer info FILE [FEATURE_FILES...] [--json]`: what was loaded, for checking a
// dataset before an analysis (frames, atoms, species, periodicity, feature sets, properties).
// A lone .npy/.npz lists its arrays.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <map>

#include "app/cli/command_registry.h"
#include "core/dataset/elements.h"
#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/io/npz.h"

namespace {

bool isArrayFile(const QString& path) {
    return path.endsWith(".npy", Qt::CaseInsensitive) || path.endsWith(".npz", Qt::CaseInsensitive);
}

QJsonArray shapeJson(const std::vector<long long>& shape) {
    QJsonArray a;
    for (auto d : shape) a.append(double(d));
    return a;
}

QString shapeText(const std::vector<long long>& shape) {
    QStringList parts;
    for (auto d : shape) parts << QString::number(d);
    return "(" + parts.join(", ") + ")";
}

QJsonObject describeArrays(const std::string& path, QJsonArray& warnings) {
    std::vector<le::NpzMember> members;
    std::vector<std::string> skipped;
    if (QString::fromStdString(path).endsWith(".npy", Qt::CaseInsensitive))
        members.push_back({"", le::readNpy(path)});
    else
        members = le::readNpz(path, &skipped);
    QJsonArray arrays;
    for (const auto& m : members)
        arrays.append(QJsonObject{{"name", QString::fromStdString(m.key)},
                                  {"shape", shapeJson(m.array.shape)},
                                  {"dtype", m.array.dtypeName()}});
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
                    qPrintable(shapeText(shape)), qPrintable(a["dtype"].toString()));
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
    if (paths.size() == 1 && isArrayFile(QString::fromStdString(paths[0]))) {
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
                    "FEATURE_FILES are .npy (one model, named by the file stem) or .npz (one model per\n"
                    "array). A lone .npy/.npz lists its arrays. --json prints a JSON object instead.\n"
                    "Exit code 0 on success, 2 on bad input (the message names the file and line).",
                    runInfo);
