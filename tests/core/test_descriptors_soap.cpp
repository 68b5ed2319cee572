// SOAP power spectrum: building blocks against independent formulas (std special functions,
// direct quadrature), hand calculations for a dimer and a triatomic, invariances, smoothness
// at the cutoff and the degenerate CH4 manifold of Pozdnyakov et al. (2020).
#include <QtTest>

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <Eigen/QR>

#include <cmath>
#include <fstream>
#include <numbers>
#include <random>
#include <sstream>

#include "core/dataset/elements.h"
#include "core/descriptors/soap.h"
#include "core/descriptors/spherical_harmonics.h"

using namespace le;

namespace {

constexpr double kPi = std::numbers::pi;

Frame molecule(const std::vector<int>& z, const std::vector<Eigen::Vector3d>& positions) {
    Frame f;
    f.species = z;
    f.positions.resize(Eigen::Index(z.size()), 3);
    for (std::size_t i = 0; i < z.size(); ++i) f.positions.row(Eigen::Index(i)) = positions[i];
    return f;
}

MatrixD soapOf(const Frame& f, const SoapOptions& o) { return computeSoap({f}, o); }

Eigen::Matrix3d randomRotation(unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    Eigen::Matrix3d m;
    for (int i = 0; i < 9; ++i) m(i / 3, i % 3) = g(rng);
    Eigen::Matrix3d q = m.householderQr().householderQ();
    if (q.determinant() < 0) q.col(0) *= -1;
    return q;
}

// ∫_a^b f by Simpson's rule with `steps` (even) intervals.
template <class F>
double simpson(F f, double a, double b, int steps) {
    const double h = (b - a) / steps;
    double sum = f(a) + f(b);
    for (int k = 1; k < steps; ++k) sum += (k % 2 ? 4.0 : 2.0) * f(a + k * h);
    return sum * h / 3;
}

// I_nl(d) computed independently of the library's table and Bessel code, with
// std::cyl_bessel_i (i_l(x) = √(π/2x) I_{l+½}(x)) on a finer grid.
double referenceRadialIntegral(const GtoRadialBasis& basis, int n, int l, double d) {
    const double s2 = basis.sigma() * basis.sigma();
    return simpson(
        [&](double r) {
            if (r == 0) return 0.0; // r² factor
            const double x = r * d / s2;
            const double il = std::sqrt(kPi / (2 * x)) * std::cyl_bessel_i(l + 0.5, x);
            return basis.basis(r)[n] * r * r * std::exp(-(r * r + d * d) / (2 * s2)) * il;
        },
        0.0, basis.rCut(), 3000);
}

double maxAbsDiff(const MatrixD& a, const MatrixD& b) { return (a - b).cwiseAbs().maxCoeff(); }

// Frames of a simple extxyz file (species and positions only, no cell): enough for the
// CH4 fixture without depending on the application's reader.
std::vector<Frame> readSimpleXyz(const QString& path) {
    std::ifstream in(path.toStdString());
    std::vector<Frame> frames;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const int n = std::stoi(line);
        std::getline(in, line); // comment line
        std::vector<int> z;
        std::vector<Eigen::Vector3d> p;
        for (int i = 0; i < n; ++i) {
            std::getline(in, line);
            std::istringstream row(line);
            std::string symbol;
            Eigen::Vector3d r;
            row >> symbol >> r.x() >> r.y() >> r.z();
            z.push_back(atomicNumber(symbol));
            p.push_back(r);
        }
        frames.push_back(molecule(z, p));
    }
    return frames;
}

} // namespace

class TestSoap : public QObject {
    Q_OBJECT
private slots:
    void sphericalHarmonicsAdditionTheorem() {
        // Σ_m Y_lm(u) Y_lm(v) = (2l+1)/4π P_l(u·v), with P_l from the standard library.
        const int lMax = 8;
        std::vector<double> yu(81), yv(81);
        const Eigen::Vector3d u(0.3, -0.8, 0.52), v(-0.1, 0.05, -1.0);
        realSphericalHarmonics(lMax, u, yu.data());
        realSphericalHarmonics(lMax, v, yv.data());
        const double cosine = u.normalized().dot(v.normalized());
        for (int l = 0; l <= lMax; ++l) {
            double sum = 0, sumSame = 0;
            for (int m = -l; m <= l; ++m) {
                sum += yu[std::size_t(harmonicIndex(l, m))] * yv[std::size_t(harmonicIndex(l, m))];
                sumSame += std::pow(yu[std::size_t(harmonicIndex(l, m))], 2);
            }
            QVERIFY(std::abs(sum - (2 * l + 1) / (4 * kPi) * std::legendre(l, cosine)) < 1e-13);
            QVERIFY(std::abs(sumSame - (2 * l + 1) / (4 * kPi)) < 1e-13);
        }
        // Two explicit values: Y_00 = 1/√(4π), Y_10 = √(3/4π) z, Y_1,1 = √(3/4π) x.
        QVERIFY(std::abs(yu[0] - 1 / std::sqrt(4 * kPi)) < 1e-15);
        const Eigen::Vector3d un = u.normalized();
        QVERIFY(std::abs(yu[std::size_t(harmonicIndex(1, 0))] - std::sqrt(3 / (4 * kPi)) * un.z()) < 1e-14);
        QVERIFY(std::abs(yu[std::size_t(harmonicIndex(1, 1))] - std::sqrt(3 / (4 * kPi)) * un.x()) < 1e-14);
    }
    void scaledBesselMatchesStandardLibrary() {
        std::vector<double> out(11);
        for (double x : {1e-4, 0.3, 2.0, 17.0, 49.9, 50.1, 130.0, 600.0}) {
            scaledSphericalBesselI(10, x, out.data());
            for (int l = 0; l <= 10; ++l) {
                const double ref =
                    std::sqrt(kPi / (2 * x)) * std::cyl_bessel_i(l + 0.5, x) * std::exp(-x);
                QVERIFY2(std::abs(out[std::size_t(l)] - ref) <= 1e-12 * std::abs(ref) + 1e-300,
                         qPrintable(QString("l=%1 x=%2: %3 vs %4").arg(l).arg(x).arg(out[std::size_t(l)]).arg(ref)));
            }
        }
    }
    void radialBasisIsOrthonormal() {
        const GtoRadialBasis basis(6, 4, 4.0, 0.4);
        Eigen::MatrixXd s(6, 6);
        for (int a = 0; a < 6; ++a)
            for (int b = 0; b < 6; ++b)
                s(a, b) = simpson([&](double r) { return r * r * basis.basis(r)[a] * basis.basis(r)[b]; },
                                  0.0, 4.0, 4000);
        QVERIFY2((s - Eigen::MatrixXd::Identity(6, 6)).cwiseAbs().maxCoeff() < 1e-6,
                 qPrintable(QString::number((s - Eigen::MatrixXd::Identity(6, 6)).cwiseAbs().maxCoeff())));
    }
    void radialTableMatchesReference() {
        const GtoRadialBasis basis(5, 5, 4.5, 0.35);
        std::vector<double> table(30), exact(30);
        for (double d : {0.01, 0.7, 1.234, 2.5, 3.999, 4.5}) {
            basis.radialIntegrals(d, table.data());
            basis.radialIntegralsExact(d, exact.data());
            double scale = 0;
            for (double v : exact) scale = std::max(scale, std::abs(v));
            for (int k = 0; k < 30; ++k) {
                QVERIFY(std::abs(table[std::size_t(k)] - exact[std::size_t(k)]) < 1e-8 * scale);
                const double ref = referenceRadialIntegral(basis, k / 6, k % 6, d);
                QVERIFY2(std::abs(exact[std::size_t(k)] - ref) < 1e-7 * scale,
                         qPrintable(QString("d=%1 n=%2 l=%3: %4 vs %5").arg(d).arg(k / 6).arg(k % 6)
                                        .arg(exact[std::size_t(k)]).arg(ref)));
            }
        }
    }
    void dimerDensityByDirectQuadrature() {
        // c_nl0 of an O atom on the z axis, by 2-D quadrature of ∫ R_n(r) Y_l0(θ) ρ(r) d³r
        // (the φ integral is 2π; every m ≠ 0 vanishes by symmetry).
        SoapOptions o;
        o.nMax = 3;
        o.lMax = 3;
        o.rCut = 4.0;
        o.sigma = 0.5;
        o.normalize = false;
        const double d = 2.1;
        const Frame f = molecule({6, 8}, {{0, 0, 0}, {0, 0, d}});
        const SoapCalculator soap(o, {6, 8});
        const auto c = soap.densityCoefficients(f, buildNeighbourList(f, o.rCut), 0);
        const int M = 16;
        const int nr = 800, nmu = 2000;
        const double hr = o.rCut / nr, hmu = 2.0 / nmu, s2 = o.sigma * o.sigma;
        for (int n = 0; n < 3; ++n)
            for (int l = 0; l <= 3; ++l) {
                double integral = 0;
                for (int a = 0; a <= nr; ++a) {
                    const double r = a * hr, wr = (a == 0 || a == nr) ? 1 : (a % 2 ? 4 : 2);
                    double inner = 0;
                    for (int b = 0; b <= nmu; ++b) {
                        const double mu = -1 + b * hmu, wmu = (b == 0 || b == nmu) ? 1 : (b % 2 ? 4 : 2);
                        const double ylm = std::sqrt((2 * l + 1) / (4 * kPi)) * std::legendre(l, mu);
                        inner += wmu * ylm * std::exp(-(r * r + d * d - 2 * r * d * mu) / (2 * s2));
                    }
                    integral += wr * r * r * soap.radialBasis().basis(r)[n] * inner * hmu / 3;
                }
                integral *= 2 * kPi * hr / 3;
                const double got = c[std::size_t((1 * 3 + n) * M + harmonicIndex(l, 0))];
                QVERIFY2(std::abs(got - integral) < 1e-6 * std::max(1e-3, std::abs(integral)),
                         qPrintable(QString("n=%1 l=%2: %3 vs %4").arg(n).arg(l).arg(got).arg(integral)));
                for (int m = -l; m <= l; ++m)
                    if (m != 0) QVERIFY(std::abs(c[std::size_t((1 * 3 + n) * M + harmonicIndex(l, m))]) < 1e-14);
                // No carbon density: the centre itself is not part of its environment.
                QCOMPARE(c[std::size_t(n * M + harmonicIndex(l, 0))], 0.0);
            }
    }
    void triatomicHandCalculation() {
        // Centre C, H at distance d1, O at d2, angle θ between them (O inside the cutoff
        // ramp so f_c < 1 enters). By the addition theorem
        //   p^{ab}_{n n' l} = 4π (2l+1) f_a f_b I_nl(d_a) I_n'l(d_b) P_l(cos θ)   (a ≠ b)
        //   p^{aa}_{n n' l} = 4π (2l+1) f_a² I_nl I_n'l · (√2 when n ≠ n')
        SoapOptions o;
        o.nMax = 3;
        o.lMax = 4;
        o.rCut = 3.5;
        o.sigma = 0.4;
        o.cutoffWidth = 1.0;
        o.normalize = false;
        const double d1 = 1.1, d2 = 2.9, theta = 1.9;
        const Eigen::Vector3d u = Eigen::Vector3d(0.2, 0.9, -0.3).normalized();
        const Eigen::Vector3d w = u.unitOrthogonal();
        const Eigen::Vector3d v = std::cos(theta) * u + std::sin(theta) * w;
        const Frame f = molecule({6, 1, 8}, {{0.4, -0.2, 0.1}, Eigen::Vector3d(0.4, -0.2, 0.1) + d1 * u,
                                             Eigen::Vector3d(0.4, -0.2, 0.1) + d2 * v});
        const MatrixD p = computeSoap({f}, [&] { auto x = o; x.species = {1, 6, 8}; return x; }());
        const SoapCalculator soap(o, {1, 6, 8});
        const double f1 = smoothCutoff(d1, 3.5, 1.0), f2 = smoothCutoff(d2, 3.5, 1.0);
        QVERIFY(f2 > 0.05 && f2 < 0.95);
        auto I = [&](int n, int l, double d) { return referenceRadialIntegral(soap.radialBasis(), n, l, d); };
        // Column order: pairs (H,H), (H,C), (H,O), (C,C), (C,O), (O,O); then n, n', l.
        int col = 0;
        int checked = 0;
        for (int a = 0; a < 3; ++a)
            for (int b = a; b < 3; ++b)
                for (int n1 = 0; n1 < 3; ++n1)
                    for (int n2 = (a == b ? n1 : 0); n2 < 3; ++n2)
                        for (int l = 0; l <= 4; ++l, ++col) {
                            double expected = 0;
                            const double pre = 4 * kPi * (2 * l + 1);
                            if (a == 0 && b == 0)
                                expected = pre * f1 * f1 * I(n1, l, d1) * I(n2, l, d1) * (n1 != n2 ? std::sqrt(2.0) : 1.0);
                            else if (a == 2 && b == 2)
                                expected = pre * f2 * f2 * I(n1, l, d2) * I(n2, l, d2) * (n1 != n2 ? std::sqrt(2.0) : 1.0);
                            else if (a == 0 && b == 2)
                                expected = pre * f1 * f2 * I(n1, l, d1) * I(n2, l, d2) * std::legendre(l, std::cos(theta));
                            const double got = p(0, col);
                            QVERIFY2(std::abs(got - expected) < 1e-6 * p.row(0).cwiseAbs().maxCoeff(),
                                     qPrintable(QString("col %1: %2 vs %3").arg(col).arg(got).arg(expected)));
                            checked += expected != 0;
                        }
        QCOMPARE(col, int(soap.featureCount()));
        QVERIFY(checked > 60);
    }
    void invariantToRotationTranslationPermutation() {
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(-2.5, 2.5);
        std::vector<int> z{6, 1, 1, 8, 6, 1, 7, 1, 6, 1, 8, 1};
        std::vector<Eigen::Vector3d> p;
        for (std::size_t i = 0; i < z.size(); ++i) p.emplace_back(u(rng), u(rng), u(rng));
        const SoapOptions o; // defaults: n_max 8, l_max 6, r_cut 5, normalised
        const MatrixD ref = soapOf(molecule(z, p), o);
        QVERIFY(ref.rows() == 12 && ref.cwiseAbs().maxCoeff() > 0.01);

        const Eigen::Matrix3d rot = randomRotation(5);
        const Eigen::Vector3d shift(13.0, -7.5, 2.25);
        std::vector<Eigen::Vector3d> moved;
        for (const auto& r : p) moved.push_back(rot * r + shift);
        QVERIFY(maxAbsDiff(soapOf(molecule(z, moved), o), ref) < 1e-10);

        // Swap two hydrogens and two carbons: rows swap, values do not change.
        std::vector<int> perm{8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11};
        std::vector<Eigen::Vector3d> permuted;
        for (int k : perm) permuted.push_back(p[std::size_t(k)]);
        std::vector<int> zp;
        for (int k : perm) zp.push_back(z[std::size_t(k)]);
        QCOMPARE(zp, z);
        const MatrixD q = soapOf(molecule(zp, permuted), o);
        for (int i = 0; i < 12; ++i)
            QVERIFY((q.row(i) - ref.row(perm[std::size_t(i)])).cwiseAbs().maxCoeff() < 1e-10);
    }
    void periodicInvariantToImageChoiceAndCellBasis() {
        // A small triclinic cell (plane spacings below r_cut): moving atoms by lattice vectors,
        // changing to an equivalent cell basis and rotating everything leave SOAP unchanged.
        Eigen::Matrix3d cell;
        cell << 3.2, 0.0, 0.0, 1.1, 2.9, 0.0, -0.6, 0.8, 3.5;
        std::vector<int> z{14, 8, 8, 14, 8};
        std::vector<Eigen::Vector3d> frac{{0.1, 0.2, 0.3}, {0.5, 0.1, 0.8}, {0.9, 0.6, 0.4},
                                          {0.4, 0.7, 0.05}, {0.25, 0.9, 0.6}};
        auto build = [&](const Eigen::Matrix3d& c, const std::vector<Eigen::Vector3d>& cart) {
            Frame f = molecule(z, cart);
            f.cell = c;
            f.hasCell = true;
            f.pbc = {true, true, true};
            return f;
        };
        std::vector<Eigen::Vector3d> cart;
        for (const auto& s : frac) cart.push_back(cell.transpose() * s);
        const SoapOptions o;
        const MatrixD ref = soapOf(build(cell, cart), o);

        std::vector<Eigen::Vector3d> imaged = cart;
        imaged[0] += cell.transpose() * Eigen::Vector3d(2, -1, 0);
        imaged[3] += cell.transpose() * Eigen::Vector3d(0, 0, -3);
        QVERIFY(maxAbsDiff(soapOf(build(cell, imaged), o), ref) < 1e-10);

        Eigen::Matrix3d other = cell;
        other.row(1) += cell.row(0); // b' = a + b, c' = c - 2b: same lattice
        other.row(2) -= 2 * cell.row(1);
        QVERIFY(maxAbsDiff(soapOf(build(other, cart), o), ref) < 1e-10);

        const Eigen::Matrix3d rot = randomRotation(9);
        std::vector<Eigen::Vector3d> rotated;
        for (const auto& r : cart) rotated.push_back(rot * r);
        QVERIFY(maxAbsDiff(soapOf(build(cell * rot.transpose(), rotated), o), ref) < 1e-10);
    }
    void smoothWhenAtomCrossesCutoff() {
        SoapOptions o;
        o.nMax = 4;
        o.lMax = 3;
        o.normalize = false;
        o.species = {1, 6};
        auto withOuter = [&](double r) {
            return soapOf(molecule({6, 1, 1}, {{0, 0, 0}, {1.1, 0, 0}, {0, r * 0.6, r * 0.8}}), o);
        };
        const MatrixD without = soapOf(molecule({6, 1}, {{0, 0, 0}, {1.1, 0, 0}}), o);
        // Beyond the cutoff the outer atom has no effect at all.
        QCOMPARE(maxAbsDiff(withOuter(o.rCut + 1e-9), without), 0.0);
        // Inside, its effect grows like ε² (f_c is C¹): no jump, and doubling ε multiplies the
        // change by 4. A hard cutoff would change the vector by O(1) here.
        const double d1 = maxAbsDiff(withOuter(o.rCut - 1e-3), without);
        const double d2 = maxAbsDiff(withOuter(o.rCut - 2e-3), without);
        QVERIFY(d1 > 0);
        QVERIFY2(d1 < 1e-4 * without.cwiseAbs().maxCoeff(), qPrintable(QString::number(d1)));
        QVERIFY2(std::abs(d2 / d1 - 4.0) < 0.05, qPrintable(QString::number(d2 / d1)));
    }
    void degenerateMethaneManifold() {
        // Frames 4+9m and 85+9m are different structures whose carbon environments share all
        // 3-body correlations: their power spectra must coincide, for any basis and cutoff.
        const auto frames = readSimpleXyz(QString(LE_TEST_DATA_DIR) + "/descriptors/manif-minus-plus.extxyz");
        QCOMPARE(int(frames.size()), 162);
        SoapOptions o;
        o.nMax = 6;
        o.lMax = 4;
        o.rCut = 4.0;
        o.sigma = 0.5;
        o.normalize = false;
        const MatrixD p = computeSoap(frames, o);
        auto carbon = [&](int frame) { return p.row(frame * 5); };
        double worstDegenerate = 0, closestOther = 1e9;
        for (int i = 0; i < 81; ++i) {
            const double scale = carbon(i).norm();
            const double rel = (carbon(i) - carbon(i + 81)).norm() / scale;
            if (i % 9 == 4) worstDegenerate = std::max(worstDegenerate, rel);
            else closestOther = std::min(closestOther, rel);
        }
        // File coordinates have 8 decimals, so "identical" means to about 1e-8.
        QVERIFY2(worstDegenerate < 1e-6, qPrintable(QString::number(worstDegenerate)));
        QVERIFY2(closestOther > 1e-3, qPrintable(QString::number(closestOther)));
        // And the structures themselves differ (so the test is not trivially true).
        QVERIFY((frames[4].positions - frames[85].positions).cwiseAbs().maxCoeff() > 0.1);
    }
};

QTEST_GUILESS_MAIN(TestSoap)
#include "test_descriptors_soap.moc"
