// Cumulant pooling against hand calculations: the Exp(1) and Gaussian moment identities
// (where the paper's κ8 differs), the Rademacher cumulants, and cumulants of small samples
// computed independently from raw moments with the classical recursion.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/dataset/subset.h"
#include "core/pooling/cumulants.h"
#include "core/util/error.h"

using namespace le;

namespace {

// Cumulants of the empirical distribution of `x` from raw moments m_n = mean(x^n) by
// κn = m_n − Σ_{k=1}^{n−1} C(n−1, k−1) κk m_{n−k}: an independent route to the same numbers.
std::array<long double, 9> cumulantsByRecursion(const std::vector<long double>& x) {
    std::array<long double, 9> m{}, k{};
    for (int n = 0; n <= 8; ++n) {
        long double s = 0;
        for (long double v : x) s += std::pow(v, n);
        m[std::size_t(n)] = s / x.size();
    }
    auto binom = [](int n, int r) {
        long double c = 1;
        for (int i = 1; i <= r; ++i) c = c * (n - r + i) / i;
        return c;
    };
    for (int n = 1; n <= 8; ++n) {
        long double v = m[std::size_t(n)];
        for (int j = 1; j < n; ++j) v -= binom(n - 1, j - 1) * k[std::size_t(j)] * m[std::size_t(n - j)];
        k[std::size_t(n)] = v;
    }
    return k;
}

bool close(double a, double b, double rel, double abs = 1e-12) {
    return std::abs(a - b) <= rel * std::abs(b) + abs;
}

PoolingGroups oneGroup(Eigen::Index n) { return structureGroups({0, n}); }

} // namespace

class TestPooling : public QObject {
    Q_OBJECT
private slots:
    void exponentialMomentsGiveFactorialCumulants() {
        // Central moments of Exp(1): μ2..μ8 = 1, 2, 9, 44, 265, 1854, 14833; κn = (n−1)!.
        CentralMoments mu{0, 0, 1, 2, 9, 44, 265, 1854, 14833};
        const Cumulants k = cumulantsFromCentralMoments(mu);
        const double factorial[] = {0, 1, 1, 2, 6, 24, 120, 720, 5040};
        for (int n = 2; n <= 8; ++n) QCOMPARE(k[std::size_t(n)], factorial[n]);
        // The paper's swapped coefficients give 5740 (paper.md §4).
        QCOMPARE(cumulantsFromCentralMoments(mu, true)[8], 5740.0);
        for (int n = 2; n <= 7; ++n)
            QCOMPARE(cumulantsFromCentralMoments(mu, true)[std::size_t(n)], factorial[n]);
    }

    void gaussianMomentsGiveZeroHigherCumulants() {
        const double s2 = 1.5 * 1.5;
        CentralMoments mu{0, 0, s2, 0, 3 * s2 * s2, 0, 15 * std::pow(s2, 3), 0, 105 * std::pow(s2, 4)};
        const Cumulants k = cumulantsFromCentralMoments(mu);
        QCOMPARE(k[2], s2);
        for (int n = 3; n <= 8; ++n) QVERIFY(std::abs(k[std::size_t(n)]) < 1e-9);
        // Paper κ8 of a Gaussian: 420 σ⁸ instead of 0.
        QVERIFY(close(cumulantsFromCentralMoments(mu, true)[8], 420 * std::pow(s2, 4), 1e-14));
    }

    void signedRootKeepsSign() {
        QCOMPARE(signedRoot(-8.0, 3), -2.0);
        QCOMPARE(signedRoot(16.0, 4), 2.0);
        QCOMPARE(signedRoot(0.0, 5), 0.0);
    }

    void rademacherSampleWithLargeOffset() {
        // {c − a, c + a}: κ2 = a², κ4 = −2a⁴, κ6 = 16a⁶, κ8 = −272a⁸, odd κ = 0.
        const double a = 0.75, c = 1e6;
        MatrixD x(2, 1);
        x << c - a, c + a;
        CumulantOptions options;
        const auto p = poolCumulants(x, oneGroup(2), options, silentContext());
        QCOMPARE(p.values.cols(), Eigen::Index(8));
        QCOMPARE(p.values(0, 0), c);
        const double expected[] = {0, c, a, 0, -std::pow(2.0, 0.25) * a, 0,
                                   std::pow(16.0, 1.0 / 6) * a, 0, -std::pow(272.0, 0.125) * a};
        for (int n = 2; n <= 8; ++n) QVERIFY2(close(p.values(0, n - 1), expected[n], 1e-12),
                                              qPrintable(QString("order %1").arg(n)));
        QCOMPARE(p.singleAtomGroups, 0LL);
    }

    void smallSamplesMatchRawMomentRecursion() {
        // Two features, two structures (5 and 4 atoms), block-major layout checked too.
        MatrixD x(9, 2);
        x << 1, 0, 2, 3, 2, -1, 3, 4, 7, 10, // structure 0
            -2, 5, 0, 5, 1, 6, 9, 1;         // structure 1
        const auto groups = structureGroups({0, 5, 9});
        for (bool paper : {false, true}) {
            CumulantOptions options;
            options.paperKappa8 = paper;
            const auto p = poolCumulants(x, groups, options, silentContext());
            QCOMPARE(p.values.rows(), Eigen::Index(2));
            QCOMPARE(p.values.cols(), Eigen::Index(16));
            for (int s = 0; s < 2; ++s)
                for (int j = 0; j < 2; ++j) {
                    std::vector<long double> sample;
                    for (Eigen::Index r = groups.begin[s]; r < groups.begin[s + 1]; ++r)
                        sample.push_back(x(r, j));
                    const auto k = cumulantsByRecursion(sample);
                    QVERIFY(close(p.values(s, j), double(k[1]), 1e-14));
                    for (int n = 2; n <= 7; ++n)
                        QVERIFY2(close(p.values(s, (n - 1) * 2 + j), signedRoot(double(k[std::size_t(n)]), n), 1e-10),
                                 qPrintable(QString("s%1 f%2 order %3").arg(s).arg(j).arg(n)));
                    if (!paper)
                        QVERIFY(close(p.values(s, 14 + j), signedRoot(double(k[8]), 8), 1e-10));
                }
        }
        // The paper variant differs from the standard one only in κ8, by −140 μ2μ3² + 140 μ2²μ4.
        CumulantOptions standard, paper;
        paper.paperKappa8 = true;
        const auto a = poolCumulants(x, groups, standard, silentContext());
        const auto b = poolCumulants(x, groups, paper, silentContext());
        QVERIFY((a.values.leftCols(14) - b.values.leftCols(14)).cwiseAbs().maxCoeff() == 0.0);
        std::vector<long double> s0{1, 2, 2, 3, 7};
        long double mean = 3, m2 = 0, m3 = 0, m4 = 0;
        for (auto v : s0) {
            m2 += std::pow(v - mean, 2) / 5;
            m3 += std::pow(v - mean, 3) / 5;
            m4 += std::pow(v - mean, 4) / 5;
        }
        const double k8std = double(cumulantsByRecursion(s0)[8]);
        const double k8paper = k8std - 140 * double(m2 * m3 * m3) + 140 * double(m2 * m2 * m4);
        QVERIFY(close(b.values(0, 14), signedRoot(k8paper, 8), 1e-10));
    }

    void lowerOrdersAreLeadingColumns() {
        std::mt19937 rng(3);
        std::normal_distribution<double> normal;
        MatrixD x(40, 3);
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        const auto groups = structureGroups({0, 10, 25, 40});
        CumulantOptions eight;
        const auto full = poolCumulants(x, groups, eight, silentContext());
        for (int n = 1; n <= 7; ++n) {
            CumulantOptions o;
            o.order = n;
            const auto part = poolCumulants(x, groups, o, silentContext());
            QCOMPARE(part.values.cols(), Eigen::Index(3 * n));
            QVERIFY((part.values - full.values.leftCols(3 * n)).cwiseAbs().maxCoeff() == 0.0);
        }
    }

    void offsetInvarianceOfHigherCumulants() {
        // A shift of 1e8 changes κ1 only; naive raw moments would lose every digit.
        std::mt19937 rng(11);
        std::exponential_distribution<double> expo(2.0);
        MatrixD x(500, 1), shifted(500, 1);
        for (int i = 0; i < 500; ++i) {
            x(i, 0) = expo(rng);
            shifted(i, 0) = x(i, 0) + 1e8;
        }
        CumulantOptions o;
        const auto a = poolCumulants(x, oneGroup(500), o, silentContext());
        const auto b = poolCumulants(shifted, oneGroup(500), o, silentContext());
        QVERIFY(close(b.values(0, 0), a.values(0, 0) + 1e8, 1e-13));
        for (int n = 2; n <= 8; ++n) QVERIFY(close(b.values(0, n - 1), a.values(0, n - 1), 1e-6));
    }

    void singleAtomAndEmptyGroupsAreCounted() {
        MatrixD x(3, 2);
        x << 1, 2, 3, 4, 5, 6;
        PoolingGroups g;
        g.rows = {0, 1, 2};
        g.begin = {0, 1, 1, 3}; // one atom, none, two atoms
        CumulantOptions o;
        o.order = 3;
        const auto p = poolCumulants(x, g, o, silentContext());
        QCOMPARE(p.singleAtomGroups, 1LL);
        QCOMPARE(p.emptyGroups, 1LL);
        QCOMPARE(p.values(0, 0), 1.0);
        QCOMPARE(p.values(0, 1), 2.0);
        QVERIFY(p.values.row(0).tail(4).isZero(0));
        QVERIFY(p.values.row(1).isZero(0));
        QCOMPARE(p.values(2, 0), 4.0);
        QCOMPARE(p.values(2, 2), 1.0); // population std of {3, 5}
        QCOMPARE(p.values(2, 4), 0.0);
    }

    void float32InputAndErrors() {
        MatrixF xf(4, 1);
        xf << 1.5f, -2.25f, 0.5f, 4.0f;
        FeatureSet fs{"m", Level::Atom, xf, "m.npy"};
        CumulantOptions o;
        const auto a = poolCumulants(fs, oneGroup(4), o, silentContext());
        const auto b = poolCumulants(MatrixD(xf.cast<double>()), oneGroup(4), o, silentContext());
        QCOMPARE(a.values, b.values);
        o.order = 9;
        QVERIFY_THROWS_EXCEPTION(ComputeError, poolCumulants(fs, oneGroup(4), o, silentContext()));
        o.order = 2;
        QVERIFY_THROWS_EXCEPTION(ComputeError, poolCumulants(fs, oneGroup(5), o, silentContext()));
        CancelToken token;
        token.cancel();
        TaskContext ctx;
        ctx.cancel = &token;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, poolCumulants(fs, oneGroup(4), o, ctx));
    }

    void poolingRestrictedToOneSpecies() {
        // Water-like frames: only the O atoms (Z = 8) are pooled; a frame without O is left out.
        Dataset d;
        const std::vector<std::vector<int>> species{{8, 1, 1, 8}, {1, 1}, {1, 8, 8, 8}};
        for (const auto& z : species) {
            Frame f;
            f.species = z;
            f.positions = Positions::Zero(Eigen::Index(z.size()), 3);
            d.addFrame(std::move(f));
        }
        MatrixD x(10, 1);
        x << 2, 100, 100, 4, 100, 100, 100, 1, 2, 6;
        Subset oxygen;
        oxygen.species = {8};
        const auto sg = subsetGroups(d, oxygen);
        QCOMPARE(sg.frames, (std::vector<Eigen::Index>{0, 2}));
        CumulantOptions o;
        o.order = 3;
        const auto p = poolCumulants(x, sg.groups, o, silentContext());
        QCOMPARE(p.values.rows(), Eigen::Index(2));
        QCOMPARE(p.values(0, 0), 3.0);
        QCOMPARE(p.values(0, 1), 1.0);
        QCOMPARE(p.values(0, 2), 0.0);
        // {1, 2, 6}: mean 3, μ2 = 14/3, μ3 = (−8 − 1 + 27)/3 = 6.
        QCOMPARE(p.values(1, 0), 3.0);
        QVERIFY(close(p.values(1, 1), std::sqrt(14.0 / 3), 1e-15));
        QVERIFY(close(p.values(1, 2), std::cbrt(6.0), 1e-15));
    }
};

QTEST_GUILESS_MAIN(TestPooling)
#include "test_pooling.moc"
