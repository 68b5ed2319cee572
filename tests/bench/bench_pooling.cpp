// Speed of the structure-level analysis on synthetic data: cumulant pooling (orders 1, 4, 8),
// PCA and PCovR of a 200 000 × 512 float32 feature set. Prints one line per case.
//   build/tests/bench_pooling [structures atoms-per-structure features]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "core/pooling/cumulants.h"
#include "core/projection/projection.h"

using namespace le;

namespace {

MatrixF randomFeatures(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.5f, 2.0f);
    MatrixF x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
    return x;
}

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    const Eigen::Index structures = argc > 1 ? std::atol(argv[1]) : 10000;
    const Eigen::Index atomsEach = argc > 2 ? std::atol(argv[2]) : 27;
    const Eigen::Index d = argc > 3 ? std::atol(argv[3]) : 256;

    std::vector<Eigen::Index> offsets{0};
    for (Eigen::Index s = 0; s < structures; ++s) offsets.push_back(offsets.back() + atomsEach);
    const FeatureSet atoms{"bench", Level::Atom, randomFeatures(offsets.back(), d, 1), "synthetic"};
    for (int order : {1, 4, 8}) {
        CumulantOptions options;
        options.order = order;
        const auto start = std::chrono::steady_clock::now();
        const auto pooled = poolCumulants(atoms, structureGroups(offsets), options, silentContext());
        const double t = seconds(start);
        std::printf("pool   order %d  %lld structures x %lld atoms x %lld features (float32): "
                    "%.3f s (%.1f M atom-features/s), checksum %.6g\n",
                    order, (long long)structures, (long long)atomsEach, (long long)d, t,
                    double(offsets.back()) * double(d) / t / 1e6, pooled.values.sum());
    }

    const FeatureSet big{"pca", Level::Atom, randomFeatures(200000, 512, 2), "synthetic"};
    const auto start = std::chrono::steady_clock::now();
    const auto pca = computePca(big, {}, PcaOptions{}, silentContext());
    std::printf("pca    200000 x 512 (float32), 2 components: %.3f s, ratio %.4g %.4g\n",
                seconds(start), pca.explainedVarianceRatio(0), pca.explainedVarianceRatio(1));

    MatrixD energy(200000, 1);
    const MatrixViewF& raw = std::get<MatrixViewF>(big.data);
    for (Eigen::Index i = 0; i < energy.rows(); ++i) energy(i, 0) = double(raw.row(i).head(8).sum());
    const auto start2 = std::chrono::steady_clock::now();
    const auto pcovr = computePcovr(big, energy, {}, PcovrOptions{}, silentContext());
    std::printf("pcovr  200000 x 512 (float32), 1 property, alpha 0.5: %.3f s, ratio %.4g %.4g\n",
                seconds(start2), pcovr.explainedVarianceRatio(0), pcovr.explainedVarianceRatio(1));
    return 0;
}
