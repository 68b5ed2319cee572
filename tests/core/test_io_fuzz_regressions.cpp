// Inputs that once broke (or could break) a reader: each must now give a clean InputError
// naming the file. New fuzzer findings go into tests/data/io/fuzz-regressions/.
#include <QDir>
#include <QtTest>

#include "core/io/extxyz_reader.h"
#include "core/io/npy.h"
#include "core/io/npz.h"
#include "core/util/error.h"

using namespace le;

class TestIoFuzzRegressions : public QObject {
    Q_OBJECT
private slots:
    void everyRegressionInputGivesInputError() {
        const QDir dir(LE_TEST_DATA_DIR "/io/fuzz-regressions");
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY(files.size() >= 3);
        for (const QString& name : files) {
            if (name.endsWith(".md")) continue;
            const std::string path = dir.filePath(name).toStdString();
            std::string message;
            try {
                if (name.endsWith(".npy")) {
                    readNpy(path).toMatrixD();
                } else if (name.endsWith(".npz")) {
                    for (const auto& m : readNpz(path)) m.array.toMatrixD();
                } else {
                    readExtxyz(path);
                }
            } catch (const InputError& e) {
                message = e.what();
            }
            QVERIFY2(!message.empty(), qPrintable(name + " was accepted"));
            QVERIFY2(message.find(name.toStdString()) != std::string::npos, message.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestIoFuzzRegressions)
#include "test_io_fuzz_regressions.moc"
