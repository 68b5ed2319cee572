// Progressive-order and cross-model tables on synthetic molecules: lower orders are column
// subsets of higher ones, so GFRE(higher → lower) must vanish (< 1e-8) while lower → higher
// does not; a per-feature affine copy of a model is reconstructed both ways; the stratified
// per-structure split has the requested size.
#include <QtTest>

#include <random>

#include "core/pooling/order_tables.h"
#include "core/util/error.h"

using namespace le;

namespace {

Dataset molecules(int frames, int atoms, Eigen::Index d, unsigned seed) {
    Dataset ds;
    const char* labels[] = {"a", "b", "c"};
    for (int f = 0; f < frames; ++f) {
        Frame frame;
        frame.species.assign(std::size_t(atoms), 6);
        frame.species[0] = 8;
        frame.positions = Positions::Zero(atoms, 3);
        frame.info["subset"] = InfoValue{std::string(labels[f % 3])};
        ds.addFrame(std::move(frame));
    }
    std::mt19937 rng(seed);
    std::gamma_distribution<double> skewed(1.5, 1.0);
    MatrixD x(frames * atoms, d);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = skewed(rng);
    ds.addFeatureSet(FeatureSet{"A", Level::Atom, x, "A.npy"});
    // B: a per-feature affine copy of A (scales of both signs); C: unrelated features.
    Eigen::RowVectorXd scale(d), shift(d);
    for (Eigen::Index j = 0; j < d; ++j) {
        scale(j) = (j % 2 ? -1.0 : 1.0) * (0.5 + double(j));
        shift(j) = 3.0 - double(j);
    }
    MatrixD b = (x.array().rowwise() * scale.array()).rowwise() + shift.array();
    ds.addFeatureSet(FeatureSet{"B", Level::Atom, b, "B.npy"});
    MatrixD c(frames * atoms, d);
    for (Eigen::Index i = 0; i < c.size(); ++i) c.data()[i] = skewed(rng);
    ds.addFeatureSet(FeatureSet{"C", Level::Atom, c, "C.npy"});
    return ds;
}

} // namespace

class TestPoolingOrders : public QObject {
    Q_OBJECT
private slots:
    void higherToLowerOrdersVanish() {
        const Dataset d = molecules(90, 7, 3, 5);
        StructureTableOptions o;
        o.cumulants.order = 4;
        o.metrics.measures = {Measure::GFRE, Measure::LFRE};
        const auto t = computeOrderTable(d, *d.findFeatureSet("A"), o, silentContext());
        QCOMPARE(t.pairs.names, (std::vector<std::string>{"phi1", "phi2", "phi3", "phi4"}));
        QCOMPARE(t.frames.size(), std::size_t(90));
        const Eigen::MatrixXd& g = t.pairs.matrices.at(Measure::GFRE);
        QCOMPARE(g.rows(), Eigen::Index(4));
        for (int a = 0; a < 4; ++a)
            for (int b = 0; b < 4; ++b) {
                if (b < a) QVERIFY2(g(a, b) < 1e-8, qPrintable(QString("phi%1 -> phi%2: %3").arg(a + 1).arg(b + 1).arg(g(a, b))));
                if (b > a) QVERIFY2(g(a, b) > 0.05 && g(a, b) < 1.2,
                                    qPrintable(QString("phi%1 -> phi%2: %3").arg(a + 1).arg(b + 1).arg(g(a, b))));
            }
        // More cumulants are harder to reconstruct from the mean alone.
        QVERIFY(g(0, 3) > g(0, 1));
        QCOMPARE(t.pairs.matrices.count(Measure::LFRE), std::size_t(1));
    }

    void speciesSubsetAndStratifiedSplit() {
        const Dataset d = molecules(90, 7, 3, 6);
        StructureTableOptions o;
        o.cumulants.order = 2;
        o.subset.species = {6}; // the carbon atoms only
        o.metrics.measures = {Measure::GFRE};
        o.metrics.split.kind = SplitKind::Stratified;
        o.metrics.split.testSize = 30;
        o.metrics.split.stratifyBy = "subset";
        const auto t = computeOrderTable(d, *d.findFeatureSet("A"), o, silentContext());
        QCOMPARE(t.pairs.testIndices.size(), std::size_t(30));
        QCOMPARE(t.pairs.trainIndices.size(), std::size_t(60));
        QCOMPARE(t.subsetDescription, std::string("species C"));
        QVERIFY(t.pairs.matrices.at(Measure::GFRE)(1, 0) < 1e-8);
        o.metrics.split.stratifyBy = "phase";
        QVERIFY_THROWS_EXCEPTION(InputError, computeOrderTable(d, *d.findFeatureSet("A"), o, silentContext()));
    }

    void crossModelAffineCopyIsReconstructed() {
        const Dataset d = molecules(90, 7, 3, 7);
        StructureTableOptions o;
        o.cumulants.order = 3;
        o.metrics.measures = {Measure::GFRE};
        const auto t = computeCrossModelTable(
            d, {d.findFeatureSet("A"), d.findFeatureSet("B"), d.findFeatureSet("C")}, o, silentContext());
        QCOMPARE(t.pairs.names, (std::vector<std::string>{"A", "B", "C"}));
        const Eigen::MatrixXd& g = t.pairs.matrices.at(Measure::GFRE);
        // t(κn) of s·x + c is s·t(κn) for n ≥ 2 (and s·κ1 + c): a linear map of A's descriptor.
        QVERIFY2(g(0, 1) < 1e-6, qPrintable(QString::number(g(0, 1))));
        QVERIFY2(g(1, 0) < 1e-6, qPrintable(QString::number(g(1, 0))));
        QVERIFY(g(0, 2) > 0.5);
        QVERIFY(g(2, 0) > 0.5);
    }
};

QTEST_GUILESS_MAIN(TestPoolingOrders)
#include "test_pooling_orders.moc"
