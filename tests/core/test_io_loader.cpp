// "Open": structures + feature files. Real demo data (values checked with numpy 1.24 and
// ASE 3.22) and small files written here for the alignment rules and their errors.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/util/error.h"

using namespace le;

namespace {
const std::string demoDir = LE_TEST_DATA_DIR "/../../resources/demo/";

std::string errorOf(const std::vector<std::string>& paths) {
    try {
        loadDataset(paths);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
} // namespace

class TestIoLoader : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string structures_; // 2 frames: 2 + 3 atoms

    std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

private slots:
    void initTestCase() {
        structures_ = path("two.xyz");
        std::ofstream(structures_) << "2\nenergy=1\nH 0 0 0\nH 0 0 1\n3\nenergy=2\nO 0 0 0\nH 1 0 0\nH 0 1 0\n";
    }
    void demoManifold() {
        std::vector<std::string> warnings;
        const Dataset d = loadDataset({demoDir + "manif-minus-plus.extxyz", demoDir + "degenerate_CH4_manifold.npz"},
                                      silentContext(), &warnings);
        QVERIFY(warnings.empty());
        QCOMPARE(d.frameCount(), Eigen::Index(162));
        QCOMPARE(d.atomCount(), Eigen::Index(810));
        QCOMPARE(d.frames()[0].species, (std::vector<int>{6, 1, 1, 1, 1}));
        QCOMPARE(d.frames()[161].positions(4, 0), -0.98591426);
        QCOMPARE(d.findProperty("energy", Level::Structure)->numbers(0, 0), 120.78888025941491);
        QCOMPARE(d.findProperty("forces", Level::Atom)->numbers(809, 2), -40.68046433);
        QCOMPARE(d.featureSets().size(), std::size_t(2));
        const FeatureSet* ps = d.findFeatureSet("SOAP_power_spectrum");
        QVERIFY(ps);
        QCOMPARE(ps->level, Level::Structure); // 162 rows = frames, not atoms
        QCOMPARE(ps->toDouble()(0, 0), 0.006404080490206581);
        QCOMPARE(ps->toDouble()(161, 11), 7.726693330026113e-06);
        QCOMPARE(d.findFeatureSet("SOAP_bispectrum")->toDouble()(161, 11), 1.9647156311209177e-18);
        QCOMPARE(d.sourceFiles.size(), std::size_t(2));
    }
    void npyPerAtomPerStructureAndByStem() {
        MatrixF atoms(5, 2);
        atoms << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
        writeNpy(path("pet.npy"), atoms);
        MatrixD frames(2, 3);
        frames << 1, 2, 3, 4, 5, 6;
        writeNpy(path("mace-pooled.npy"), frames);
        writeNpy(path("uncertainty.npy"), std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5});
        const Dataset d = loadDataset({structures_, path("pet.npy"), path("mace-pooled.npy"), path("uncertainty.npy")});
        const FeatureSet* pet = d.findFeatureSet("pet");
        QVERIFY(pet && pet->level == Level::Atom && pet->isFloat32());
        QCOMPARE(pet->toDouble()(4, 1), 10.0);
        const FeatureSet* mace = d.findFeatureSet("mace-pooled");
        QVERIFY(mace && mace->level == Level::Structure && !mace->isFloat32());
        QCOMPARE(d.findProperty("uncertainty", Level::Atom)->numbers(3, 0), 0.4);
        // The same model twice gets a distinct name.
        const Dataset twice = loadDataset({structures_, path("pet.npy"), path("pet.npy")});
        QVERIFY(twice.findFeatureSet("pet (2)"));
    }
    void mismatchNamesBothFilesAndCounts() {
        writeNpy(path("wrong.npy"), MatrixD(MatrixD::Zero(4, 3)));
        const std::string e = errorOf({structures_, path("wrong.npy")});
        QVERIFY2(e.find("wrong.npy") != std::string::npos && e.find("has 4 rows") != std::string::npos &&
                     e.find("two.xyz (5 atoms in 2 frames)") != std::string::npos,
                 e.c_str());
    }
    void npzKeepsMatchingArraysAndWarnsAboutOthers() {
        // stored.npz (tests/data/io): m23 is 2 × 3 (rows = frames), idx has 3 entries (no match).
        std::vector<std::string> warnings;
        const Dataset d = loadDataset({structures_, LE_TEST_DATA_DIR "/io/stored.npz"}, silentContext(), &warnings);
        QCOMPARE(d.findFeatureSet("m23")->toDouble()(1, 2), 2.5);
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY2(warnings[0].find("stored.npz:idx has 3 rows") != std::string::npos, warnings[0].c_str());
        writeNpy(path("nothing.npy"), MatrixD(MatrixD::Zero(7, 1)));
        const std::string none = errorOf({path("two.xyz"), LE_TEST_DATA_DIR "/io/f4_c.npy", path("nothing.npy")});
        QVERIFY2(none.find("nothing.npy") != std::string::npos && none.find("7 rows") != std::string::npos,
                 none.c_str());
    }
    void wrongFileKinds() {
        QVERIFY(errorOf({path("pet.npy")}).find("the first file must hold the structures") != std::string::npos);
        QVERIFY(errorOf({structures_, structures_}).find("unknown feature file type") != std::string::npos);
        QVERIFY(errorOf({}).find("no file given") != std::string::npos);
        QVERIFY(errorOf({dir_.path().toStdString()}).find("is a folder, not a file") != std::string::npos);
        QVERIFY(errorOf({dir_.path().toStdString() + "/missing.json"}).find("cannot open file") != std::string::npos);
        // A 3-D array is frames × atoms × features (DeePMD): checked frame by frame.
        QCOMPARE(QString::fromStdString(errorOf({structures_, LE_TEST_DATA_DIR "/io/f3d.npy"})),
                 QString("f3d.npy: frame 2 has 3 atoms in two.xyz but 2 in f3d.npy"));
    }
};

QTEST_GUILESS_MAIN(TestIoLoader)
#include "test_io_loader.moc"
