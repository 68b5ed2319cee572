// `latent-explorer --screenshot OUT.png [FILES...]` as a user runs it: demo → PNG of the
// window; files that do not exist or fail to load → exit code 2 and a message naming them.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshot : public QObject {
    Q_OBJECT
private:
    static int run(const QStringList& args, QString* errors) {
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(LE_EXECUTABLE, args);
        if (!process.waitForFinished(120000)) return -1;
        *errors = QString::fromUtf8(process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private slots:
    void demoScreenshotIsWritten() {
        QTemporaryDir dir;
        const QString out = dir.filePath("shot.png");
        QString errors;
        QCOMPARE(run({"--screenshot", out}, &errors), 0);
        const QImage image(out);
        QCOMPARE(image.size(), QSize(1500, 900));
        // The heatmap's viridis cells are on screen: the dark purple of GFRE ≈ 0.
        bool purple = false;
        for (int y = 0; y < image.height() && !purple; y += 3)
            for (int x = image.width() / 3; x < image.width() && !purple; x += 3) {
                const QColor c = image.pixelColor(x, y);
                purple = c.red() == 68 && c.green() == 1 && c.blue() == 84; // viridis(0)
            }
        QVERIFY(purple);
    }

    void missingFileIsAUserError() {
        QTemporaryDir dir;
        QString errors;
        QCOMPARE(run({"--screenshot", dir.filePath("x.png"), "/no/such/file.xyz"}, &errors), 2);
        QVERIFY2(errors.contains("/no/such/file.xyz"), qPrintable(errors));
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }

    void loadingErrorNamesFileAndLine() {
        QTemporaryDir dir;
        QString errors;
        QCOMPARE(run({"--screenshot", dir.filePath("x.png"), LE_TEST_DATA_DIR "/ui/broken.extxyz"}, &errors), 2);
        QVERIFY2(errors.contains("broken.extxyz") && errors.contains("line 4"), qPrintable(errors));
    }
};

QTEST_MAIN(TestScreenshot)
#include "test_main_window_screenshot.moc"
