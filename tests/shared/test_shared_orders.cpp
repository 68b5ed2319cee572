// Structure-level analysis on real NequIP features (../shared, not in the default suite):
// the 3BPA descriptors grouped into 27-atom molecules must reproduce the reference cumulants
// (scipy/numpy, ../shared/reference/README.md) to 1e-10 relative.
#include <QtTest>

#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/pooling/cumulants.h"

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
};

QTEST_GUILESS_MAIN(TestSharedOrders)
#include "test_shared_orders.moc"
