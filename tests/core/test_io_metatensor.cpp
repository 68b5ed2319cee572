// metatensor .mts (metatensor.save's zip of .npy, written by tests/data/formats/make_fixtures.py
// with Python's zipfile in metatensor's member layout): values placed by their (system, atom)
// samples, blocks joined, per-structure samples, components flattened, f8/f4/f2 values, the
// older layout; and every malformed file refused with the file and member named.
#include <QtTest>

#include "core/io/loader.h"
#include "core/io/metatensor_reader.h"
#include "core/util/error.h"
#include "helpers/formats_fixtures.h"

using namespace le;

namespace {
const std::string& dir = test::formatsDir;
const auto value = test::fixtureValue;
// structures.xyz: 3 frames of 2, 3, 2 atoms.
const std::vector<std::pair<int, int>> atoms = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 1}};

Dataset load(const std::string& mts) { return loadDataset({dir + "structures.xyz", dir + mts}); }

// Every row r is atom atoms[r]; column j holds value(f, a, j).
void checkPerAtom(const FeatureSet& f, Eigen::Index columns) {
    QCOMPARE(f.level, Level::Atom);
    QCOMPARE(f.rows(), Eigen::Index(7));
    QCOMPARE(f.cols(), columns);
    const MatrixD m = f.toDouble();
    for (Eigen::Index r = 0; r < 7; ++r)
        for (Eigen::Index j = 0; j < columns; ++j)
            QCOMPARE(m(r, j), value(atoms[std::size_t(r)].first, atoms[std::size_t(r)].second, j));
}

QString errorOf(const std::string& mts) { return test::loadError({dir + "structures.xyz", dir + mts}); }
} // namespace

class TestIoMetatensor : public QObject {
    Q_OBJECT
private slots:
    void singleBlockShuffledSamples() {
        const Dataset d = load("pet_features.mts");
        QCOMPARE(d.featureSets().size(), std::size_t(1));
        const FeatureSet& f = d.featureSets().front();
        QCOMPARE(f.name, std::string("pet_features")); // the file stem, as for .npy
        QCOMPARE(f.origin, std::string("pet_features.mts"));
        QVERIFY(!f.isFloat32());
        checkPerAtom(f, 4);
    }
    void blocksPerSpeciesJoinedBySamples() {
        const MetatensorTensor t = readMetatensor(dir + "per_species.mts"); // deflated members
        QCOMPARE(t.blocks.size(), std::size_t(4)); // center types H, C, N, O
        QCOMPARE(t.keys.names, std::vector<std::string>{"center_type"});
        QCOMPARE(t.blocks[0].samples.names, (std::vector<std::string>{"system", "atom", "tensor"}));
        checkPerAtom(load("per_species.mts").featureSets().front(), 4);
    }
    void perStructureSamples() {
        const Dataset d = load("per_structure.mts");
        const FeatureSet& f = d.featureSets().front();
        QCOMPARE(f.level, Level::Structure);
        QVERIFY(f.isFloat32());
        QCOMPARE(f.rows(), Eigen::Index(3));
        const MatrixD m = f.toDouble();
        for (int frame = 0; frame < 3; ++frame)
            for (int j = 0; j < 4; ++j) QCOMPARE(m(frame, j), value(frame, 0, j));
    }
    void componentsFlattenedComponentMajor() {
        // values (7, 3 components, 2 properties): column 2c + p holds value(f, a, 2c + p).
        checkPerAtom(load("components.mts").featureSets().front(), 6);
    }
    void halfPrecisionAndOlderLayout() {
        const Dataset d = load("f2_values.mts");
        const FeatureSet& half = d.featureSets().front();
        QVERIFY(half.isFloat32()); // float16 becomes float32 exactly
        checkPerAtom(half, 4);
        checkPerAtom(load("old_layout.mts").featureSets().front(), 4);
    }
    void withOtherFeatureFiles() {
        const Dataset d = loadDataset({dir + "structures.xyz", dir + "pet_features.mts", dir + "features_f2.npy"});
        QCOMPARE(d.featureSets().size(), std::size_t(2));
        QCOMPARE(d.featureSets()[1].name, std::string("features_f2"));
        checkPerAtom(d.featureSets()[1], 4);
    }
    void badFilesNameFileAndMember() {
        QCOMPARE(errorOf("missing_atom.mts"),
                 QString::fromStdString("missing_atom.mts: frame 2 has 3 atoms in structures.xyz but 2 in missing_atom.mts"));
        QVERIFY(errorOf("different_properties.mts")
                    .startsWith("different_properties.mts, member blocks/1/values.npy: block 1 has other properties than block 0"));
        const QString int64 = errorOf("int64_labels.mts");
        QVERIFY2(int64.contains("int64_labels.mts:blocks/0/samples.npy") && int64.contains("field 'system' is <i8"),
                 qPrintable(int64));
        // Other structures: the first frame whose atom count differs is named.
        try {
            loadDataset({dir + "deepmd.xyz", dir + "pet_features.mts"});
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString("pet_features.mts: frame 1 has 3 atoms in deepmd.xyz but 2 in pet_features.mts"));
        }
    }
    void notATensorMap() {
        QVERIFY_THROWS_EXCEPTION(InputError, parseMetatensor("not a zip", "x.mts"));
    }
};

QTEST_GUILESS_MAIN(TestIoMetatensor)
#include "test_io_metatensor.moc"
