#include "core/descriptors/demo_manifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/io/loader.h"
#include "core/util/error.h"

namespace le {

namespace {

struct Reader {
    std::string file;
    QDir folder;

    [[noreturn]] void fail(const std::string& where, const std::string& message) const {
        throw InputError(file, where, message);
    }
    std::string text(const QJsonObject& o, const char* key, const std::string& where, bool required) const {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required) return {};
        if (!v.isString()) fail(where.empty() ? key : where + "." + key, "expected a string");
        return v.toString().toStdString();
    }
    std::string existingFile(const std::string& name, const std::string& where) const {
        const QString path = folder.absoluteFilePath(QString::fromStdString(name));
        if (!QFileInfo(path).isFile()) fail(where, "file not found: " + path.toStdString());
        return path.toStdString();
    }
    std::vector<std::string> strings(const QJsonObject& o, const char* key, const std::string& where) const {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) return {};
        const std::string at = where.empty() ? key : where + "." + key;
        if (!v.isArray()) fail(at, "expected an array of strings");
        std::vector<std::string> out;
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            if (!a[i].isString()) fail(at + "[" + std::to_string(i) + "]", "expected a string");
            out.push_back(a[i].toString().toStdString());
        }
        return out;
    }
};

} // namespace

const DemoDataset* DemoManifest::find(const std::string& id) const {
    for (const auto& d : datasets)
        if (d.id == id) return &d;
    return nullptr;
}

DemoManifest readDemoManifest(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) throw InputError(path, "", "cannot open the demo manifest");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (doc.isNull())
        throw InputError(path, "byte " + std::to_string(error.offset), error.errorString().toStdString());
    const Reader r{path, QFileInfo(QString::fromStdString(path)).absoluteDir()};
    if (!doc.isObject()) r.fail("", "expected a JSON object");
    const QJsonObject root = doc.object();
    if (root.value("schema").toString() != "latent-explorer-demo/1")
        r.fail("schema", "expected \"latent-explorer-demo/1\"");

    DemoManifest manifest;
    const QJsonArray datasets = root.value("datasets").toArray();
    if (datasets.isEmpty()) r.fail("datasets", "expected a non-empty array");
    for (int i = 0; i < datasets.size(); ++i) {
        const std::string where = "datasets[" + std::to_string(i) + "]";
        if (!datasets[i].isObject()) r.fail(where, "expected an object");
        const QJsonObject o = datasets[i].toObject();
        DemoDataset d;
        d.id = r.text(o, "id", where, true);
        d.title = r.text(o, "title", where, true);
        d.about = r.text(o, "about", where, true);
        d.colourBy = r.text(o, "colour_by", where, false);
        d.structures = r.existingFile(r.text(o, "structures", where, true), where + ".structures");
        const auto features = r.strings(o, "features", where);
        for (std::size_t k = 0; k < features.size(); ++k)
            d.features.push_back(r.existingFile(features[k], where + ".features[" + std::to_string(k) + "]"));
        const auto specs = r.strings(o, "descriptors", where);
        for (std::size_t k = 0; k < specs.size(); ++k) {
            try {
                d.descriptors.push_back(parseDescriptorSpec(specs[k]));
            } catch (const InputError& e) {
                r.fail(where + ".descriptors[" + std::to_string(k) + "]", e.what());
            }
        }
        if (manifest.find(d.id)) r.fail(where + ".id", "duplicate id '" + d.id + "'");
        manifest.datasets.push_back(std::move(d));
    }
    manifest.defaultId = root.value("default").toString().toStdString();
    const DemoDataset* start = manifest.find(manifest.defaultId);
    if (!start) r.fail("default", "names no dataset ('" + manifest.defaultId + "')");
    manifest.about = r.text(root, "about", "", true);
    // Top-level "structures"/"features" repeat the default dataset's files for simple readers;
    // they must not drift apart from it.
    if (root.contains("structures") &&
        r.existingFile(r.text(root, "structures", "", true), "structures") != start->structures)
        r.fail("structures", "differs from the default dataset's structures");
    const auto features = r.strings(root, "features", "");
    for (std::size_t k = 0; k < features.size(); ++k)
        if (k >= start->features.size() ||
            r.existingFile(features[k], "features") != start->features[k])
            r.fail("features[" + std::to_string(k) + "]", "differs from the default dataset's features");
    return manifest;
}

Dataset loadDemoDataset(const DemoDataset& demo, const TaskContext& ctx) {
    std::vector<std::string> paths{demo.structures};
    paths.insert(paths.end(), demo.features.begin(), demo.features.end());
    Dataset data = loadDataset(paths, ctx.subRange(0.0, 0.1));
    for (auto& f : computeDescriptorFeatureSets(data, demo.descriptors, ctx.subRange(0.1, 1.0)))
        data.addFeatureSet(std::move(f));
    return data;
}

} // namespace le
