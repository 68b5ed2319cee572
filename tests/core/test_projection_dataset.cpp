// Dataset-level projections: rows chosen by the subset and recorded, the property taken on
// the same rows, and the numbers equal to a projection of the hand-picked rows.
#include <QtTest>

#include "core/projection/dataset_projection.h"
#include "core/util/error.h"

using namespace le;

class TestProjectionDataset : public QObject {
    Q_OBJECT

    // Six frames (bulk/surface alternating), two atoms each; per-structure features on a
    // line plus a small perpendicular wiggle, and an energy.
    static Dataset dataset() {
        Dataset d;
        for (int f = 0; f < 6; ++f) {
            Frame frame;
            frame.species = {8, 1};
            frame.positions = Positions::Zero(2, 3);
            frame.info["subset"] = InfoValue{std::string(f % 2 ? "surface" : "bulk")};
            d.addFrame(std::move(frame));
        }
        MatrixD s(6, 2);
        s << 0, 0, 1, 1.1, 2, 1.9, 3, 3.2, 4, 3.9, 5, 5.05;
        d.addFeatureSet(FeatureSet{"s", Level::Structure, s, "s.npy"});
        Property e;
        e.name = "energy";
        e.numbers = MatrixD(6, 1);
        e.numbers << 1, 2, 2.5, 4, 4.2, 6;
        d.addProperty(e);
        return d;
    }

private slots:
    void pcaOnSubsetRows() {
        const Dataset d = dataset();
        const auto p = pcaOfDataset(d, *d.findFeatureSet("s"), parseSubset("subset=bulk"), PcaOptions{},
                                    silentContext());
        QCOMPARE(p.rows, (std::vector<Eigen::Index>{0, 2, 4}));
        QCOMPARE(p.subsetDescription, std::string("frames with subset = bulk"));
        QCOMPARE(p.level, Level::Structure);
        const auto direct = computePca(*d.findFeatureSet("s"), {0, 2, 4}, PcaOptions{}, silentContext());
        QCOMPARE(p.result.coordinates, direct.coordinates);
        // Bulk rows (0,0), (2,1.9), (4,3.9): centred (−2,−1.9333), (0,−0.0333), (2,1.9667).
        const double first = -2 * p.result.projector(0, 0) - 1.9333333333333333 * p.result.projector(1, 0);
        QVERIFY(std::abs(p.result.coordinates(0, 0) - first) < 1e-12);
    }

    void pcovrTakesThePropertyOnTheSameRows() {
        const Dataset d = dataset();
        PcovrOptions o;
        o.components = 1;
        const auto p = pcovrOfDataset(d, *d.findFeatureSet("s"), "energy", parseSubset("subset=surface"), o,
                                      silentContext());
        QCOMPARE(p.propertyName, std::string("energy"));
        MatrixD y(3, 1);
        y << 2, 4, 6;
        const auto direct = computePcovr(*d.findFeatureSet("s"), y, {1, 3, 5}, o, silentContext());
        QCOMPARE(p.result.coordinates, direct.coordinates);
        QVERIFY_THROWS_EXCEPTION(InputError, pcovrOfDataset(d, *d.findFeatureSet("s"), "charge", Subset{}, o,
                                                            silentContext()));
        QVERIFY_THROWS_EXCEPTION(InputError, pcaOfDataset(d, *d.findFeatureSet("s"), parseSubset("subset=gas"),
                                                          PcaOptions{}, silentContext()));
    }
};

QTEST_GUILESS_MAIN(TestProjectionDataset)
#include "test_projection_dataset.moc"
