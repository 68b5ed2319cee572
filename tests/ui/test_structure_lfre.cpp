// The structure view's on-demand LFRE keeps the source side between frames: the values equal
// the core's one-shot pointwiseLfreOnDemand, and the context is rebuilt only when the source,
// the metrics or the dataset change.
#include <QtTest>

#include <cmath>

#include "core/util/error.h"
#include "ui/views/structure_lfre.h"

using namespace le;
using namespace le::ui;

namespace {

// Two frames of 25 atoms; three smooth, related feature sets.
std::shared_ptr<Dataset> makeDataset() {
    auto dataset = std::make_shared<Dataset>();
    for (int f = 0; f < 2; ++f) {
        Frame frame;
        frame.species.assign(25, 6);
        frame.positions = Positions::Zero(25, 3);
        for (int k = 0; k < 25; ++k) frame.positions(k, 0) = 1.5 * k;
        dataset->addFrame(frame);
    }
    MatrixD a(50, 4), b(50, 3), c(50, 5);
    for (int r = 0; r < 50; ++r) {
        const double t = 0.13 * r;
        a.row(r) << std::sin(t), std::cos(1.7 * t), 0.1 * t * t, std::sin(0.5 * t) * t;
        b.row(r) << a(r, 0) * a(r, 1), std::exp(-0.3 * t), std::sin(2.3 * t);
        c.row(r) << a(r, 2), b(r, 1), std::cos(t) * std::cos(t), 0.2 * t, std::sin(t + 1.0);
    }
    dataset->addFeatureSet(FeatureSet{"a", Level::Atom, a, "test"});
    dataset->addFeatureSet(FeatureSet{"b", Level::Atom, b, "test"});
    dataset->addFeatureSet(FeatureSet{"c", Level::Atom, c, "test"});
    return dataset;
}

std::shared_ptr<const AllPairsResult> makeMetrics(const Dataset& d) {
    MetricSettings settings;
    settings.measures = {Measure::GFRE};
    settings.lfreK = 6;
    const auto& sets = d.featureSets();
    return std::make_shared<const AllPairsResult>(
        computeAllPairs({&sets[0], &sets[1], &sets[2]}, settings, {}, silentContext()));
}

std::vector<long long> frameRows(int frame) {
    std::vector<long long> rows;
    for (long long r = 25LL * frame; r < 25LL * (frame + 1); ++r) rows.push_back(r);
    return rows;
}

} // namespace

class TestStructureLfre : public QObject {
    Q_OBJECT
private slots:
    void contextIsReusedAcrossFramesAndTargets() {
        const auto dataset = makeDataset();
        const auto metrics = makeMetrics(*dataset);
        auto cache = std::make_shared<LfreContextCache>();
        const FrameLfreFunction lfre = cachedFrameLfre(cache);
        for (auto [source, target, frame] : {std::tuple{0, 1, 0}, std::tuple{0, 1, 1}, std::tuple{0, 2, 1}}) {
            const std::vector<double> ours = lfre(dataset, metrics, source, target, frame, silentContext());
            const Eigen::VectorXd oneShot = pointwiseLfreOnDemand(
                dataset->featureSets()[std::size_t(source)], dataset->featureSets()[std::size_t(target)],
                metrics->trainIndices, frameRows(frame), metrics->settings, silentContext());
            QCOMPARE(int(ours.size()), 25);
            for (int i = 0; i < 25; ++i) {
                QVERIFY(std::isfinite(ours[std::size_t(i)]) && ours[std::size_t(i)] > 0.0);
                QCOMPARE(ours[std::size_t(i)], oneShot[i]); // same computation, bit for bit
            }
        }
        QCOMPARE(cache->contextsBuilt(), 1); // three requests, one source side
        QCOMPARE(cache->scalersBuilt(), 2);  // targets 1 and 2

        lfre(dataset, metrics, 2, 0, 0, silentContext()); // another source
        QCOMPARE(cache->contextsBuilt(), 2);
        QCOMPARE(cache->scalersBuilt(), 3);
        lfre(dataset, makeMetrics(*dataset), 2, 0, 0, silentContext()); // recomputed metrics
        QCOMPARE(cache->contextsBuilt(), 3);
        QCOMPARE(cache->scalersBuilt(), 4);

        // The cache keeps a dataset alive until cleared (the panel clears it when the dataset
        // or the metrics change); the next request then builds afresh.
        std::shared_ptr<const Dataset> other = makeDataset();
        const std::weak_ptr<const Dataset> held = other;
        lfre(other, makeMetrics(*other), 0, 1, 0, silentContext());
        QCOMPARE(cache->contextsBuilt(), 4);
        other.reset();
        QVERIFY(!held.expired() && !cache->empty());
        cache->clear();
        QVERIFY(held.expired() && cache->empty());
        lfre(dataset, metrics, 0, 1, 0, silentContext());
        QCOMPARE(cache->contextsBuilt(), 5);
    }

    void unknownPairIsAnError() {
        const auto dataset = makeDataset();
        const auto metrics = makeMetrics(*dataset);
        const FrameLfreFunction lfre = cachedFrameLfre(std::make_shared<LfreContextCache>());
        QVERIFY_THROWS_EXCEPTION(ComputeError, lfre(dataset, metrics, 0, 7, 0, silentContext()));
        QVERIFY_THROWS_EXCEPTION(ComputeError, lfre(dataset, metrics, -1, 1, 0, silentContext()));
    }
};

QTEST_GUILESS_MAIN(TestStructureLfre)
#include "test_structure_lfre.moc"
