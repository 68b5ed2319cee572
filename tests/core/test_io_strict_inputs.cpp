// Inputs the readers now accept (float16 .npy, a UTF-8 byte-order mark, MACE's descriptor
// column and info key as mace_eval_configs writes them through ASE) and refuse with the file
// and line named (unknown element symbols, non-finite positions or cells, feature sets with
// zero columns), in text files and in projects. Fixtures: tests/data/formats/make_fixtures.py.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

#include "core/io/chemiscope_reader.h"
#include "core/io/extxyz_reader.h"
#include "core/io/hdf5_project.h"
#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/util/error.h"
#include "helpers/formats_fixtures.h"

using namespace le;

namespace {
const std::string& dir = test::formatsDir;
const auto value = test::fixtureValue;

QString extxyzError(const std::string& text) {
    try {
        parseExtxyz(text, "bad.xyz");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}

QString chemiscopeError(const std::string& json) {
    try {
        parseChemiscope(QByteArray::fromStdString(json), "bad.json");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}
} // namespace

class TestIoStrictInputs : public QObject {
    Q_OBJECT
private slots:
    void halfPrecisionMatchesNumpyBitForBit() {
        const NpyArray half = readNpy(dir + "f2_special.npy"), single = readNpy(dir + "f2_special_as_f4.npy");
        QCOMPARE(half.type, NpyType::Float16);
        QCOMPARE(QString(half.dtypeName()), QString("float16"));
        QCOMPARE(half.elementCount(), single.elementCount());
        for (long long i = 0; i < half.elementCount(); ++i) {
            const float ours = float(half.valueAt(i)), numpy = float(single.valueAt(i));
            if (std::isnan(numpy)) {
                QVERIFY(std::isnan(ours));
                continue;
            }
            std::uint32_t a, b;
            std::memcpy(&a, &ours, 4), std::memcpy(&b, &numpy, 4);
            QCOMPARE(a, b); // -0, the smallest subnormal 2^-24, 65504, 0.1 rounded, ±inf
        }
        const Dataset d = loadDataset({dir + "structures.xyz", dir + "features_f2.npy"});
        const FeatureSet& f = d.featureSets().front();
        QVERIFY(f.isFloat32());
        QCOMPARE(f.toDouble()(6, 3), value(2, 1, 3));
    }
    void byteOrderMarkIsSkipped() {
        const Dataset x = parseExtxyz("\xEF\xBB\xBF" "2\ncomment\nO 0 0 0\nH 1 0 0\n", "bom.xyz");
        QCOMPARE(x.atomCount(), Eigen::Index(2));
        QCOMPARE(x.frames()[0].species[0], 8);
        const Dataset c = parseChemiscope(QByteArray("\xEF\xBB\xBF{\"structures\": [{\"names\": [\"C\"], "
                                                     "\"x\": [1], \"y\": [2], \"z\": [3]}]}"),
                                          "bom.json");
        QCOMPARE(c.frames()[0].positions(0, 2), 3.0);
        // Line numbers still count from the file's first line.
        QVERIFY(extxyzError("\xEF\xBB\xBF" "1\n\nQ 0 0 x\n").startsWith("bad.xyz, line 3, frame 1"));
    }
    void unknownElementSymbolIsRefused() {
        QCOMPARE(extxyzError("2\nProperties=species:S:1:pos:R:3\nO 0 0 0\nXx 1 0 0\n"),
                 QString("bad.xyz, line 4, frame 1: column 1 (species) of atom 2 is \"Xx\", expected an element symbol"));
        QCOMPARE(extxyzError("1\nplain xyz\nFoo 0 0 0\n"),
                 QString("bad.xyz, line 3, frame 1: column 1 (species) of atom 1 is \"Foo\", expected an element symbol"));
        // ASE's dummy atom X (Z = 0) stays accepted.
        QCOMPARE(parseExtxyz("1\n\nX 0 0 0\n", "x.xyz").frames()[0].species[0], 0);
        QCOMPARE(chemiscopeError("{\"structures\": [{\"names\": [\"C\", \"Xx\"], \"x\": [0, 1], \"y\": [0, 0], \"z\": [0, 0]}]}"),
                 QString("bad.json, structures[0].names[1]: unknown element symbol \"Xx\""));
    }
    void nonFinitePositionsAndCellsAreRefused() {
        QCOMPARE(extxyzError("2\nProperties=species:S:1:pos:R:3\nO 0 0 0\nH 1 nan 0\n"),
                 QString("bad.xyz, line 4, frame 1: column 3 (pos) of atom 2 is \"nan\", expected a finite number"));
        QCOMPARE(extxyzError("1\n\nH 0 0 0\n1\n\nH inf 0 0\n"),
                 QString("bad.xyz, line 6, frame 2: column 2 (pos) of atom 1 is \"inf\", expected a finite number"));
        const QString cell = extxyzError("1\nLattice=\"5 0 0 0 inf 0 0 0 5\" Properties=species:S:1:pos:R:3\nH 0 0 0\n");
        QVERIFY2(cell.startsWith("bad.xyz, line 2, frame 1") && cell.contains("Lattice holds a non-finite number \"inf\""),
                 qPrintable(cell));
        QCOMPARE(chemiscopeError("{\"structures\": [{\"names\": [\"C\"], \"x\": [null], \"y\": [0], \"z\": [0]}]}"),
                 QString("bad.json, structures[0].x[0]: expected a finite number, got null"));
        QCOMPARE(chemiscopeError("{\"structures\": [{\"names\": [\"C\"], \"x\": [0], \"y\": [0], \"z\": [0], "
                                 "\"cell\": [1, 0, 0, 0, 1, 0, 0, 0, null]}]}"),
                 QString("bad.json, structures[0].cell: expected a finite number, got null"));
    }
    void projectsAreCheckedLikeTextFiles() {
        QTemporaryDir tmp;
        const std::string path = tmp.filePath("bad.h5").toStdString();
        for (const auto& [what, expected] : {std::pair{"position", "/structures/positions: atom 2 has a non-finite coordinate"},
                                             std::pair{"cell", "/structures/cells: frame 1 has a non-finite cell vector"},
                                             std::pair{"species", "/structures/species: atom 1 has atomic number 119"}}) {
            Project p;
            p.dataset = parseExtxyz("2\nLattice=\"5 0 0 0 5 0 0 0 5\"\nO 0 0 0\nH 1 0 0\n", "ok.xyz");
            Frame& f = p.dataset.frames()[0];
            if (std::string(what) == "position") f.positions(1, 2) = std::nan("");
            if (std::string(what) == "cell") f.cell(2, 2) = HUGE_VAL;
            if (std::string(what) == "species") f.species[0] = 119;
            writeProject(path, p);
            try {
                readProject(path);
                QFAIL(what);
            } catch (const InputError& e) {
                QCOMPARE(QString(e.what()), QString::fromStdString(path + ", " + expected));
            }
        }
    }
    void zeroColumnFeatureSetIsRefused() {
        QCOMPARE(test::loadError({dir + "structures.xyz", dir + "zero_columns.npy"}),
                 QString("zero_columns.npy: feature set 'zero_columns' has zero columns (7 rows × 0): nothing to compare"));
    }
    void maceDescriptorsColumnAndInfo() {
        // mace_eval_configs --return_descriptors: atoms.arrays["MACE_descriptors"] (per atom) ...
        const Dataset atoms = loadDataset({dir + "mace_output.xyz"});
        const FeatureSet* perAtom = atoms.findFeatureSet("MACE_descriptors");
        QVERIFY(perAtom && perAtom->level == Level::Atom);
        QCOMPARE(perAtom->cols(), Eigen::Index(8));
        QCOMPARE(perAtom->toDouble()(4, 7), value(1, 2, 7));
        QVERIFY(!atoms.findFeatureSet("MACE_forces")); // forces stay a property
        QVERIFY(atoms.findProperty("MACE_forces", Level::Atom));
        // ... and, with --descriptor_aggregation_method mean, atoms.info["MACE_descriptors"].
        const Dataset mean = loadDataset({dir + "mace_mean_output.xyz"});
        const FeatureSet* perFrame = mean.findFeatureSet("MACE_descriptors");
        QVERIFY(perFrame && perFrame->level == Level::Structure);
        QCOMPARE(perFrame->cols(), Eigen::Index(8));
        QCOMPARE(perFrame->toDouble()(1, 3), (value(1, 0, 3) + value(1, 1, 3) + value(1, 2, 3)) / 3.0);
    }
};

QTEST_GUILESS_MAIN(TestIoStrictInputs)
#include "test_io_strict_inputs.moc"
