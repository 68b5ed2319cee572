// PCA and PCovR against an independent numpy calculation (tests/data/structure/
// make_projection_fixtures.py: PCA by SVD, PCovR in sample space), plus the limits
// α = 1 (PCA) and α = 0 (regression only) and the row-selection / precision invariances.
#include <QtTest>

#include <QFile>

#include "core/dataset/subset.h"
#include "core/projection/projection.h"
#include "core/util/error.h"

using namespace le;

namespace {

MatrixD readCsv(const QString& name) {
    QFile file(QStringLiteral(LE_TEST_DATA_DIR "/structure/") + name);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(name));
    std::vector<std::vector<double>> rows;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.trimmed().isEmpty()) continue;
        std::vector<double> row;
        for (const QByteArray& cell : line.split(',')) row.push_back(cell.toDouble());
        rows.push_back(row);
    }
    MatrixD m(Eigen::Index(rows.size()), Eigen::Index(rows[0].size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < rows[i].size(); ++j) m(Eigen::Index(i), Eigen::Index(j)) = rows[i][j];
    return m;
}

double maxDiff(const MatrixD& a, const MatrixD& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
    return (a - b).cwiseAbs().maxCoeff();
}

FeatureSet features(const MatrixD& x) { return FeatureSet{"x", Level::Atom, x, "x.csv"}; }

} // namespace

class TestProjection : public QObject {
    Q_OBJECT
    MatrixD x, y;

private slots:
    void initTestCase() {
        x = readCsv("projection_X.csv");
        y = readCsv("projection_Y.csv");
        QCOMPARE(x.rows(), Eigen::Index(80));
        QCOMPARE(y.cols(), Eigen::Index(1));
    }

    void pcaMatchesSvd() {
        const auto pca = computePca(features(x), {}, PcaOptions{}, silentContext());
        QVERIFY(maxDiff(pca.coordinates, readCsv("pca_T.csv")) < 1e-9);
        QVERIFY(maxDiff(pca.explainedVarianceRatio.transpose(), readCsv("pca_ratio.csv")) < 1e-12);
        QVERIFY(maxDiff(pca.explainedVariance.transpose(), readCsv("pca_variance.csv")) < 1e-9);
        // Orthonormal axes, largest loading positive.
        QVERIFY(maxDiff(pca.projector.transpose() * pca.projector, MatrixD::Identity(2, 2)) < 1e-12);
        for (int j = 0; j < 2; ++j) {
            Eigen::Index i;
            pca.projector.col(j).cwiseAbs().maxCoeff(&i);
            QVERIFY(pca.projector(i, j) > 0);
        }
    }

    void pcaIgnoresOffsetPrecisionAndSelection() {
        // Float32 storage of the data shifted by 1e3, a row selection = the taken rows.
        const MatrixF shifted = (x.array() + 1e3).matrix().cast<float>();
        const std::vector<Eigen::Index> rows{3, 1, 4, 15, 9, 26, 5, 35, 8, 79, 32, 38, 46, 2, 64};
        const FeatureSet fs{"f", Level::Atom, shifted, "f.npy"};
        const auto a = computePca(fs, rows, PcaOptions{}, silentContext());
        const auto b = computePca(takeRows(fs, rows), {}, PcaOptions{}, silentContext());
        QVERIFY(maxDiff(a.coordinates, b.coordinates) < 1e-9);
        const auto full = computePca(fs, {}, PcaOptions{}, silentContext());
        // float32 rounding of values ~1e3 costs ~1e-4 absolute; the offset itself costs nothing
        QVERIFY(maxDiff(full.coordinates, readCsv("pca_T.csv")) < 1e-3);
    }

    void pcovrMatchesSampleSpaceCalculation_data() {
        QTest::addColumn<double>("mixing");
        QTest::addColumn<QString>("stem");
        QTest::newRow("0.3") << 0.3 << "pcovr_a0.3";
        QTest::newRow("0.5") << 0.5 << "pcovr_a0.5";
        QTest::newRow("1.0") << 1.0 << "pcovr_a1.0";
    }
    void pcovrMatchesSampleSpaceCalculation() {
        QFETCH(double, mixing);
        QFETCH(QString, stem);
        PcovrOptions o;
        o.mixing = mixing;
        const auto p = computePcovr(features(x), y, {}, o, silentContext());
        QVERIFY2(maxDiff(p.coordinates, readCsv(stem + "_T.csv")) < 1e-8,
                 qPrintable(QString::number(maxDiff(p.coordinates, readCsv(stem + "_T.csv")))));
        QVERIFY(maxDiff(p.explainedVarianceRatio.transpose(), readCsv(stem + "_ratio.csv")) < 1e-10);
        QVERIFY(maxDiff(p.explainedVariance.transpose(), readCsv(stem + "_variance.csv")) < 1e-10);
    }

    void mixingOneIsScaledPca() {
        PcovrOptions o;
        o.mixing = 1.0;
        const auto p = computePcovr(features(x), y, {}, o, silentContext());
        const auto pca = computePca(features(x), {}, PcaOptions{}, silentContext());
        QVERIFY(maxDiff(p.coordinates * p.scale, pca.coordinates) < 1e-9);
    }

    void mixingZeroIsRegression() {
        // One property: one component equal to the ridge prediction Ŷ, the second vanishes.
        PcovrOptions o;
        o.mixing = 0.0;
        const auto p = computePcovr(features(x), y, {}, o, silentContext());
        const MatrixD yhat = readCsv("pcovr_Yhat.csv");
        QVERIFY(maxDiff(p.coordinates.col(0), yhat) < 1e-8 ||
                maxDiff(p.coordinates.col(0), -yhat) < 1e-8);
        QVERIFY(maxDiff(p.coordinates.col(0), readCsv("pcovr_a0.0_T.csv")) < 1e-8);
        QVERIFY(p.coordinates.col(1).cwiseAbs().maxCoeff() < 1e-6);
    }

    void fewerRowsThanFeaturesUsesSampleSpace() {
        // 9 rows × 14 features: the n × n form, checked against numpy (primal ridge solve).
        const MatrixD xw = readCsv("wide_X.csv"), yw = readCsv("wide_Y.csv");
        const auto p = computePcovr(features(xw), yw, {}, PcovrOptions{}, silentContext());
        QVERIFY2(maxDiff(p.coordinates, readCsv("wide_pcovr_T.csv")) < 1e-8,
                 qPrintable(QString::number(maxDiff(p.coordinates, readCsv("wide_pcovr_T.csv")))));
        QVERIFY(maxDiff(p.explainedVarianceRatio.transpose(), readCsv("wide_pcovr_ratio.csv")) < 1e-10);
        // The projector maps the same rows to the same coordinates.
        QVERIFY(maxDiff(projectRows(features(xw), {}, p, silentContext()), p.coordinates) < 1e-10);
        // α = 1 in sample space is the PCA of the scaled data (feature space), up to sign.
        PcovrOptions pcaLike;
        pcaLike.mixing = 1.0;
        const auto q = computePcovr(features(xw), yw, {}, pcaLike, silentContext());
        const auto pca = computePca(features(xw), {}, PcaOptions{}, silentContext());
        for (int j = 0; j < 2; ++j) {
            const MatrixD a = q.coordinates.col(j) * q.scale, b = pca.coordinates.col(j);
            QVERIFY(maxDiff(a, b) < 1e-9 || maxDiff(a, -b) < 1e-9);
        }
    }

    void pcaWithFewerRowsThanFeatures() {
        const MatrixD xw = readCsv("wide_X.csv");
        PcaOptions three;
        three.components = 3;
        const auto p = computePca(features(xw), {}, three, silentContext());
        QVERIFY(maxDiff(p.coordinates, readCsv("wide_pca_T.csv")) < 1e-10);
        QVERIFY(maxDiff(p.explainedVarianceRatio.transpose(), readCsv("wide_pca_ratio.csv")) < 1e-12);
        QVERIFY(maxDiff(p.projector.transpose() * p.projector, MatrixD::Identity(3, 3)) < 1e-12);
        PcaOptions tooMany;
        tooMany.components = 10;
        QVERIFY_THROWS_EXCEPTION(ComputeError, computePca(features(xw), {}, tooMany, silentContext()));
    }

    void rejectsBadArguments() {
        PcaOptions tooMany;
        tooMany.components = 7;
        QVERIFY_THROWS_EXCEPTION(ComputeError, computePca(features(x), {}, tooMany, silentContext()));
        PcovrOptions badMixing;
        badMixing.mixing = 1.5;
        QVERIFY_THROWS_EXCEPTION(ComputeError, computePcovr(features(x), y, {}, badMixing, silentContext()));
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 computePcovr(features(x), y.topRows(10), {}, PcovrOptions{}, silentContext()));
        QVERIFY_THROWS_EXCEPTION(ComputeError, computePca(features(x), {0, 80}, PcaOptions{}, silentContext()));
    }
};

QTEST_GUILESS_MAIN(TestProjection)
#include "test_projection.moc"
