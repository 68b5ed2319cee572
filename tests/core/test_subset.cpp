// Subsets: parsing, descriptions, selected rows at both levels and sub-datasets, checked on a
// hand-built three-frame dataset.
#include <QtTest>

#include "core/dataset/subset.h"
#include "core/util/error.h"

using namespace le;

class TestSubset : public QObject {
    Q_OBJECT

    // Frame 0 (bulk): O H H; frame 1 (surface): H H; frame 2 (bulk): H O.
    static Dataset threeFrames() {
        Dataset d;
        const std::vector<std::vector<int>> species{{8, 1, 1}, {1, 1}, {1, 8}};
        const char* labels[] = {"bulk", "surface", "bulk"};
        for (std::size_t f = 0; f < species.size(); ++f) {
            Frame frame;
            frame.species = species[f];
            frame.positions = Positions::Zero(Eigen::Index(species[f].size()), 3);
            for (Eigen::Index a = 0; a < frame.positions.rows(); ++a) frame.positions(a, 0) = double(10 * f + a);
            frame.info["subset"] = InfoValue{std::string(labels[f])};
            d.addFrame(std::move(frame));
        }
        MatrixD atomX(7, 1);
        atomX << 0, 1, 2, 3, 4, 5, 6;
        d.addFeatureSet(FeatureSet{"atoms", Level::Atom, atomX, "a.npy"});
        MatrixF frameX(3, 2);
        frameX << 0, 0, 1, 1, 2, 2;
        d.addFeatureSet(FeatureSet{"frames", Level::Structure, frameX, "s.npy"});
        Property energy;
        energy.name = "energy";
        energy.numbers = MatrixD(3, 1);
        energy.numbers << -1, -2, -3;
        d.addProperty(energy);
        return d;
    }

private slots:
    void parseAndDescribe() {
        QVERIFY(parseSubset("").isEverything());
        QVERIFY(parseSubset("all").isEverything());
        QCOMPARE(parseSubset("").description(), std::string("all atoms"));
        const Subset s = parseSubset("species=O, 1; subset=bulk,surface");
        QCOMPARE(s.species, (std::vector<int>{8, 1}));
        QCOMPARE(s.labelKey, std::string("subset"));
        QCOMPARE(s.labelValues, (std::vector<std::string>{"bulk", "surface"}));
        QCOMPARE(s.description(), std::string("species O, H; frames with subset = bulk, surface"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseSubset("species=Xx"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseSubset("bulk"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseSubset("a=1;b=2"));
    }

    void selectedRowsAtBothLevels() {
        const Dataset d = threeFrames();
        const Subset bulk = parseSubset("subset=bulk");
        QCOMPARE(selectedFrames(d, bulk), (std::vector<Eigen::Index>{0, 2}));
        QCOMPARE(selectedAtoms(d, bulk), (std::vector<Eigen::Index>{0, 1, 2, 5, 6}));
        const Subset oxygen = parseSubset("species=O");
        QCOMPARE(selectedAtoms(d, oxygen), (std::vector<Eigen::Index>{0, 6}));
        // Frame 1 has no O atom, so it has no structure-level row either.
        QCOMPARE(selectedRows(d, oxygen, Level::Structure), (std::vector<Eigen::Index>{0, 2}));
        const Subset hydrogenSurface = parseSubset("species=H;subset=surface");
        QCOMPARE(selectedRows(d, hydrogenSurface, Level::Atom), (std::vector<Eigen::Index>{3, 4}));
        QCOMPARE(selectedRows(d, hydrogenSurface, Level::Structure), (std::vector<Eigen::Index>{1}));
        QVERIFY(selectedFrames(d, parseSubset("subset=gas")).empty());
        QVERIFY_THROWS_EXCEPTION(InputError, selectedFrames(d, parseSubset("phase=liquid")));
    }

    void subDatasetKeepsAlignedRows() {
        const Dataset d = threeFrames();
        const Dataset sub = subDataset(d, parseSubset("species=H;subset=bulk"));
        QCOMPARE(sub.frameCount(), Eigen::Index(2));
        QCOMPARE(sub.atomCount(), Eigen::Index(3));
        QCOMPARE(sub.frames()[0].species, (std::vector<int>{1, 1}));
        QCOMPARE(sub.frames()[1].species, (std::vector<int>{1}));
        QCOMPARE(sub.frames()[0].positions(1, 0), 2.0);
        QCOMPARE(sub.frames()[1].positions(0, 0), 20.0);
        const MatrixD atoms = sub.findFeatureSet("atoms")->toDouble();
        QCOMPARE(atoms(0, 0), 1.0);
        QCOMPARE(atoms(1, 0), 2.0);
        QCOMPARE(atoms(2, 0), 5.0);
        const FeatureSet* frames = sub.findFeatureSet("frames");
        QVERIFY(frames->isFloat32());
        QCOMPARE(frames->toDouble()(1, 1), 2.0);
        QCOMPARE(sub.findProperty("energy")->numbers(1, 0), -3.0);
        QCOMPARE(*sub.frameLabels("subset"), (std::vector<std::string>{"bulk", "bulk"}));
    }
};

QTEST_GUILESS_MAIN(TestSubset)
#include "test_subset.moc"
