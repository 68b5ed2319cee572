#include "ui/resource_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace le::ui {

namespace {

QString demoDir() { return QDir(resourceDir()).filePath("demo"); }

QJsonObject demoManifest() {
    QFile file(QDir(demoDir()).filePath("demo.json"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// A manifest entry may name a file as a string or as {"path": ...}.
QString manifestPath(const QJsonValue& value) {
    const QString name = value.isObject() ? value.toObject().value("path").toString() : value.toString();
    return name.isEmpty() ? QString() : QDir(demoDir()).filePath(name);
}

} // namespace

QString resourceDir() {
#ifdef LE_RESOURCE_DIR
    if (QFileInfo(QStringLiteral(LE_RESOURCE_DIR)).isDir()) return QStringLiteral(LE_RESOURCE_DIR);
#endif
    const QDir exe(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {exe.filePath("resources"), exe.filePath("../resources"),
                                     exe.filePath("../share/latent-explorer/resources")})
        if (QFileInfo(candidate).isDir()) return QDir::cleanPath(candidate);
    return exe.filePath("resources");
}

QStringList demoFiles() {
    const QJsonObject manifest = demoManifest();
    QStringList files;
    if (!manifest.isEmpty()) {
        files << manifestPath(manifest.value("structures"));
        for (const QJsonValue& v : manifest.value("features").toArray()) files << manifestPath(v);
        files.removeAll(QString());
        if (!files.isEmpty() && QFileInfo::exists(files.front())) return files;
        files.clear();
    }
    const QDir dir(demoDir());
    files << dir.filePath("manif-minus-plus.extxyz") << dir.filePath("degenerate_CH4_manifold.npz");
    return files;
}

QString demoAboutText() {
    const QJsonObject manifest = demoManifest();
    for (const char* key : {"about", "description"})
        if (manifest.value(key).isString()) return manifest.value(key).toString();
    QFile about(QDir(demoDir()).filePath("ABOUT.md"));
    if (about.open(QIODevice::ReadOnly)) return QString::fromUtf8(about.readAll());
    return {};
}

} // namespace le::ui
