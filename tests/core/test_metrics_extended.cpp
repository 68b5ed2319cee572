// The measures beyond linear reconstruction (issue #16) against slow, independent numpy
// implementations (tests/data/metrics/extended/make_fixtures.py: n × n Gram HSIC, arccos of the
// nuclear norm, brute-force ranks, DADApy's TwoNN recipe, explicit Nyström features through
// ref_fre.py's GFRE), at 1e-10 relative, and against known limits: rotation → θ = 0 and
// CKA = 1, identical sets → Δ = 2/N, a 2-D manifold in 10-D → ID ≈ 2.
#include <QtTest>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <Eigen/QR>

#include "core/io/npy.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/cka.h"
#include "core/metrics/information_imbalance.h"
#include "core/metrics/intrinsic_dimension.h"
#include "core/metrics/kernel_gfre.h"
#include "core/metrics/procrustes.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"
#include "helpers/gaussian_matrix.h"

using namespace le;

namespace {

Eigen::MatrixXd load(const std::string& name) {
    const MatrixD m = readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/extended/" + name).toMatrixD();
    return m;
}
QJsonObject expected() {
    QFile f(QString(LE_TEST_DATA_DIR) + "/metrics/extended/expected.json");
    if (!f.open(QIODevice::ReadOnly)) qFatal("expected.json missing");
    return QJsonDocument::fromJson(f.readAll()).object();
}
bool close(double ours, double ref, double rel = 1e-10) { return std::abs(ours - ref) <= rel * std::abs(ref); }
#define CHECK_CLOSE(ours, ref)                                                                                 \
    QVERIFY2(close(ours, ref), qPrintable(QString("%1 vs %2").arg(ours, 0, 'g', 17).arg(ref, 0, 'g', 17)))

struct Pair {
    double cka, dcka, angle;
};
Pair similarity(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y) {
    const CenteredSet x = centerColumns(X, "x"), y = centerColumns(Y, "y");
    const Eigen::MatrixXd cross = x.rows.transpose() * y.rows;
    return {linearCka(x, y, cross), debiasedCka(x, y, cross), procrustesAngle(x, y, cross)};
}

FeatureSet featureSet(const std::string& name, const Eigen::MatrixXd& m) {
    return FeatureSet{name, Level::Atom, MatrixD(m), name + ".npy"};
}

} // namespace

class TestMetricsExtended : public QObject {
    Q_OBJECT
    const QJsonObject ref = expected();
    const std::map<QString, Eigen::MatrixXd> sets{
        {"A", load("set_A.npy")}, {"B", load("set_B.npy")}, {"C", load("set_C.npy")}};

private slots:
    void similaritiesMatchGramMatrixForms() {
        const QJsonObject pairs = ref["all_rows"].toObject();
        for (const QString s : {"A", "B", "C"})
            for (const QString t : {"A", "B", "C"}) {
                const QJsonObject want = pairs[s + t].toObject();
                const Pair got = similarity(sets.at(s), sets.at(t));
                CHECK_CLOSE(got.cka, want["cka"].toDouble());
                CHECK_CLOSE(got.dcka, want["dcka"].toDouble());
                if (s == t) QVERIFY(got.angle < 1e-7); // arccos in the reference: ~2e-8 at best
                else CHECK_CLOSE(got.angle, want["procrustes"].toDouble());
                std::vector<const Eigen::MatrixXd*> spaces{&sets.at(s), &sets.at(t)};
                CHECK_CLOSE(informationImbalances(spaces, true)(0, 1), want["ii"].toDouble());
            }
    }

    void rotationScaleAndShiftAreInvisible() {
        const Eigen::MatrixXd X = gaussianMatrix(200, 12, 7);
        const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(gaussianMatrix(12, 12, 8)).householderQ();
        const Eigen::MatrixXd Y = ((3.5 * X * Q).rowwise() + Eigen::RowVectorXd::Constant(12, -40.0)).eval();
        const Pair p = similarity(X, Y);
        QVERIFY(std::abs(p.cka - 1.0) < 1e-13);
        QVERIFY(std::abs(p.dcka - 1.0) < 1e-13);
        QVERIFY2(p.angle < 1e-13, qPrintable(QString::number(p.angle))); // the residual form, not arccos
        // Zero-padding: Y with extra zero columns is the same shape.
        Eigen::MatrixXd wide = Eigen::MatrixXd::Zero(200, 15);
        wide.leftCols(12) = Y;
        QVERIFY(similarity(X, wide).angle < 1e-13);
        // Unrelated sets are far apart; θ is symmetric.
        const Eigen::MatrixXd Z = gaussianMatrix(200, 5, 9);
        QVERIFY(similarity(X, Z).angle > 1.0);
        QVERIFY(std::abs(similarity(X, Z).angle - similarity(Z, X).angle) < 1e-14);
        QVERIFY_THROWS_EXCEPTION(ComputeError, centerColumns(Eigen::MatrixXd::Ones(5, 3), "constant"));
        QVERIFY_THROWS_EXCEPTION(ComputeError, similarity(X.topRows(3), Y.topRows(3))); // dCKA needs n ≥ 4
    }

    void informationImbalanceLimitsAndTies() {
        const Eigen::MatrixXd X = gaussianMatrix(57, 4, 11);
        const Eigen::MatrixXd copy = X;
        const Eigen::MatrixXd d = informationImbalances({&X, &copy}, true);
        for (Eigen::Index i = 0; i < 4; ++i) QCOMPARE(d.data()[i], 2.0 / 57.0);
        QVERIFY(std::isnan(informationImbalances({&X, &copy}, false)(1, 1)));
        const QJsonObject ties = ref["ii_ties"].toObject();
        const Eigen::MatrixXd P = load("ii_ties_P.npy"), Q = load("ii_ties_Q.npy");
        const Eigen::MatrixXd t = informationImbalances({&P, &Q}, true);
        CHECK_CLOSE(t(0, 1), ties["PQ"].toDouble());
        CHECK_CLOSE(t(1, 0), ties["QP"].toDouble());
        CHECK_CLOSE(t(0, 0), ties["PP"].toDouble());
        QCOMPARE(t(0, 0), 2.0 / 30.0); // the lattice has duplicates: ties broken by row order still give 1
        const Eigen::MatrixXd one = X.topRows(1);
        QVERIFY_THROWS_EXCEPTION(ComputeError, informationImbalances({&one}, true));
    }

    void twoNnMatchesDadapyRecipe() {
        const QJsonObject want = ref["twonn_dup"].toObject();
        const TwoNnEstimate e = twoNnDimension(load("twonn_dup.npy"));
        CHECK_CLOSE(e.dimension, want["dimension"].toDouble());
        QCOMPARE(e.duplicatesDropped, (long long)want["dropped"].toInt());
        QCOMPARE(e.distinctRows, 150LL);
        QCOMPARE(e.pointsFitted, 135LL);
        QVERIFY_THROWS_EXCEPTION(ComputeError, twoNnDimension(Eigen::MatrixXd::Ones(10, 3)));
    }

    void twoNnOfASurfaceIsTwo() {
        // 4000 points uniform on the unit square, embedded smoothly (a rolled sheet) in 10-D.
        // TwoNN's spread at N = 4000 is ≈ d/√(0.9 N) ≈ 0.035 for d = 2 (Facco et al. Fig. 2),
        // and the square's edges bias it slightly down: ±0.12 is > 3σ plus that bias.
        const Eigen::MatrixXd uv = (gaussianMatrix(4000, 2, 21).array().tanh() + 1.0).matrix() / 2.0;
        Eigen::MatrixXd sheet(4000, 3);
        sheet.col(0) = (3.0 * uv.col(0)).array().cos() * (1.0 + uv.col(0).array());
        sheet.col(1) = (3.0 * uv.col(0)).array().sin() * (1.0 + uv.col(0).array());
        sheet.col(2) = uv.col(1);
        const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(gaussianMatrix(10, 10, 22)).householderQ();
        const Eigen::MatrixXd embedded = sheet * Q.topRows(3); // 4000 × 10, rank-3 linear map of a surface
        const double d = twoNnDimension(embedded).dimension;
        qInfo("TwoNN of the 2-D sheet: %.4f", d);
        QVERIFY2(std::abs(d - 2.0) < 0.12, qPrintable(QString::number(d)));
    }

    void kernelGfreMatchesExplicitNystrom() {
        const Eigen::MatrixXd X = load("kgfre_X.npy"), Y = load("kgfre_Y.npy");
        const std::vector<FeatureSet> fs{featureSet("x", X), featureSet("y", Y)};
        MetricSettings settings;
        settings.measures = {Measure::KGFRE};
        settings.includeDiagonal = false;
        const QJsonObject explicitCase = ref["kgfre_explicit"].toObject();
        settings.kernel.landmarkRows = readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/extended/kgfre_landmark_rows.npy").toIndices();
        settings.kernel.gamma = explicitCase["gamma"].toDouble();
        AllPairsResult r = computeAllPairs({&fs[0], &fs[1]}, settings, {}, silentContext());
        CHECK_CLOSE(r.matrices.at(Measure::KGFRE)(0, 1), explicitCase["value"].toDouble());
        const Eigen::MatrixXd pointwise = load("kgfre_explicit_pointwise.npy").reshaped();
        const Eigen::VectorXd& ours = r.pairs.at(Measure::KGFRE)[0][1].pointwise;
        QVERIFY((ours - pointwise.col(0)).cwiseAbs().maxCoeff() <= 1e-10 * pointwise.cwiseAbs().maxCoeff());
        QCOMPARE(r.kernelRank[0], 16LL);

        const QJsonObject autoCase = ref["kgfre_auto"].toObject();
        settings.kernel = KernelGfreSettings{};
        settings.kernel.landmarks = autoCase["landmarks"].toInt();
        settings.kernel.seed = unsigned(autoCase["seed"].toInt());
        r = computeAllPairs({&fs[0], &fs[1]}, settings, {}, silentContext());
        CHECK_CLOSE(r.kernelGamma[0], autoCase["gamma"].toDouble());
        CHECK_CLOSE(r.matrices.at(Measure::KGFRE)(0, 1), autoCase["value"].toDouble());
        const Eigen::MatrixXd autoPointwise = load("kgfre_auto_pointwise.npy").reshaped();
        QVERIFY((r.pairs.at(Measure::KGFRE)[0][1].pointwise - autoPointwise.col(0)).cwiseAbs().maxCoeff() <=
                1e-10 * autoPointwise.cwiseAbs().maxCoeff());

        // Landmarks must be distinct train rows.
        settings.kernel = KernelGfreSettings{};
        settings.kernel.landmarkRows = {skmatterDefaultSplit(120).test[0], skmatterDefaultSplit(120).train[0]};
        QVERIFY_THROWS_EXCEPTION(ComputeError, computeAllPairs({&fs[0], &fs[1]}, settings, {}, silentContext()));
        settings.kernel.landmarkRows = {skmatterDefaultSplit(120).train[0], skmatterDefaultSplit(120).train[0]};
        QVERIFY_THROWS_EXCEPTION(ComputeError, computeAllPairs({&fs[0], &fs[1]}, settings, {}, silentContext()));
    }

    void medianIsNumpys() {
        Eigen::MatrixXd rows(4, 1); // squared pair distances 1, 4, 9, 1, 4, 1 → median (1 + 4) / 2
        rows << 0, 1, 2, 3;
        QCOMPARE(medianPairSquaredDistance(rows), 2.5);
        QCOMPARE(medianPairSquaredDistance(rows.topRows(3)), 1.0); // 1, 4, 1
    }

    void allPairsEngineFillsEveryMeasure() {
        std::vector<FeatureSet> fs;
        for (const char* n : {"A", "B", "C"}) fs.push_back(featureSet(n, sets.at(n)));
        MetricSettings settings;
        settings.measures = {Measure::GFRE, Measure::KGFRE, Measure::CKA, Measure::DCKA, Measure::Procrustes,
                             Measure::InformationImbalance, Measure::IntrinsicDimension};
        settings.kernel.landmarks = 30;
        const AllPairsResult r = computeAllPairs({&fs[0], &fs[1], &fs[2]}, settings, {}, silentContext());
        QCOMPARE(r.matrices.size(), std::size_t(6)); // id is per set, not a matrix
        const QJsonObject engine = ref["engine"].toObject(), all = ref["all_rows"].toObject();
        const QStringList names{"A", "B", "C"};
        for (int s = 0; s < 3; ++s) {
            CHECK_CLOSE(r.intrinsicDimension[std::size_t(s)], engine["id"].toObject()[names[s]].toDouble());
            CHECK_CLOSE(r.kernelGamma[std::size_t(s)], engine["kgfre_gamma"].toObject()[names[s]].toDouble());
            for (int t = 0; t < 3; ++t) {
                const QString key = names[s] + names[t];
                CHECK_CLOSE(r.matrices.at(Measure::KGFRE)(s, t), engine["kgfre"].toObject()[key].toDouble());
                CHECK_CLOSE(r.matrices.at(Measure::InformationImbalance)(s, t), engine["ii"].toObject()[key].toDouble());
                CHECK_CLOSE(r.matrices.at(Measure::CKA)(s, t), all[key].toObject()["cka"].toDouble());
                CHECK_CLOSE(r.matrices.at(Measure::DCKA)(s, t), all[key].toObject()["dcka"].toDouble());
                if (s != t)
                    CHECK_CLOSE(r.matrices.at(Measure::Procrustes)(s, t), all[key].toObject()["procrustes"].toDouble());
            }
        }
        QVERIFY(r.modelMap.has_value());
        QCOMPARE(r.modelMap->merges.size(), std::size_t(2));
        QCOMPARE(r.modelMap->merges[0].left, 0); // A and B are the closest shapes (0.749 rad)
        QCOMPARE(r.modelMap->merges[0].right, 1);
        CHECK_CLOSE(r.modelMap->merges[1].height, (all["AC"].toObject()["procrustes"].toDouble() +
                                                   all["BC"].toObject()["procrustes"].toDouble()) / 2);
    }

    void diagonalSwitchedOffStaysNaN() {
        std::vector<FeatureSet> fs;
        for (const char* n : {"A", "B"}) fs.push_back(featureSet(n, sets.at(n)));
        MetricSettings settings;
        settings.measures = {Measure::CKA, Measure::Procrustes, Measure::InformationImbalance};
        settings.includeDiagonal = false;
        const AllPairsResult r = computeAllPairs({&fs[0], &fs[1]}, settings, {}, silentContext());
        for (const auto& [m, matrix] : r.matrices) {
            QVERIFY(std::isnan(matrix(0, 0)) && std::isnan(matrix(1, 1)));
            QVERIFY(!std::isnan(matrix(0, 1)) && !std::isnan(matrix(1, 0)));
        }
        QVERIFY(r.modelMap.has_value()); // the map takes the diagonal as 0
        // Too few distinct test rows for TwoNN: the error names the set.
        Eigen::MatrixXd flat = sets.at("A");
        flat.rightCols(5).setZero();
        flat.col(0) = (flat.col(0).array() > 0).cast<double>();
        const FeatureSet binary = featureSet("binary", flat);
        settings.measures = {Measure::IntrinsicDimension};
        try {
            computeAllPairs({&fs[0], &binary}, settings, {}, silentContext());
            QFAIL("no error");
        } catch (const ComputeError& e) {
            QVERIFY2(QString(e.what()).contains("'binary'"), e.what());
        }
        QCOMPARE(r.modelMap->merges[0].height, r.matrices.at(Measure::Procrustes)(0, 1));
    }
};

QTEST_GUILESS_MAIN(TestMetricsExtended)
#include "test_metrics_extended.moc"
