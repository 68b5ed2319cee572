// Benchmark of kernel GFRE (never run by ctest): all ordered pairs of 3 synthetic feature sets
// (d = 128, 256, 512; 1000 test rows, the rest train; 2000 landmarks by default) through the
// engine (computeAllPairs, Measure::KGFRE), against the implementation before the speed-up
// kept below as the baseline (Eigen's SelfAdjointEigenSolver on K(L, L), then the same GFRE
// steps), in the same run and on the same data. Prints a per-phase profile of the first
// source for both, the totals, their ratio and the largest difference of the pair values.
// Usage: bench_kgfre [--rows N] [--landmarks M] [--skip-baseline] [--map-only]
// --map-only times only the Nyström maps of the 3 sources (γ, K(L, L), eigenpairs), both ways,
// and compares their kernel approximations Φ Φᵀ on the test rows.
// Wall and CPU times are printed: on a loaded machine compare the CPU times.
#include <QCoreApplication>
#include <QElapsedTimer>

#include <sys/resource.h>

#include <Eigen/Eigenvalues>

#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>

#include "core/metrics/all_pairs.h"
#include "core/metrics/kernel_gfre.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/regression.h"
#include "core/metrics/scaling.h"
#include "core/metrics/splits.h"

using namespace le;

namespace {

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Stopwatch {
    QElapsedTimer wall;
    double cpu0 = cpuSeconds();
    Stopwatch() { wall.start(); }
    double seconds() const { return wall.elapsed() / 1000.0; }
    double cpu() const { return cpuSeconds() - cpu0; }
};

// Sets that are different non-linear functions (sin/cos of random projections) of one shared
// 6-dimensional latent Gaussian, plus a little noise.
std::vector<FeatureSet> syntheticSets(long long rows, const std::vector<int>& dims) {
    std::mt19937_64 rng(5);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd latent(rows, 6);
    for (Eigen::Index i = 0; i < latent.size(); ++i) latent.data()[i] = normal(rng);
    std::vector<FeatureSet> sets;
    for (int d : dims) {
        Eigen::MatrixXd w(6, d);
        for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = normal(rng) / 2.0;
        MatrixD f = (latent * w).array().sin().matrix();
        for (Eigen::Index i = 0; i < f.size(); ++i) f.data()[i] += 0.01 * normal(rng);
        std::string name = "d";
        name += std::to_string(d);
        sets.push_back(FeatureSet{name, Level::Atom, MatrixF(f.cast<float>()), ""});
    }
    return sets;
}

// The Nyström map as it was before the speed-up: Eigen's single-threaded eigensolver, the
// kernel through one product outside any parallel loop.
class BaselineNystrom {
public:
    BaselineNystrom(Eigen::MatrixXd landmarks, double gamma, const std::function<void(const char*, const Stopwatch&)>& lap)
        : landmarks_(std::move(landmarks)), norms_(landmarks_.rowwise().squaredNorm()), gamma_(gamma) {
        Stopwatch t;
        if (!(gamma_ > 0.0)) gamma_ = 1.0 / medianPairSquaredDistance(landmarks_);
        lap("median pair distance", t);
        Stopwatch k;
        const Eigen::MatrixXd kll = kernel(landmarks_);
        lap("K(L, L)", k);
        Stopwatch e;
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(kll);
        const Eigen::VectorXd& lambda = eig.eigenvalues();
        const double threshold = 1e-12 * lambda.maxCoeff();
        Eigen::Index first = 0;
        while (first < lambda.size() && !(lambda[first] > threshold)) ++first;
        const Eigen::Index rank = lambda.size() - first;
        projection_ = eig.eigenvectors().rightCols(rank) * lambda.tail(rank).cwiseSqrt().cwiseInverse().asDiagonal();
        lap("eigenpairs of K(L, L)", e);
    }
    Eigen::MatrixXd kernel(const Eigen::MatrixXd& rows) const {
        Eigen::MatrixXd squared = -2.0 * rows * landmarks_.transpose();
        squared.colwise() += rows.rowwise().squaredNorm();
        squared.rowwise() += norms_.transpose();
        return (-gamma_ * squared.cwiseMax(0.0)).array().exp().matrix();
    }
    Eigen::MatrixXd features(const Eigen::MatrixXd& rows) const { return kernel(rows) * projection_; }

private:
    Eigen::MatrixXd landmarks_;
    Eigen::VectorXd norms_;
    double gamma_;
    Eigen::MatrixXd projection_;
};

// The engine's kernel GFRE steps (extended_measures.cpp) with either map; `profile` prints
// the phases of source 0.
template <typename MakeMap>
Eigen::MatrixXd kgfreSteps(const std::vector<ScaledBlocks>& blocks, const std::vector<long long>& landmarks,
                           const MetricSettings& settings, MakeMap makeMap, const char* label) {
    const std::size_t n = blocks.size();
    Eigen::MatrixXd values = Eigen::MatrixXd::Constant(Eigen::Index(n), Eigen::Index(n), 0.0);
    for (std::size_t s = 0; s < n; ++s) {
        auto lap = [&](const char* phase, const Stopwatch& t) {
            if (s == 0) std::printf("  %-10s %-28s %7.2f s wall %7.2f s CPU\n", label, phase, t.seconds(), t.cpu());
        };
        Stopwatch t;
        const auto map = makeMap(Eigen::MatrixXd(blocks[s].train(landmarks, Eigen::all)), lap);
        lap("map (total)", t);
        Stopwatch f;
        ScaledBlocks phi{map.features(blocks[s].train), map.features(blocks[s].test)};
        lap("features Φ (train + test)", f);
        Stopwatch p;
        const Scaling scaling = fitScaling(phi.train, settings.scaler, "phi");
        scaling.applyInPlace(phi.train);
        scaling.applyInPlace(phi.test);
        const RegressionPlan plan(phi.train, settings.estimator);
        lap("scaling + regression plan", p);
        Stopwatch g;
        for (std::size_t t2 = 0; t2 < n; ++t2) {
            if (t2 == s) continue;
            PairMeasure m;
            globalMeasures(phi, plan, blocks[t2], &m, nullptr);
            values(Eigen::Index(s), Eigen::Index(t2)) = m.value;
        }
        lap("fits to the targets", g);
    }
    return values;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    long long rows = 10000, landmarkCount = 2000;
    bool baseline = true, mapOnly = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) rows = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--landmarks") && i + 1 < argc) landmarkCount = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--skip-baseline")) baseline = false;
        else if (!std::strcmp(argv[i], "--map-only")) mapOnly = true;
    }
    const std::vector<FeatureSet> sets = syntheticSets(rows, {128, 256, 512});
    std::vector<const FeatureSet*> pointers;
    for (const auto& s : sets) pointers.push_back(&s);
    MetricSettings settings;
    settings.measures = {Measure::KGFRE};
    settings.includeDiagonal = false;
    settings.split.kind = SplitKind::Explicit;
    for (long long r = 0; r < rows; ++r) (r % 10 == 3 ? settings.split.testIndices : settings.split.trainIndices).push_back(r);
    settings.kernel.landmarks = landmarkCount;
    std::printf("kernel GFRE, 3 sets x %lld rows (d = 128, 256, 512), %lld landmarks, %zu test rows\n", rows,
                landmarkCount, settings.split.testIndices.size());

    const TrainTestSplit split = makeSplit(settings.split, rows, {});
    std::vector<ScaledBlocks> blocks;
    for (const auto& s : sets) blocks.push_back(scaleBlocks(MatrixD(std::get<MatrixViewF>(s.data).cast<double>()), split, settings.scaler, s.name));
    const std::vector<long long> landmarks = landmarkPositions(settings.kernel, split.train);
    if (mapOnly) {
        auto quiet = [](const char*, const Stopwatch&) {};
        for (const ScaledBlocks& b : blocks) {
            const Eigen::MatrixXd l = b.train(landmarks, Eigen::all);
            Stopwatch n;
            const NystromMap map(l, settings.kernel.gamma);
            const double nWall = n.seconds(), nCpu = n.cpu();
            Stopwatch o;
            const BaselineNystrom old(l, settings.kernel.gamma, quiet);
            const double oWall = o.seconds(), oCpu = o.cpu();
            const Eigen::MatrixXd a = map.features(b.test), c = old.features(b.test);
            const Eigen::MatrixXd ka = a * a.transpose(), kc = c * c.transpose();
            std::printf("map d=%lld: engine %.2f s wall %.2f s CPU, baseline %.2f s wall %.2f s CPU (%.1fx wall, %.1fx CPU); "
                        "max |ΦΦᵀ difference| / max |ΦΦᵀ| = %.1e\n",
                        (long long)b.train.cols(), nWall, nCpu, oWall, oCpu, oWall / nWall, oCpu / nCpu,
                        (ka - kc).cwiseAbs().maxCoeff() / kc.cwiseAbs().maxCoeff());
        }
        return 0;
    }

    Stopwatch ours;
    const AllPairsResult result = computeAllPairs(pointers, settings, {}, TaskContext{});
    const double oursWall = ours.seconds(), oursCpu = ours.cpu();
    std::printf("engine:   %8.2f s wall %8.2f s CPU (ranks %lld %lld %lld)\n", oursWall, oursCpu, result.kernelRank[0],
                result.kernelRank[1], result.kernelRank[2]);

    // The phases, both ways, through the engine's own steps.
    auto newMap = [&](Eigen::MatrixXd l, auto& lap) {
        Stopwatch t;
        NystromMap map(std::move(l), settings.kernel.gamma);
        lap("map: γ + K(L,L) + eigenpairs", t);
        return map;
    };
    std::printf("phases of source 0:\n");
    kgfreSteps(blocks, landmarks, settings, newMap, "engine");
    if (!baseline) return 0;
    auto oldMap = [&](Eigen::MatrixXd l, auto& lap) { return BaselineNystrom(std::move(l), settings.kernel.gamma, lap); };
    Stopwatch before;
    const Eigen::MatrixXd old = kgfreSteps(blocks, landmarks, settings, oldMap, "baseline");
    const double beforeWall = before.seconds(), beforeCpu = before.cpu();
    double largest = 0.0;
    for (Eigen::Index s = 0; s < 3; ++s)
        for (Eigen::Index t = 0; t < 3; ++t)
            if (s != t) {
                const double ref = old(s, t), got = result.matrices.at(Measure::KGFRE)(s, t);
                largest = std::max(largest, std::abs(got - ref) / std::abs(ref));
            }
    std::printf("baseline: %8.2f s wall %8.2f s CPU\n", beforeWall, beforeCpu);
    std::printf("speed-up: %.2fx wall, %.2fx CPU; largest relative difference of the 6 values: %.2e\n",
                beforeWall / oursWall, beforeCpu / oursCpu, largest);
    return 0;
}
