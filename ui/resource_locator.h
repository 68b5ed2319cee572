#pragma once
// Where the bundled resources (demo data, element tables) are: the source tree's
// resources/ (compile definition LE_RESOURCE_DIR) when it exists, else a folder next to
// the executable (an installed or copied build).
#include <QList>
#include <QString>
#include <QStringList>

namespace le::ui {

QString resourceDir();
// The demo manifest (resources/demo/demo.json, see resources/demo/DEMO.md).
QString demoManifestPath();

// What the menus show about each demo dataset. Read with a plain JSON parse, because the
// full le::readDemoManifest also prepares the descriptor calculators (seconds of work that
// belongs on the worker thread, in le::loadDemoDataset).
struct DemoEntry {
    QString id, title, about;
    QStringList files; // structure file first, then feature files (absolute paths)
};
struct DemoCatalog {
    QString defaultId;
    QList<DemoEntry> entries;
    const DemoEntry* find(const QString& id) const;
};
DemoCatalog demoCatalog();
// The files of a demo dataset (empty id = the default one), without its built-in descriptors.
QStringList demoFiles(const QString& id = {});

} // namespace le::ui
