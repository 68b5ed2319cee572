// Speed of the built-in descriptors on real molecular crystals (CSD-1000R, first 500
// structures, 64 790 atoms): SOAP n_max 8, l_max 6, r_cut 5 Å with cell-list neighbour search
// against the same computation with a naive O(N²) neighbour search, plus ACSF.
//   build/tests/bench_descriptors [structures.extxyz]
// Prints one line per case: seconds, and the ratio to the O(N²) baseline.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>

#include "core/descriptors/acsf.h"
#include "core/descriptors/atom_loop.h"
#include "core/descriptors/soap.h"
#include "core/io/loader.h"

using namespace le;

namespace {

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Neighbour search alone: each row gets the atom's neighbour count.
MatrixD countNeighbours(const std::vector<Frame>& frames, double cutoff, NeighbourSearch search) {
    return computePerAtom(
        frames, cutoff, 1,
        [](const Frame&, const NeighbourList& nl, int atom, double* row) {
            row[0] = double(nl[std::size_t(atom)].size());
        },
        silentContext(), "neighbours", search);
}

MatrixD soap(const std::vector<Frame>& frames, const SoapOptions& options, NeighbourSearch search) {
    const SoapCalculator calc(options, speciesOf(frames));
    return computePerAtom(
        frames, options.rCut, calc.featureCount(),
        [&calc](const Frame& f, const NeighbourList& nl, int atom, double* row) {
            calc.powerSpectrum(f, nl, atom, row);
        },
        silentContext(), "SOAP", search);
}

} // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1]
                                      : std::string(LE_SHARED_DIR) + "/data/derived/csd-1000r_first500.extxyz";
    auto start = std::chrono::steady_clock::now();
    const Dataset data = loadDataset({path});
    const auto& frames = data.frames();
    std::printf("loaded %lld structures, %lld atoms in %.2f s\n", (long long)data.frameCount(),
                (long long)data.atomCount(), seconds(start));

    start = std::chrono::steady_clock::now();
    const MatrixD fastCounts = countNeighbours(frames, 5.0, NeighbourSearch::CellList);
    const double nlFast = seconds(start);
    start = std::chrono::steady_clock::now();
    const MatrixD slowCounts = countNeighbours(frames, 5.0, NeighbourSearch::BruteForce);
    const double nlSlow = seconds(start);
    std::printf("neighbour lists r_cut 5: cell lists %.2f s, O(N^2) %.2f s (x%.1f), %.0f neighbours "
                "per atom, counts %s\n",
                nlFast, nlSlow, nlSlow / nlFast, fastCounts.mean(),
                fastCounts == slowCounts ? "identical" : "DIFFER");

    const SoapOptions options; // n_max 8, l_max 6, r_cut 5, sigma 0.3, normalised
    start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock(); // CPU time of all threads: less sensitive to load
    const MatrixD fast = soap(frames, options, NeighbourSearch::CellList);
    const double soapFast = seconds(start);
    const double soapCpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    start = std::chrono::steady_clock::now();
    const MatrixD slow = soap(frames, options, NeighbourSearch::BruteForce);
    const double soapSlow = seconds(start);
    std::printf("SOAP n_max 8 l_max 6 r_cut 5 (%lld x %lld): %.2f s (CPU %.2f s) with cell lists, "
                "%.2f s with O(N^2) search (x%.2f), max |diff| %.1e\n",
                (long long)fast.rows(), (long long)fast.cols(), soapFast, soapCpu, soapSlow,
                soapSlow / soapFast, (fast - slow).cwiseAbs().maxCoeff());

    AcsfOptions acsf; // r_cut 6, 8 radial, angular on
    start = std::chrono::steady_clock::now();
    const MatrixD g = computeAcsf(frames, acsf);
    std::printf("ACSF r_cut %.0f (%lld x %lld): %.2f s\n", acsf.rCut, (long long)g.rows(),
                (long long)g.cols(), seconds(start));
    return 0;
}
