// The comparison cache key: the same dataset and request give the same key, and every
// setting that changes a number (here the diagonal switch, k and the measures) changes it,
// so asking again never returns a result computed with other settings.
#include <QtTest>

#include "ui/tasks/analysis_jobs.h"

using namespace le;
using namespace le::ui;

class TestCompareCacheKey : public QObject {
    Q_OBJECT
private slots:
    void everyNumberChangingSettingChangesTheKey() {
        Dataset dataset;
        Frame frame;
        frame.species.assign(4, 6);
        frame.positions = Positions::Zero(4, 3);
        dataset.addFrame(frame);
        dataset.addFeatureSet(FeatureSet{"a", Level::Atom, MatrixD(MatrixD::Identity(4, 2)), "a.npy"});
        dataset.addFeatureSet(FeatureSet{"b", Level::Atom, MatrixD(MatrixD::Ones(4, 3)), "b.npy"});
        CompareRequest request;
        request.features = {FeatureChoice{0, "a", true}, FeatureChoice{1, "b", true}};
        const QString key = compareCacheKey(dataset, request);
        QCOMPARE(compareCacheKey(dataset, request), key);

        CompareRequest noDiagonal = request;
        noDiagonal.settings.includeDiagonal = false;
        CompareRequest fixedK = request;
        fixedK.settings.lfreK = 3;
        CompareRequest gfreOnly = request;
        gfreOnly.settings.measures = {Measure::GFRE};
        const QSet<QString> keys{key, compareCacheKey(dataset, noDiagonal), compareCacheKey(dataset, fixedK),
                                 compareCacheKey(dataset, gfreOnly)};
        QCOMPARE(keys.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestCompareCacheKey)
#include "test_compare_cache_key.moc"
