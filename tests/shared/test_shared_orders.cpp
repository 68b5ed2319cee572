// Structure-level analysis on real NequIP features (../shared, not in the default suite):
// the 3BPA descriptors grouped into 27-atom molecules must reproduce the reference cumulants
// (scipy/numpy, ../shared/reference/README.md) to 1e-10 relative, and their order table must
// show GFRE(higher → lower) ≈ 0 and a clearly non-zero lower → higher triangle.
#include <QtTest>

#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/pooling/cumulants.h"
#include "core/pooling/order_tables.h"

using namespace le;

namespace {
const std::string shared = LE_SHARED_DIR;

// 500 molecules × 27 atoms: BOTNet's 3BPA frames give the grouping (their order does not
// matter for pooling, only the 27-atom blocks).
Dataset load3bpa() {
    return loadDataset({shared + "/data/botnet-3bpa/train_300K.xyz",
                        shared + "/data/ltau-ff/descriptors_3BPA.npy"});
}
} // namespace

class TestSharedOrders : public QObject {
    Q_OBJECT
private slots:
    void referenceCumulants() {
        const Dataset d = load3bpa();
        QCOMPARE(d.frameCount(), Eigen::Index(500));
        const FeatureSet* f = d.findFeatureSet("descriptors_3BPA");
        QVERIFY(f);
        QCOMPARE(f->rows(), Eigen::Index(13500));
        const MatrixD reference =
            readNpy(shared + "/reference/cumulants_3bpa_nequip_mol0-99_order8.npy").toMatrixD();
        QCOMPARE(reference.rows(), Eigen::Index(100));
        QCOMPARE(reference.cols(), Eigen::Index(256));
        const auto pooled = poolCumulants(*f, structureGroups(d.offsets()), CumulantOptions{}, silentContext());
        double worst = 0;
        for (Eigen::Index i = 0; i < reference.rows(); ++i)
            for (Eigen::Index j = 0; j < reference.cols(); ++j) {
                const double ref = reference(i, j);
                worst = std::max(worst, std::abs(pooled.values(i, j) - ref) / std::max(std::abs(ref), 1e-300));
            }
        qInfo("worst relative difference to the reference cumulants: %.3g", worst);
        QVERIFY(worst < 1e-10);
        // The paper's κ8 changes the last block only, and visibly.
        CumulantOptions paper;
        paper.paperKappa8 = true;
        const auto p = poolCumulants(*f, structureGroups(d.offsets()), paper, silentContext());
        QCOMPARE(p.values.leftCols(224), pooled.values.leftCols(224));
        QVERIFY((p.values.rightCols(32) - pooled.values.rightCols(32)).cwiseAbs().maxCoeff() > 1e-3);
    }
    void orderTableOn3bpaMolecules() {
        // φ(1)..φ(8) of the 500 molecules, every 5th molecule in the test set (400 training
        // structures > 256 columns of φ(8), so higher → lower is exactly reconstructible):
        // higher → lower ≈ 0, lower → higher clearly not (each cumulant adds information).
        const Dataset d = load3bpa();
        StructureTableOptions o;
        o.cumulants.order = 8;
        o.metrics.measures = {Measure::GFRE, Measure::LFRE};
        o.metrics.split.kind = SplitKind::Explicit;
        for (long long m = 0; m < 500; m += 5) o.metrics.split.testIndices.push_back(m);
        const auto t = computeOrderTable(d, *d.findFeatureSet("descriptors_3BPA"), o, silentContext());
        const Eigen::MatrixXd& g = t.pairs.matrices.at(Measure::GFRE);
        const Eigen::MatrixXd& l = t.pairs.matrices.at(Measure::LFRE);
        for (const auto* m : {&g, &l}) {
            QString table;
            for (int a = 0; a < 8; ++a) {
                for (int b = 0; b < 8; ++b) table += QString(" %1").arg((*m)(a, b), 9, 'g', 3);
                table += "\n";
            }
            qInfo("%s between orders (rows = source):\n%s", m == &g ? "GFRE" : "LFRE", qPrintable(table));
        }
        for (int a = 0; a < 8; ++a)
            for (int b = 0; b < 8; ++b) {
                if (b < a) QVERIFY2(g(a, b) < 1e-8, qPrintable(QString("%1->%2 %3").arg(a + 1).arg(b + 1).arg(g(a, b))));
                if (b > a) {
                    QVERIFY(g(a, b) > 0.02 && g(a, b) < 1.1);
                    QVERIFY(l(a, b) > 0.02 && l(a, b) < 1.1);
                }
            }
        // LFRE uses k = min(dims) neighbours, fewer than the source's columns far below the
        // diagonal, so only neighbouring orders are compared: adding one order is always
        // harder to reconstruct than dropping it.
        for (int a = 0; a + 1 < 8; ++a) QVERIFY(l(a, a + 1) > 2 * l(a + 1, a));
        // Reconstructing all eight orders from the mean alone is the hardest step.
        QVERIFY(g(0, 7) > g(6, 7));
    }
};

QTEST_GUILESS_MAIN(TestSharedOrders)
#include "test_shared_orders.moc"
