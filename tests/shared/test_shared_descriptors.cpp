// Descriptors on real third-party structures from ../shared (label "shared", not in the
// default suite): neighbour lists against brute force on a 4096-atom amorphous-silicon cell
// and on triclinic zeolite cells, and SOAP of CSD-1000R within the 30 s budget.
#include <QtTest>

#include <algorithm>
#include <chrono>

#include "core/descriptors/neighbour_list.h"
#include "core/descriptors/soap.h"
#include "core/io/loader.h"

using namespace le;

namespace {

const std::string data = LE_SHARED_DIR "/data/derived/";

// Sorted neighbour indices and rounded distances per atom, for comparing two searches.
std::vector<std::vector<std::pair<int, long>>> canonical(const NeighbourList& list) {
    std::vector<std::vector<std::pair<int, long>>> out(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        for (const auto& nb : list[i]) out[i].emplace_back(nb.index, std::lround(nb.distance * 1e8));
        std::sort(out[i].begin(), out[i].end());
    }
    return out;
}

} // namespace

class TestSharedDescriptors : public QObject {
    Q_OBJECT
private slots:
    void amorphousSiliconNeighbours() {
        const Dataset d = loadDataset({data + "a-si_4096.extxyz"});
        const Frame& f = d.frames()[0];
        QCOMPARE(f.atomCount(), 4096);
        const auto fast = buildNeighbourList(f, 5.0);
        QVERIFY(canonical(fast) == canonical(bruteForceNeighbourList(f, 5.0)));
        // a-Si: about 4 neighbours within 2.8 Å on average.
        double bonded = 0;
        for (const auto& list : buildNeighbourList(f, 2.8)) bonded += double(list.size());
        QVERIFY2(std::abs(bonded / 4096 - 4.0) < 0.2, qPrintable(QString::number(bonded / 4096)));
    }
    void zeoliteTriclinicCells() {
        const Dataset d = loadDataset({data + "zeolites_1000.extxyz"});
        for (int k = 0; k < 40; ++k) {
            const Frame& f = d.frames()[std::size_t(k * 25)];
            QVERIFY(canonical(buildNeighbourList(f, 6.0)) == canonical(bruteForceNeighbourList(f, 6.0)));
        }
    }
    void csdSoapWithinBudget() {
        const Dataset d = loadDataset({data + "csd-1000r_first500.extxyz"});
        QCOMPARE(d.atomCount(), Eigen::Index(64790));
        const auto start = std::chrono::steady_clock::now();
        const MatrixD x = computeSoap(d.frames(), SoapOptions{});
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        qInfo("SOAP n_max 8, l_max 6, r_cut 5 on 64 790 atoms: %.1f s", seconds);
        QCOMPARE(x.cols(), Eigen::Index(3696)); // 4 species: (4·36 + 6·64)·7
        for (Eigen::Index i = 0; i < x.rows(); i += 997) QVERIFY(std::abs(x.row(i).norm() - 1) < 1e-12);
        QVERIFY2(seconds < 30.0, qPrintable(QString::number(seconds)));
    }
};

QTEST_GUILESS_MAIN(TestSharedDescriptors)
#include "test_shared_descriptors.moc"
