// The sets a GUI comparison works on (comparedSets, ui/tasks/analysis_jobs.h): with every row
// they are the dataset's sets renamed, sharing the values (no copy of the numbers, the same
// data pointer); with a subset they hold exactly the subset's rows; and the dataset's sets
// are left as they were.
#include <QtTest>

#include "helpers/hand_made_results.h"
#include "ui/tasks/analysis_jobs.h"

using namespace le;
using namespace le::ui;

class TestComparedSets : public QObject {
    Q_OBJECT
private slots:
    void everyRowSharesASubsetCopiesItsRows() {
        Dataset dataset = test::formaldehydeLikeFrames(1);
        MatrixF a(4, 2);
        a << 1, 2, 3, 4, 5, 6, 7, 8;
        MatrixD b(4, 3);
        b << 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6;
        dataset.addFeatureSet(FeatureSet{"a", Level::Atom, a, "a.npy"});
        dataset.addFeatureSet(FeatureSet{"b", Level::Atom, b, "b.npy"});
        const std::vector<FeatureChoice> chosen{FeatureChoice{1, "B shown", true}, FeatureChoice{0, "A shown", true}};

        const auto all = comparedSets(dataset, chosen, {0, 1, 2, 3}, silentContext());
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].name, std::string("B shown"));
        QCOMPARE(all[1].name, std::string("A shown"));
        QCOMPARE(all[0].data.values(), dataset.featureSets()[1].data.values());
        QCOMPARE(all[1].data.values(), dataset.featureSets()[0].data.values());
        QVERIFY(all[1].isFloat32());

        const auto subset = comparedSets(dataset, chosen, {1, 3}, silentContext());
        QCOMPARE(subset[0].rows(), Eigen::Index(2));
        QVERIFY(subset[0].data.values() != dataset.featureSets()[1].data.values());
        QCOMPARE(subset[0].toDouble()(1, 2), 6.0); // row 3 of b
        QCOMPARE(subset[1].toDouble()(0, 1), 4.0); // row 1 of a
        QVERIFY(subset[1].isFloat32());
        QCOMPARE(dataset.featureSets()[0].name, std::string("a"));
        QCOMPARE(dataset.featureSets()[0].rows(), Eigen::Index(4));
    }
};

QTEST_GUILESS_MAIN(TestComparedSets)
#include "test_compared_sets.moc"
