// Cell-list neighbour search against the brute-force search and hand counts on lattices.
#include <QtTest>

#include <algorithm>
#include <random>
#include <tuple>

#include "core/descriptors/neighbour_list.h"

using namespace le;

namespace {

Frame randomFrame(int atoms, const Eigen::Matrix3d& cell, bool periodic, unsigned seed,
                  double spread = 1.0) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-0.5 * spread, 1.0 + 0.5 * spread);
    Frame f;
    f.species.assign(std::size_t(atoms), 6);
    f.positions.resize(atoms, 3);
    for (int i = 0; i < atoms; ++i) {
        const Eigen::Vector3d frac(u(rng), u(rng), u(rng)); // some atoms outside the cell
        f.positions.row(i) = (cell.transpose() * frac).transpose();
    }
    f.cell = cell;
    f.hasCell = periodic;
    f.pbc = {periodic, periodic, periodic};
    return f;
}

// A neighbour list as sorted (i, j, rounded vector) tuples, for comparing two searches.
std::vector<std::tuple<int, int, long, long, long>> canonical(const NeighbourList& list) {
    std::vector<std::tuple<int, int, long, long, long>> out;
    for (std::size_t i = 0; i < list.size(); ++i)
        for (const auto& nb : list[i])
            out.emplace_back(int(i), nb.index, std::lround(nb.vector.x() * 1e6),
                             std::lround(nb.vector.y() * 1e6), std::lround(nb.vector.z() * 1e6));
    std::sort(out.begin(), out.end());
    return out;
}

void compareWithBruteForce(const Frame& f, double cutoff) {
    const auto fast = canonical(buildNeighbourList(f, cutoff));
    const auto slow = canonical(bruteForceNeighbourList(f, cutoff));
    QVERIFY(!slow.empty());
    QCOMPARE(fast.size(), slow.size());
    QVERIFY(fast == slow);
}

Frame singleAtomCubic(double a) {
    Frame f;
    f.species = {14};
    f.positions = Positions::Zero(1, 3);
    f.cell = a * Eigen::Matrix3d::Identity();
    f.hasCell = true;
    f.pbc = {true, true, true};
    return f;
}

} // namespace

class TestNeighbours : public QObject {
    Q_OBJECT
private slots:
    void moleculeMatchesBruteForce() {
        compareWithBruteForce(randomFrame(60, 12.0 * Eigen::Matrix3d::Identity(), false, 1), 3.0);
    }
    void sparseMoleculeFarApart() {
        // Two clusters 1000 Å apart: the grid must not explode, the result must stay exact.
        Frame f = randomFrame(20, 4.0 * Eigen::Matrix3d::Identity(), false, 2);
        f.positions.bottomRows(10).array() += 1000.0;
        compareWithBruteForce(f, 2.5);
    }
    void triclinicMatchesBruteForce() {
        Eigen::Matrix3d cell;
        cell << 7.0, 0.0, 0.0, 2.5, 6.0, 0.0, -1.5, 2.0, 8.0;
        compareWithBruteForce(randomFrame(40, cell, true, 3), 4.0);
    }
    void cellSmallerThanCutoff() {
        // A strongly sheared cell whose plane spacings are well below the cutoff.
        Eigen::Matrix3d cell;
        cell << 2.0, 0.0, 0.0, 1.7, 1.5, 0.0, 0.3, -0.9, 2.2;
        compareWithBruteForce(randomFrame(3, cell, true, 4), 5.0);
    }
    void slabOpenAlongC() {
        Eigen::Matrix3d cell;
        cell << 5.0, 0.0, 0.0, 1.0, 4.5, 0.0, 0.0, 0.0, 10.0;
        Frame f = randomFrame(25, cell, true, 5);
        f.pbc = {true, true, false};
        compareWithBruteForce(f, 3.5);
        // Along the open direction no image appears: nothing lies exactly 10 Å above an atom.
        const NeighbourList lists = buildNeighbourList(f, 3.5);
        for (const auto& list : lists)
            for (const auto& nb : list) QVERIFY(std::abs(nb.vector.z()) < 3.5);
    }
    void slabWithZeroOpenVector() {
        // A square net (a = 1 Å) periodic in x, y only, written with c = 0 as slabs often are:
        // one atom sees 4 neighbours at 1 Å and 4 at √2 Å within 1.5 Å, none out of plane.
        Frame f = singleAtomCubic(1.0);
        f.cell.row(2).setZero();
        f.pbc = {true, true, false};
        QCOMPARE(int(buildNeighbourList(f, 1.1)[0].size()), 4);
        QCOMPARE(int(buildNeighbourList(f, 1.5)[0].size()), 8);
        // And a wire periodic along x only, with b = c = 0.
        f.cell.row(1).setZero();
        f.pbc = {true, false, false};
        QCOMPARE(int(buildNeighbourList(f, 2.5)[0].size()), 4);
    }
    void simpleCubicHandCounts() {
        // One atom, a = 1 Å: neighbours are lattice vectors n with 0 < |n|² < r². Shells
        // |n|² = 1, 2, 3, 4, 5, 6 hold 6, 12, 8, 6, 24, 24 vectors.
        const Frame f = singleAtomCubic(1.0);
        QCOMPARE(int(buildNeighbourList(f, 1.1)[0].size()), 6);
        QCOMPARE(int(buildNeighbourList(f, 1.5)[0].size()), 18);
        QCOMPARE(int(buildNeighbourList(f, 2.5)[0].size()), 80);
        QCOMPARE(imageRange(f, 2.5), Eigen::Vector3i(3, 3, 3));
        const NeighbourList list = buildNeighbourList(f, 2.5);
        for (const auto& nb : list[0]) {
            QCOMPARE(nb.index, 0);
            QVERIFY(std::abs(nb.distance - nb.vector.norm()) < 1e-12);
        }
    }
    void fccConventionalCell() {
        // fcc, a = 4 Å: 12 nearest neighbours at a/√2, 6 second neighbours at a.
        Frame f;
        f.species.assign(4, 13);
        f.positions.resize(4, 3);
        f.positions << 0, 0, 0, 2, 2, 0, 2, 0, 2, 0, 2, 2;
        f.cell = 4.0 * Eigen::Matrix3d::Identity();
        f.hasCell = true;
        f.pbc = {true, true, true};
        const auto first = buildNeighbourList(f, 3.0);
        const auto second = buildNeighbourList(f, 4.1);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(int(first[std::size_t(i)].size()), 12);
            QCOMPARE(int(second[std::size_t(i)].size()), 18);
        }
    }
    void rejectsBadInput() {
        QVERIFY_THROWS_EXCEPTION(ComputeError, buildNeighbourList(singleAtomCubic(1.0), 0.0));
        Frame f = singleAtomCubic(1.0);
        f.cell.row(2) = f.cell.row(0);
        QVERIFY_THROWS_EXCEPTION(ComputeError, buildNeighbourList(f, 2.0));
    }
};

QTEST_GUILESS_MAIN(TestNeighbours)
#include "test_neighbours.moc"
