#include "ui/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace le::ui {

namespace {
const char* kRecentKey = "files/recent";
} // namespace

RecentFiles::RecentFiles() : entries_(QSettings().value(kRecentKey).toStringList()) {
    writer_.setMaxThreadCount(1);
}

RecentFiles::~RecentFiles() { writer_.waitForDone(); }

void RecentFiles::add(const QStringList& paths) {
    QStringList absolute;
    for (const QString& p : paths) absolute << QFileInfo(p).absoluteFilePath();
    const QString entry = absolute.join('|');
    entries_.removeAll(entry);
    entries_.prepend(entry);
    while (entries_.size() > kMaxEntries) entries_.removeLast();
    // QSettings is reentrant: the worker's own instance writes the same file safely.
    writer_.start([list = entries_] { QSettings().setValue(kRecentKey, list); });
}

} // namespace le::ui
