// Bond detection on molecules and crystals whose bonds are counted by hand, periodic images,
// supercells and the element table (Cordero 2008 radii, Jmol colours).
#include <QtTest>

#include <Eigen/LU>

#include <cmath>

#include "core/structure/bonds.h"
#include "core/structure/element_style.h"
#include "core/structure/supercell.h"

using namespace le;

namespace {

Frame molecule(std::vector<int> species, std::vector<Eigen::RowVector3d> xyz) {
    Frame f;
    f.species = std::move(species);
    f.positions.resize(Eigen::Index(xyz.size()), 3);
    for (std::size_t k = 0; k < xyz.size(); ++k) f.positions.row(Eigen::Index(k)) = xyz[k];
    return f;
}

constexpr double kSiLattice = 5.431; // Å, diamond silicon

// Conventional 8-atom diamond cell.
Frame diamondSilicon(bool periodic) {
    const std::vector<Eigen::RowVector3d> fractional{
        {0, 0, 0},          {0, 0.5, 0.5},      {0.5, 0, 0.5},      {0.5, 0.5, 0},
        {0.25, 0.25, 0.25}, {0.25, 0.75, 0.75}, {0.75, 0.25, 0.75}, {0.75, 0.75, 0.25}};
    std::vector<Eigen::RowVector3d> xyz;
    for (const auto& f : fractional) xyz.push_back(f * kSiLattice);
    Frame frame = molecule(std::vector<int>(8, 14), xyz);
    frame.cell = Eigen::Matrix3d::Identity() * kSiLattice;
    frame.hasCell = true;
    frame.pbc = {periodic, periodic, periodic};
    return frame;
}

std::vector<int> degrees(const Frame& frame, const std::vector<Bond>& bonds) {
    std::vector<int> degree(std::size_t(frame.atomCount()), 0);
    for (const Bond& b : bonds) {
        ++degree[std::size_t(b.i)];
        ++degree[std::size_t(b.j)];
    }
    return degree;
}

// Length recomputed from the positions as written plus the reported image.
double imageLength(const Frame& f, const Bond& b) {
    return (f.positions.row(b.j) + b.image.cast<double>().transpose() * f.cell -
            f.positions.row(b.i))
        .norm();
}

} // namespace

class TestBonds : public QObject {
    Q_OBJECT
private slots:
    void elementTable() {
        QCOMPARE(elementStyle(1).covalentRadius, 0.31);
        QCOMPARE(elementStyle(6).covalentRadius, 0.76);
        QCOMPARE(elementStyle(8).covalentRadius, 0.66);
        QCOMPARE(elementStyle(14).covalentRadius, 1.11);
        QCOMPARE(elementStyle(26).covalentRadius, 1.32); // Fe low spin
        QCOMPARE(toHex(elementStyle(6).color), std::string("#909090"));
        QCOMPARE(toHex(elementStyle(8).color), std::string("#ff0d0d"));
        QCOMPARE(toHex(elementStyle(1).color), std::string("#ffffff"));
        QCOMPARE(std::string(elementStyle(79).symbol), std::string("Au"));
        QVERIFY(elementStyle(96).publishedRadius);
        QVERIFY(!elementStyle(97).publishedRadius);
        QCOMPARE(elementStyle(500).z, 0);
        QCOMPARE(elementStyle(-1).z, 0);
    }

    void water() {
        // O–H 0.9572 Å < 0.66 + 0.31 + 0.45; H–H 1.51 Å > 0.31 + 0.31 + 0.45.
        const Frame f = molecule({8, 1, 1}, {{0, 0, 0}, {0.9572, 0, 0}, {-0.2400, 0.9266, 0}});
        const auto bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 2);
        QCOMPARE(bonds[0].i, 0);
        QCOMPARE(bonds[0].j, 1);
        QCOMPARE(bonds[1].j, 2);
        QVERIFY(std::abs(bonds[0].length - 0.9572) < 1e-12);
        QVERIFY(!bonds[0].crossesCell());
    }

    void benzene() {
        // Ring C–C 1.39 Å, C–H 1.09 Å: 6 + 6 bonds; C…C across the ring (2.41, 2.78 Å) and
        // H…H (2.48 Å) are not bonds.
        std::vector<int> species;
        std::vector<Eigen::RowVector3d> xyz;
        for (int k = 0; k < 6; ++k) {
            const double angle = k * M_PI / 3;
            species.push_back(6);
            xyz.push_back({1.39 * std::cos(angle), 1.39 * std::sin(angle), 0});
        }
        for (int k = 0; k < 6; ++k) {
            const double angle = k * M_PI / 3;
            species.push_back(1);
            xyz.push_back({2.48 * std::cos(angle), 2.48 * std::sin(angle), 0});
        }
        const Frame f = molecule(species, xyz);
        const auto bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 12);
        const auto degree = degrees(f, bonds);
        for (int k = 0; k < 6; ++k) QCOMPARE(degree[std::size_t(k)], 3);
        for (int k = 6; k < 12; ++k) QCOMPARE(degree[std::size_t(k)], 1);
    }

    void toleranceAndMinimumDistance() {
        // Two C atoms 1.9 Å apart: bonded with the default tolerance (limit 1.97 Å), not with 0.3.
        const Frame f = molecule({6, 6}, {{0, 0, 0}, {1.9, 0, 0}});
        QCOMPARE(int(detectBonds(f).size()), 1);
        BondSettings tight;
        tight.tolerance = 0.3;
        QCOMPARE(int(detectBonds(f, tight).size()), 0);
        // Overlapping atoms (0.1 Å) are not a bond.
        const Frame overlap = molecule({6, 6}, {{0, 0, 0}, {0.1, 0, 0}});
        QCOMPARE(int(detectBonds(overlap).size()), 0);
    }

    void diamondPeriodic() {
        // Every Si has 4 neighbours at a·√3/4 = 2.3517 Å: 8 · 4 / 2 = 16 bonds, 9 of which
        // leave the cell (only 7 lie inside, see diamondAsMolecule).
        const Frame f = diamondSilicon(true);
        const auto bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 16);
        for (int d : degrees(f, bonds)) QCOMPARE(d, 4);
        int crossing = 0;
        for (const Bond& b : bonds) {
            QVERIFY(std::abs(b.length - kSiLattice * std::sqrt(3.0) / 4) < 1e-9);
            QVERIFY(std::abs(imageLength(f, b) - b.length) < 1e-9);
            crossing += b.crossesCell();
        }
        QCOMPARE(crossing, 9);
    }

    void diamondAsMolecule() {
        // Without periodicity only the bonds inside the box remain: the atom at (¼,¼,¼) has
        // its 4 neighbours inside, the other three interior atoms one each: 7.
        const auto bonds = detectBonds(diamondSilicon(false));
        QCOMPARE(int(bonds.size()), 7);
        BondSettings noPeriodic;
        noPeriodic.periodic = false;
        QCOMPARE(int(detectBonds(diamondSilicon(true), noPeriodic).size()), 7);
    }

    void unwrappedPositionsGiveTheSameBonds() {
        Frame f = diamondSilicon(true);
        f.positions.row(4) += Eigen::RowVector3d(2, -1, 3) * kSiLattice; // outside the cell
        const auto bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 16);
        for (int d : degrees(f, bonds)) QCOMPARE(d, 4);
        for (const Bond& b : bonds) QVERIFY(std::abs(imageLength(f, b) - b.length) < 1e-9);
    }

    void primitiveCellNeedsImages() {
        // fcc primitive vectors (0,½,½)a, (½,0,½)a, (½,½,0)a with 2 atoms: 4 bonds per atom,
        // all between atom 0 and images of atom 1: 2 · 4 / 2 = 4 bonds, 3 of them periodic.
        const double a = kSiLattice;
        Frame f = molecule({14, 14}, {{0, 0, 0}, {a / 4, a / 4, a / 4}});
        f.cell << 0, a / 2, a / 2, a / 2, 0, a / 2, a / 2, a / 2, 0;
        f.hasCell = true;
        f.pbc = {true, true, true};
        const auto bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 4);
        int crossing = 0;
        for (const Bond& b : bonds) {
            QCOMPARE(b.i, 0);
            QCOMPARE(b.j, 1);
            QVERIFY(std::abs(imageLength(f, b) - a * std::sqrt(3.0) / 4) < 1e-9);
            crossing += b.crossesCell();
        }
        QCOMPARE(crossing, 3);
    }

    void atomBondedToItsOwnImages() {
        // One C in a 1.5 Å cubic cell: 6 neighbours (its images), stored once each: 3 bonds
        // with the positive images (1,0,0), (0,1,0), (0,0,1). Only along periodic axes.
        Frame f = molecule({6}, {{0.2, 0.2, 0.2}});
        f.cell = Eigen::Matrix3d::Identity() * 1.5;
        f.hasCell = true;
        f.pbc = {true, true, true};
        auto bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 3);
        QCOMPARE(bonds[0].image, Eigen::Vector3i(0, 0, 1));
        QCOMPARE(bonds[2].image, Eigen::Vector3i(1, 0, 0));
        f.pbc = {true, false, false};
        bonds = detectBonds(f);
        QCOMPARE(int(bonds.size()), 1);
        QCOMPARE(bonds[0].image, Eigen::Vector3i(1, 0, 0));
    }

    void supercell() {
        const Frame f = diamondSilicon(true);
        const Supercell s = makeSupercell(f, {2, 1, 1});
        QCOMPARE(s.frame.atomCount(), 16);
        QCOMPARE(s.frame.cell(0, 0), 2 * kSiLattice);
        QCOMPARE(s.frame.cell(1, 1), kSiLattice);
        QCOMPARE(s.sourceAtom[9], 1);
        QVERIFY((s.frame.positions.row(9) - f.positions.row(1) -
                 Eigen::RowVector3d(kSiLattice, 0, 0)).norm() < 1e-12);
        const auto bonds = detectBonds(s.frame);
        QCOMPARE(int(bonds.size()), 32);
        for (int d : degrees(s.frame, bonds)) QCOMPARE(d, 4);
        // Without a cell there is nothing to repeat.
        const Frame water = molecule({8}, {{0, 0, 0}});
        QCOMPARE(makeSupercell(water, {3, 3, 3}).frame.atomCount(), 1);
    }

    void cancellation() {
        CancelToken token;
        token.cancel();
        TaskContext ctx;
        ctx.cancel = &token;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, detectBonds(diamondSilicon(true), {}, ctx));
    }
};

QTEST_APPLESS_MAIN(TestBonds)
#include "test_bonds.moc"
