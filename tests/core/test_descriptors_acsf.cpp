// ACSF against a hand calculation for a bent triatomic (O with two H) and a distant atom,
// plus rotation invariance on a small periodic cell.
#include <QtTest>

#include <Eigen/Geometry>

#include <cmath>
#include <numbers>

#include "core/descriptors/acsf.h"

using namespace le;

namespace {

Frame water(double r1, double r2, double angle, double farAway) {
    // O at the origin, H1 on x, H2 at `angle` from H1 in the xy plane, a fourth atom (C)
    // `farAway` Å along -z (beyond the cutoff when farAway > r_c).
    Frame f;
    f.species = {8, 1, 1, 6};
    f.positions.resize(4, 3);
    f.positions << 0, 0, 0, r1, 0, 0, r2 * std::cos(angle), r2 * std::sin(angle), 0, 0, 0, -farAway;
    return f;
}

double fc(double r, double rc) { return r < rc ? 0.5 * (std::cos(std::numbers::pi * r / rc) + 1) : 0.0; }

} // namespace

class TestAcsf : public QObject {
    Q_OBJECT
private slots:
    void bentTriatomicByHand() {
        AcsfOptions o;
        o.rCut = 4.0;
        o.nRadial = 3;
        o.rStart = 1.0;           // centres 1, 2, 3 Å; Δ = 1, η = 0.5 Å⁻²
        o.zetas = {1, 4};
        o.etaAngular = 0.1;
        const double r1 = 0.96, r2 = 1.3, angle = 1.823;
        const Frame f = water(r1, r2, angle, 7.0);
        const MatrixD g = computeAcsf({f}, o);
        // Channels H(1), C(6), O(8): 3 × 3 radial, then 6 pairs × 2 ζ × 2 λ = 24 angular.
        QCOMPARE(g.cols(), Eigen::Index(9 + 24));
        const double rc = 4.0, eta = 0.5;
        auto g2 = [&](double r, double centre) { return std::exp(-eta * (r - centre) * (r - centre)) * fc(r, rc); };

        // Centre O: radial H channel sums both hydrogens; the C is beyond r_c; no O neighbours.
        for (int k = 0; k < 3; ++k) {
            QVERIFY(std::abs(g(0, k) - (g2(r1, 1.0 + k) + g2(r2, 1.0 + k))) < 1e-14);
            QCOMPARE(g(0, 3 + k), 0.0);
            QCOMPARE(g(0, 6 + k), 0.0);
        }
        // Angular (H, H) pair (index 0): one term with θ = angle.
        const double r12 = std::sqrt(r1 * r1 + r2 * r2 - 2 * r1 * r2 * std::cos(angle));
        const double radial = std::exp(-0.1 * (r1 * r1 + r2 * r2 + r12 * r12)) * fc(r1, rc) * fc(r2, rc) * fc(r12, rc);
        const double c = std::cos(angle);
        const double expected[4] = {(1 + c) * radial, (1 - c) * radial,
                                    std::pow(2.0, -3) * std::pow(1 + c, 4) * radial,
                                    std::pow(2.0, -3) * std::pow(1 - c, 4) * radial};
        for (int k = 0; k < 4; ++k) QVERIFY(std::abs(g(0, 9 + k) - expected[k]) < 1e-14);
        for (int k = 4; k < 24; ++k) QCOMPARE(g(0, 9 + k), 0.0);

        // Centre H1: neighbours H2 (at r12) and O (at r1); the angle at H1 between them.
        const Eigen::Vector3d toO = -f.positions.row(1).transpose();
        const Eigen::Vector3d toH = (f.positions.row(2) - f.positions.row(1)).transpose();
        const double cosH = toO.dot(toH) / (toO.norm() * toH.norm());
        const double radialH = std::exp(-0.1 * (r1 * r1 + r12 * r12 + r2 * r2)) * fc(r1, rc) * fc(r12, rc) * fc(r2, rc);
        for (int k = 0; k < 3; ++k) {
            QVERIFY(std::abs(g(1, k) - g2(r12, 1.0 + k)) < 1e-14);
            QVERIFY(std::abs(g(1, 6 + k) - g2(r1, 1.0 + k)) < 1e-14);
        }
        // Pair (H, O) is index 2 among (H,H), (H,C), (H,O), (C,C), (C,O), (O,O).
        QVERIFY(std::abs(g(1, 9 + 2 * 4 + 0) - (1 + cosH) * radialH) < 1e-14);
        QVERIFY(std::abs(g(1, 9 + 2 * 4 + 3) - std::pow(2.0, -3) * std::pow(1 - cosH, 4) * radialH) < 1e-14);
        // The far carbon sees nothing.
        QCOMPARE(g.row(3).cwiseAbs().maxCoeff(), 0.0);
    }
    void atomCrossingCutoffIsContinuous() {
        AcsfOptions o;
        const MatrixD inside = computeAcsf({water(0.96, 1.3, 1.8, o.rCut - 1e-6)}, o);
        const MatrixD outside = computeAcsf({water(0.96, 1.3, 1.8, o.rCut + 1e-6)}, o);
        QVERIFY((inside - outside).cwiseAbs().maxCoeff() < 1e-10);
    }
    void periodicRotationInvariance() {
        Frame f;
        f.species = {14, 8, 8};
        f.positions.resize(3, 3);
        f.positions << 0.1, 0.2, 0.3, 1.5, 0.4, 1.1, 0.7, 2.0, 2.2;
        f.cell << 3.0, 0, 0, 0.5, 3.2, 0, 0.3, -0.4, 2.9;
        f.hasCell = true;
        f.pbc = {true, true, true};
        const MatrixD ref = computeAcsf({f}, AcsfOptions{});
        const Eigen::Matrix3d rot = Eigen::AngleAxisd(0.7, Eigen::Vector3d(1, 2, -1).normalized()).toRotationMatrix();
        Frame g = f;
        g.positions = f.positions * rot.transpose();
        g.cell = f.cell * rot.transpose();
        const MatrixD turned = computeAcsf({g}, AcsfOptions{});
        QVERIFY(ref.cwiseAbs().maxCoeff() > 1.0);
        QVERIFY((turned - ref).cwiseAbs().maxCoeff() < 1e-10 * ref.cwiseAbs().maxCoeff());
    }
    void rejectsBadOptions() {
        AcsfOptions o;
        o.nRadial = 0;
        QVERIFY_THROWS_EXCEPTION(ComputeError, AcsfCalculator(o, {1}));
        o = AcsfOptions{};
        o.zetas = {0.5};
        QVERIFY_THROWS_EXCEPTION(ComputeError, AcsfCalculator(o, {1}));
    }
};

QTEST_GUILESS_MAIN(TestAcsf)
#include "test_descriptors_acsf.moc"
