// The Dataset's alignment and NaN checks: the errors must state both row counts.
#include <QtTest>

#include "core/dataset/dataset.h"
#include "core/dataset/elements.h"
#include "core/util/error.h"

using namespace le;

class TestDataset : public QObject {
    Q_OBJECT

    static Dataset twoFrames() {
        Dataset d;
        for (int n : {3, 5}) {
            Frame f;
            f.species.assign(std::size_t(n), 6);
            f.positions = Positions::Zero(n, 3);
            f.info["subset"] = InfoValue{std::string(n == 3 ? "bulk" : "surface")};
            d.addFrame(std::move(f));
        }
        return d;
    }

private slots:
    void offsetsAndFrameOfAtom() {
        Dataset d = twoFrames();
        QCOMPARE(d.atomCount(), Eigen::Index(8));
        QCOMPARE(d.frameOfAtom(0), Eigen::Index(0));
        QCOMPARE(d.frameOfAtom(2), Eigen::Index(0));
        QCOMPARE(d.frameOfAtom(3), Eigen::Index(1));
        QCOMPARE(d.frameOfAtom(7), Eigen::Index(1));
    }
    void rejectsMisalignedFeatures() {
        Dataset d = twoFrames();
        FeatureSet f{"mace", Level::Atom, MatrixD(MatrixD::Zero(7, 4)), "mace.npy"};
        try {
            d.addFeatureSet(f);
            QFAIL("misaligned features accepted");
        } catch (const InputError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("mace.npy") && msg.contains("7 rows") && msg.contains("8 atoms"),
                     qPrintable(msg));
        }
    }
    void rejectsNaN() {
        Dataset d = twoFrames();
        MatrixD m = MatrixD::Zero(2, 3);
        m(1, 2) = std::nan("");
        FeatureSet f{"pooled", Level::Structure, m, "pooled.npy"};
        try {
            d.addFeatureSet(f);
            QFAIL("NaN accepted");
        } catch (const InputError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("1 NaN/Inf") && msg.contains("row 1, column 2"), qPrintable(msg));
        }
    }
    void uniqueNames() {
        Dataset d = twoFrames();
        d.addFeatureSet(FeatureSet{"a", Level::Structure, MatrixF(MatrixF::Ones(2, 1)), "x"});
        d.addFeatureSet(FeatureSet{"a", Level::Structure, MatrixF(MatrixF::Ones(2, 1)), "y"});
        QCOMPARE(QString::fromStdString(d.featureSets()[1].name), QString("a (2)"));
        QVERIFY(d.featureSets()[1].isFloat32());
    }
    void atomLabelsRepeatFrameLabels() {
        Dataset d = twoFrames();
        auto labels = d.atomLabels("subset");
        QVERIFY(labels.has_value());
        QCOMPARE(int(labels->size()), 8);
        QCOMPARE(QString::fromStdString((*labels)[2]), QString("bulk"));
        QCOMPARE(QString::fromStdString((*labels)[3]), QString("surface"));
        QVERIFY(!d.atomLabels("missing").has_value());
    }
    void elements() {
        QCOMPARE(atomicNumber("C"), 6);
        QCOMPARE(atomicNumber("Cl"), 17);
        QCOMPARE(atomicNumber("Og"), 118);
        QCOMPARE(atomicNumber("Xx"), 0);
        QCOMPARE(QString(elementSymbol(26)), QString("Fe"));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
