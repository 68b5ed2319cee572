#include "ui/resource_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace le::ui {

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

QString demoManifestPath() { return QDir(resourceDir()).filePath("demo/demo.json"); }

const DemoEntry* DemoCatalog::find(const QString& id) const {
    for (const DemoEntry& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

DemoCatalog demoCatalog() {
    DemoCatalog catalog;
    QFile file(demoManifestPath());
    if (!file.open(QIODevice::ReadOnly)) return catalog;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QDir dir = QFileInfo(file.fileName()).dir();
    catalog.defaultId = root.value("default").toString();
    for (const QJsonValue& value : root.value("datasets").toArray()) {
        const QJsonObject o = value.toObject();
        DemoEntry e;
        e.id = o.value("id").toString();
        e.title = o.value("title").toString(e.id);
        e.about = o.value("about").toString();
        e.files << dir.filePath(o.value("structures").toString());
        for (const QJsonValue& f : o.value("features").toArray()) e.files << dir.filePath(f.toString());
        if (!e.id.isEmpty()) catalog.entries << e;
    }
    return catalog;
}

QStringList demoFiles(const QString& id) {
    const DemoCatalog catalog = demoCatalog();
    const DemoEntry* e = catalog.find(id.isEmpty() ? catalog.defaultId : id);
    return e ? e->files : QStringList();
}

} // namespace le::ui
