// File › Open Recent: the list is kept in memory and written to the settings on a worker
// thread (a settings write syncs the file to disk, too slow for the GUI thread on a busy disk).
// Checked here: order, de-duplication, the cap, absolute paths, and that what one run wrote
// is what the next run reads back from the settings file.
#include <QDir>
#include <QSettings>
#include <QTest>

#include "ui/recent_files.h"

using le::ui::RecentFiles;

class TestRecentFiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("LatentExplorerTests");
        QCoreApplication::setApplicationName("test_recent_files");
        QSettings().clear();
    }

    void mostRecentFirstWithoutDuplicatesAndKeptAcrossRuns() {
        const QString cwd = QDir::currentPath();
        {
            RecentFiles recent;
            QVERIFY(recent.entries().isEmpty());
            for (int i = 0; i < 10; ++i) recent.add({QString("s%1.xyz").arg(i), QString("m%1.npy").arg(i)});
            recent.add({"s5.xyz", "m5.npy"}); // already listed: moves to the top
            QStringList expected{cwd + "/s5.xyz|" + cwd + "/m5.npy"};
            for (int i : {9, 8, 7, 6, 4, 3, 2}) expected << QString("%1/s%2.xyz|%1/m%2.npy").arg(cwd).arg(i);
            QCOMPARE(RecentFiles::kMaxEntries, 8);
            QCOMPARE(recent.entries(), expected);
        } // waits for the writes
        QSettings().sync();
        RecentFiles reopened;
        QCOMPARE(reopened.entries().size(), 8);
        QCOMPARE(reopened.entries().front(), cwd + "/s5.xyz|" + cwd + "/m5.npy");
        QCOMPARE(reopened.entries().back(), cwd + "/s2.xyz|" + cwd + "/m2.npy");
        // The settings file itself holds the same list (read by a fresh QSettings).
        QCOMPARE(QSettings().value("files/recent").toStringList(), reopened.entries());
    }
};

QTEST_MAIN(TestRecentFiles)
#include "test_recent_files.moc"
