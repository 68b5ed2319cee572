// Dataset-level pooling: subset restriction recorded, frames kept, the pooled set ready to be
// added to the dataset, hand-checked values.
#include <QtTest>

#include "core/pooling/dataset_pooling.h"
#include "core/util/error.h"

using namespace le;

class TestPoolingDataset : public QObject {
    Q_OBJECT

    // Frame 0: O H H (bulk); frame 1: H H (surface); frame 2: O O (bulk).
    static Dataset water() {
        Dataset d;
        const std::vector<std::vector<int>> species{{8, 1, 1}, {1, 1}, {8, 8}};
        const char* labels[] = {"bulk", "surface", "bulk"};
        for (std::size_t f = 0; f < species.size(); ++f) {
            Frame frame;
            frame.species = species[f];
            frame.positions = Positions::Zero(Eigen::Index(species[f].size()), 3);
            frame.info["subset"] = InfoValue{std::string(labels[f])};
            d.addFrame(std::move(frame));
        }
        MatrixD x(7, 1);
        x << 1, 2, 4, 5, 7, 10, 20;
        d.addFeatureSet(FeatureSet{"m", Level::Atom, x, "m.npy"});
        return d;
    }

private slots:
    void everyFrameBecomesAFeatureSet() {
        Dataset d = water();
        CumulantOptions o;
        o.order = 2;
        const auto p = poolDataset(d, *d.findFeatureSet("m"), Subset{}, o, silentContext());
        QVERIFY(p.coversEveryFrame);
        QCOMPARE(p.subsetDescription, std::string("all atoms"));
        QCOMPARE(p.pooled.values(0, 0), 7.0 / 3);
        QCOMPARE(p.pooled.values(1, 1), 1.0);  // {5, 7}: σ = 1
        QCOMPARE(p.pooled.values(2, 1), 5.0);  // {10, 20}: σ = 5
        const FeatureSet f = p.toFeatureSet(*d.findFeatureSet("m"));
        QCOMPARE(f.name, std::string("m φ2"));
        QCOMPARE(f.level, Level::Structure);
        d.addFeatureSet(f);
        QCOMPARE(d.featureSets().size(), std::size_t(2));
    }

    void subsetIsRecordedAndFramesKept() {
        const Dataset d = water();
        const auto p = poolDataset(d, *d.findFeatureSet("m"), parseSubset("species=H"), CumulantOptions{},
                                   silentContext());
        QVERIFY(!p.coversEveryFrame);
        QCOMPARE(p.frames, (std::vector<Eigen::Index>{0, 1}));
        QCOMPARE(p.subsetDescription, std::string("species H"));
        QCOMPARE(p.pooled.values(0, 0), 3.0); // H atoms of frame 0: {2, 4}
        const auto bulkO = poolDataset(d, *d.findFeatureSet("m"), parseSubset("species=O;subset=bulk"),
                                       CumulantOptions{}, silentContext());
        QCOMPARE(bulkO.frames, (std::vector<Eigen::Index>{0, 2}));
        QCOMPARE(bulkO.pooled.singleAtomGroups, 1LL); // frame 0 has one O
        QVERIFY(bulkO.toFeatureSet(*d.findFeatureSet("m")).origin.find("species O") != std::string::npos);
    }

    void rejectsStructureFeatures() {
        const Dataset d = water();
        const FeatureSet s{"s", Level::Structure, MatrixD(MatrixD::Zero(3, 2)), "s.npy"};
        QVERIFY_THROWS_EXCEPTION(InputError, poolDataset(d, s, Subset{}, CumulantOptions{}, silentContext()));
    }
};

QTEST_GUILESS_MAIN(TestPoolingDataset)
#include "test_pooling_dataset.moc"
