// The published reconstruction-error matrices of the paper repository (../shared/data/
// paper_repo/results/reconstruction_errors/**.json) import with the right orientation:
// value(source, target) = results[target][source].A_to_B. Checked against what the files
// say themselves: the "A" (source) / "B" (target) labels of each entry, and in square files
// the same value stored again as results[source][target].B_to_A.
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

#include "ui/views/heatmap_data.h"

using namespace le::ui;

namespace {
const QString kRoot = LE_SHARED_DIR "/data/paper_repo/results/reconstruction_errors";
}

class TestPublishedMatrices : public QObject {
    Q_OBJECT
private slots:
    void umlipGfreInFileOrder() {
        const NamedMatrix m = readPublishedMatrix(kRoot + "/umlips/gfre_mad.json");
        QCOMPARE(m.title, QString("GFRE (published)"));
        QCOMPARE(m.rowNames, (QStringList{"DPA", "UMA", "MACE", "PETMAD"}));
        QCOMPARE(m.values(1, 0), 0.9533900656065439); // UMA → DPA
        QCOMPARE(m.values(0, 1), 0.6184444891219675); // DPA → UMA
        QCOMPARE(m.values(2, 1), 0.6058568724157355); // MACE → UMA
        QCOMPARE(m.values(1, 2), 0.4702066591334856); // UMA → MACE
        QVERIFY(m.values(0, 0) < 1e-10);
    }

    void everyFileIsConsistentWithItsBToA() {
        int files = 0;
        QDirIterator it(kRoot, {"*.json"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            NamedMatrix m;
            try {
                m = readPublishedMatrix(path);
            } catch (const std::exception& e) {
                QFAIL(e.what());
            }
            QFile in(path);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
            int checked = 0;
            for (int s = 0; s < m.rowNames.size(); ++s)
                for (int t = 0; t < m.columnNames.size(); ++t) {
                    const QString where = path + ": " + m.rowNames[s] + " → " + m.columnNames[t];
                    // The file's own labels: A is the source, B the target.
                    const QJsonObject cell =
                        root.value(m.columnNames[t]).toObject().value(m.rowNames[s]).toObject();
                    if (cell.contains("A")) {
                        QVERIFY2(cell.value("A").toString() == m.rowNames[s], qPrintable(where));
                        QVERIFY2(cell.value("B").toString() == m.columnNames[t], qPrintable(where));
                        ++checked;
                    }
                    // Square files also store every value a second time as B_to_A.
                    const QJsonValue bToA =
                        root.value(m.rowNames[s]).toObject().value(m.columnNames[t]).toObject().value("B_to_A");
                    if (!bToA.isDouble() || std::isnan(m.values(s, t))) continue;
                    QVERIFY2(std::abs(bToA.toDouble() - m.values(s, t)) < 1e-12, qPrintable(where));
                    ++checked;
                }
            QVERIFY2(checked > 0, qPrintable(path));
            ++files;
        }
        QVERIFY(files >= 20);
    }
};

QTEST_MAIN(TestPublishedMatrices)
#include "test_heatmap_published.moc"
