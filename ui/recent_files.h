#pragma once
// The File › Open Recent list: kept in memory and stored in the settings. A QSettings write
// (temporary file, fdatasync, rename) held the GUI thread 13–18 ms on the busy build machine,
// so the list is written on a thread of its own: showing a loaded dataset never waits for it.
#include <QStringList>
#include <QThreadPool>

namespace le::ui {

class RecentFiles {
public:
    static constexpr int kMaxEntries = 8;

    RecentFiles();  // reads the stored list
    ~RecentFiles(); // waits until the last change is written

    // Entries "path1|path2|..." (absolute paths), most recent first.
    const QStringList& entries() const { return entries_; }
    // Puts the files, as one entry, first (moved there when already listed), keeps at most
    // kMaxEntries, and stores the list in the background.
    void add(const QStringList& paths);

private:
    QStringList entries_;
    QThreadPool writer_; // one thread, so the writes land in order
};

} // namespace le::ui
