// Classical MDS and the average-linkage dendrogram on hand-checkable distance matrices.
#include <QtTest>

#include "core/metrics/model_map.h"
#include "core/util/error.h"

using namespace le;

class TestModelMap : public QObject {
    Q_OBJECT
private slots:
    void rectangleIsRecoveredAndMergedByHand() {
        // Corners (0,0), (3,0), (0,4), (3,4): sides 3 and 4, diagonals 5.
        Eigen::Matrix4d d;
        d << 0, 3, 4, 5, //
            3, 0, 5, 4,  //
            4, 5, 0, 3,  //
            5, 4, 3, 0;
        const ModelMap map = modelMap(d);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j)
                QVERIFY(std::abs((map.coordinates.row(i) - map.coordinates.row(j)).norm() - d(i, j)) < 1e-12);
        // B = −½ J D² J has eigenvalues n·σ² per axis: 4·(4/2)² = 16 and 4·(3/2)² = 9.
        QVERIFY(std::abs(map.eigenvalues[0] - 16.0) < 1e-12);
        QVERIFY(std::abs(map.eigenvalues[1] - 9.0) < 1e-12);
        // UPGMA by hand: (0,1) and (2,3) tie at 3, (0,1) comes first → cluster 4; then (2,3) at 3 →
        // cluster 5; then 4–5 at the mean of {4, 5, 5, 4} = 4.5.
        QCOMPARE(map.merges.size(), std::size_t(3));
        const int expected[3][3] = {{0, 1, 2}, {2, 3, 2}, {4, 5, 4}};
        const double heights[3] = {3.0, 3.0, 4.5};
        for (int s = 0; s < 3; ++s) {
            QCOMPARE(map.merges[std::size_t(s)].left, expected[s][0]);
            QCOMPARE(map.merges[std::size_t(s)].right, expected[s][1]);
            QCOMPARE(map.merges[std::size_t(s)].size, expected[s][2]);
            QCOMPARE(map.merges[std::size_t(s)].height, heights[s]);
        }
    }

    void unequalClustersAreSizeWeighted() {
        // 0–1 at 1; then {0,1} to 2 at (4 + 2)/2 = 3 and to 3 at (6 + 8)/2 = 7, 2–3 at 5: 3 wins;
        // last {0,1,2} to 3 at (6 + 8 + 5)/3.
        Eigen::Matrix4d d;
        d << 0, 1, 4, 6, //
            1, 0, 2, 8,  //
            4, 2, 0, 5,  //
            6, 8, 5, 0;
        const std::vector<DendrogramMerge> m = averageLinkage(d);
        QCOMPARE(m[0].left, 0);
        QCOMPARE(m[0].right, 1);
        QCOMPARE(m[1].left, 2);
        QCOMPARE(m[1].right, 4);
        QCOMPARE(m[1].height, 3.0);
        QCOMPARE(m[2].left, 3);
        QCOMPARE(m[2].right, 5);
        QVERIFY(std::abs(m[2].height - 19.0 / 3.0) < 1e-15);
        QCOMPARE(m[2].size, 4);
    }

    void collinearModelsUseOneAxis() {
        Eigen::Matrix3d d;
        d << 0, 1, 3, 1, 0, 2, 3, 2, 0;
        Eigen::VectorXd lambda;
        const Eigen::MatrixXd x = classicalMds(d, 2, &lambda);
        QVERIFY(std::abs(lambda[1]) < 1e-12);
        QVERIFY(x.col(1).cwiseAbs().maxCoeff() < 1e-6);
        QVERIFY(std::abs(std::abs(x(0, 0) - x(2, 0)) - 3.0) < 1e-12);
        QVERIFY(x(0, 0) > 0 || x(2, 0) > 0); // sign fixed: the largest-magnitude entry is positive
        QVERIFY(std::abs(x.col(0).sum()) < 1e-12); // centred
    }

    void rejectsNonDistances() {
        Eigen::Matrix2d asym;
        asym << 0, 1, 2, 0;
        QVERIFY_THROWS_EXCEPTION(ComputeError, modelMap(asym));
        Eigen::Matrix2d nan;
        nan << 0, std::nan(""), std::nan(""), 0;
        QVERIFY_THROWS_EXCEPTION(ComputeError, modelMap(nan));
        Eigen::Matrix2d diagonalNaN; // a diagonal not computed is fine
        diagonalNaN << std::nan(""), 2, 2, std::nan("");
        QCOMPARE(modelMap(diagonalNaN).merges[0].height, 2.0);
    }
};

QTEST_GUILESS_MAIN(TestModelMap)
#include "test_model_map.moc"
