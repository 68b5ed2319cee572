// Benchmark of the metrics core (never run by ctest).
//  (a) all-pairs GFRE + LFRE for 4 structured synthetic feature sets of 20 000 rows
//      (d = 128, 256, 512, 144; 1000 test rows; LFRE k = min(d)) against the numpy
//      reference ../shared/tools/ref_fre.py doing the same 12 ordered pairs one by one on
//      the same .npy files and the same split; also reports the largest difference.
//  (b) pointwise LFRE on demand for 100 rows against 200 000 training rows (d = 256).
//  (c) GFRE/GFRD's train factorisation of one source (d = 512) and four targets (d = 128, 256,
//      512, 1024) on N train rows: the whole-fold QR route (each CV fold gathered and factorised
//      whole, each target's folds gathered per solve) against the route the engine takes, one
//      pass over blocks of rows (core/metrics/streamed_folds.h); wall and CPU time, the largest
//      relative difference of the W's.
// Usage: bench_metrics [--skip-python] [--rows N] [--python-points P] [--only-a|--only-b|--only-c]
//                      [--with-diagonal] [--reference-blas] [--repeat R]
//                      [--python /usr/bin/python3] [--ref ref_fre.py]
// numpy uses whatever BLAS/LAPACK the system's alternatives select (OpenBLAS once Latent
// Explorer's dependencies are installed); --reference-blas makes the baseline load Debian's
// reference BLAS/LAPACK (packages libblas3, liblapack3), what python3-numpy installs by itself.
// --python-points P < 1000 runs the baseline's LFRE on P and on P/5 test points and
// extrapolates linearly to 1000 (start-up and loading counted once).
// Wall and CPU times are printed: on a loaded machine compare the CPU times. --repeat R runs
// our 12 pairs R times and compares the median with the baseline.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>
#include <algorithm>
#include <tuple>
#include <cmath>
#include <numeric>
#include <random>

#include "core/io/npy.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/block_scaling.h"
#include "core/metrics/lfre_on_demand.h"
#include "core/metrics/parallel_guard.h"
#include "core/metrics/row_blocks.h"
#include "core/metrics/streamed_folds.h"
#include "core/util/memory_reuse.h"

using namespace le;

namespace {

// CPU seconds (user + system) of this process or of its finished children: on a shared
// machine wall time depends on the load, CPU time much less.
double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// Rows drawn around 20 cluster centres in an 8-dimensional latent space; every feature set
// is a different smooth non-linear map of the same latent rows plus a little noise, so the
// sets are related but not linearly equivalent (like two models' features of the same atoms).
std::vector<FeatureSet> structuredSets(long long rows, const std::vector<int>& dims, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    const int latentDim = 8, clusters = 20;
    Eigen::MatrixXd centres(clusters, latentDim);
    for (Eigen::Index i = 0; i < centres.size(); ++i) centres.data()[i] = 3.0 * normal(rng);
    Eigen::MatrixXd latent(rows, latentDim);
    for (long long r = 0; r < rows; ++r)
        for (int c = 0; c < latentDim; ++c)
            latent(r, c) = centres(long(rng() % clusters), c) + normal(rng);
    std::vector<FeatureSet> sets;
    for (std::size_t m = 0; m < dims.size(); ++m) {
        Eigen::MatrixXd w1(latentDim, 64), w2(64, dims[m]);
        for (Eigen::Index i = 0; i < w1.size(); ++i) w1.data()[i] = normal(rng) / 3.0;
        for (Eigen::Index i = 0; i < w2.size(); ++i) w2.data()[i] = normal(rng) / 8.0;
        MatrixD f = (latent * w1).array().tanh().matrix() * w2;
        for (Eigen::Index i = 0; i < f.size(); ++i) f.data()[i] += 0.01 * normal(rng);
        std::string name = "d"; // appended, not "d" + string: GCC 12 warns falsely (-Wrestrict) on that
        name += std::to_string(dims[m]);
        sets.push_back(FeatureSet{name, Level::Atom, MatrixF(f.cast<float>()), ""});
    }
    return sets;
}

// Set by --reference-blas: the library folders of Debian's reference BLAS and LAPACK.
QString baselineLibraryPath;

double runPython(const QString& python, const QStringList& args, double* value, double* cpu) {
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    QProcess p;
    if (!baselineLibraryPath.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LD_LIBRARY_PATH", baselineLibraryPath);
        p.setProcessEnvironment(env);
    }
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(python, args);
    p.waitForFinished(-1);
    const double seconds = t.elapsed() / 1000.0;
    *cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    if (p.exitCode() != 0 || !o.contains("value")) {
        std::fprintf(stderr, "python failed: %s\n", qPrintable(args.join(' ')));
        std::exit(1);
    }
    *value = o["value"].toDouble();
    return seconds;
}

// The baseline's LFRE runs on the first `pythonPoints` test rows only and its time is
// extrapolated to the 1000 rows (LFRE is one independent fit per test row); GFRE runs in full.
void benchAllPairs(long long rows, bool python, const QString& pythonExe, const QString& ref, int pythonPoints,
                   bool withDiagonal, int repeats) {
    const std::vector<int> dims{128, 256, 512, 144};
    std::vector<FeatureSet> sets = structuredSets(rows, dims, 7);
    // Test set: 1000 rows of a seeded permutation; train: all the others, in order.
    std::vector<long long> perm(static_cast<std::size_t>(rows));
    std::iota(perm.begin(), perm.end(), 0LL);
    std::shuffle(perm.begin(), perm.end(), std::mt19937_64(11));
    std::vector<long long> test(perm.begin(), perm.begin() + 1000), train;
    std::sort(test.begin(), test.end());
    std::vector<char> isTest(std::size_t(rows), 0);
    for (long long i : test) isTest[std::size_t(i)] = 1;
    for (long long i = 0; i < rows; ++i)
        if (!isTest[std::size_t(i)]) train.push_back(i);

    MetricSettings settings;
    settings.measures = {Measure::GFRE, Measure::LFRE};
    settings.split.kind = SplitKind::Explicit;
    settings.split.trainIndices = train;
    settings.split.testIndices = test;
    std::vector<const FeatureSet*> pointers;
    for (const auto& s : sets) pointers.push_back(&s);
    // The 12 ordered pairs the baseline computes (no diagonal), then the full matrix as the
    // GUI computes it (the diagonal adds 512 -> 512 LFRE at k = 512, the costliest pair).
    QElapsedTimer t;
    double ours = 0.0, oursCpu = 0.0;
    AllPairsResult r;
    for (bool diagonal : {false, true}) {
        if (diagonal && !withDiagonal) break;
        settings.includeDiagonal = diagonal;
        // The 12 pairs `repeats` times: the machine's speed drifts, the median is reported.
        std::vector<std::pair<double, double>> times; // (wall, CPU)
        for (int run = 0; run < (diagonal ? 1 : repeats); ++run) {
            t.start();
            const double cpu0 = cpuSeconds(RUSAGE_SELF);
            AllPairsResult result = computeAllPairs(pointers, settings, {}, silentContext());
            const double wall = t.elapsed() / 1000.0, cpu = cpuSeconds(RUSAGE_SELF) - cpu0;
            std::printf("(a) all pairs GFRE+LFRE, %lld rows (%zu train, %zu test), d = 128/256/512/144, %s: "
                        "wall %.1f s, CPU %.1f s\n", rows, train.size(), test.size(),
                        diagonal ? "16 pairs with the diagonal" : "the 12 off-diagonal pairs", wall, cpu);
            std::fflush(stdout);
            times.emplace_back(wall, cpu);
            if (!diagonal) r = std::move(result);
        }
        if (!diagonal) {
            std::sort(times.begin(), times.end());
            std::tie(ours, oursCpu) = times[times.size() / 2];
            if (times.size() > 1) std::printf("    median of %zu runs: wall %.1f s, CPU %.1f s\n", times.size(), ours, oursCpu);
        }
    }
    for (Measure m : settings.measures) {
        std::printf("    %s:", measureName(m));
        for (std::size_t s = 0; s < 4; ++s)
            for (std::size_t q = 0; q < 4; ++q)
                if (s != q) std::printf(" %.4f", r.matrices.at(m)(Eigen::Index(s), Eigen::Index(q)));
        std::printf("\n");
    }
    if (!python) return;

    QTemporaryDir dir;
    for (const auto& s : sets) writeNpy(dir.filePath(QString::fromStdString(s.name) + ".npy").toStdString(), MatrixF(std::get<MatrixViewF>(s.data)));
    writeNpy(dir.filePath("train.npy").toStdString(), train);
    writeNpy(dir.filePath("test.npy").toStdString(), test);
    // With P < 1000 points the baseline's LFRE is also run on P/5 points: the difference gives
    // its time per point (start-up, loading and scaling cancel out), and the 1000-point time is
    // extrapolated linearly from the P-point run.
    const int fewPoints = std::max(1, pythonPoints / 5);
    const bool extrapolate = pythonPoints < int(test.size());
    writeNpy(dir.filePath("test_sample.npy").toStdString(),
             std::vector<long long>(test.begin(), test.begin() + pythonPoints));
    writeNpy(dir.filePath("test_few.npy").toStdString(), std::vector<long long>(test.begin(), test.begin() + fewPoints));
    double pythonSeconds = 0.0, pythonCpu = 0.0, worst = 0.0;
    for (std::size_t s = 0; s < 4; ++s)
        for (std::size_t q = 0; q < 4; ++q) {
            if (s == q) continue;
            const QString x = dir.filePath(QString::fromStdString(sets[s].name) + ".npy");
            const QString y = dir.filePath(QString::fromStdString(sets[q].name) + ".npy");
            const QStringList trainArg{"--train-idx", dir.filePath("train.npy")};
            double v, cg, cl;
            const double tg = runPython(pythonExe, QStringList{ref, "gfre", x, y, "--test-idx", dir.filePath("test.npy")} + trainArg, &v, &cg);
            worst = std::max(worst, std::abs(v - r.matrices.at(Measure::GFRE)(Eigen::Index(s), Eigen::Index(q))) / v);
            const QString k = QString::number(std::min(dims[s], dims[q]));
            const QString pw = dir.filePath("pw.npy");
            double tl = runPython(pythonExe, QStringList{ref, "lfre", x, y, "--k", k, "--test-idx", dir.filePath("test_sample.npy"),
                                                   "--pointwise", pw} + trainArg, &v, &cl);
            if (extrapolate) {
                double vf, cf;
                const double tf = runPython(pythonExe, QStringList{ref, "lfre", x, y, "--k", k, "--test-idx",
                                                                   dir.filePath("test_few.npy")} + trainArg, &vf, &cf);
                const double rest = double(test.size()) - pythonPoints, span = double(pythonPoints - fewPoints);
                tl += rest * std::max(0.0, tl - tf) / span;
                cl += rest * std::max(0.0, cl - cf) / span;
            }
            const MatrixD pyPoints = readNpy(pw.toStdString()).toMatrixD();
            const Eigen::VectorXd& ourPoints = r.pairs.at(Measure::LFRE)[s][q].pointwise;
            for (int i = 0; i < pythonPoints; ++i)
                worst = std::max(worst, std::abs(pyPoints(i, 0) - ourPoints[i]) / std::abs(pyPoints(i, 0)));
            pythonSeconds += tg + tl;
            pythonCpu += cg + cl;
            std::printf("    python %s -> %s: gfre %.1f s (CPU %.1f), lfre %.1f s (CPU %.1f) for %zu points%s\n",
                        sets[s].name.c_str(), sets[q].name.c_str(), tg, cg, tl, cl, test.size(),
                        extrapolate ? " (extrapolated)" : "");
            std::fflush(stdout);
        }
    std::printf("(a) ref_fre.py, same 12 pairs one by one (LFRE on %d of %zu points%s): wall %.1f s, CPU %.1f s\n"
                "    speed-up: wall %.1fx, CPU %.1fx; largest relative difference (aggregates, pointwise) %.2e\n",
                pythonPoints, test.size(), extrapolate ? ", extrapolated" : "", pythonSeconds, pythonCpu,
                pythonSeconds / ours, pythonCpu / oursCpu, worst);
}

void benchOnDemand() {
    const long long trainRows = 200000;
    std::vector<FeatureSet> sets = structuredSets(trainRows + 100, {256, 256}, 5);
    std::vector<long long> train(static_cast<std::size_t>(trainRows)), query(100);
    std::iota(train.begin(), train.end(), 0LL);
    std::iota(query.begin(), query.end(), trainRows);
    MetricSettings settings; // k = min(256, 256) = 256
    for (long long k : {0LL, 20LL}) {
        settings.lfreK = k;
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        const Eigen::VectorXd pw = pointwiseLfreOnDemand(sets[0], sets[1], train, query, settings, silentContext());
        std::printf("(b) pointwise LFRE of 100 rows vs 200000 train rows, d = 256, k = %lld: wall %.2f s, CPU %.2f s "
                    "(rms %.4f)\n", k ? k : 256LL, t.elapsed() / 1000.0, cpuSeconds(RUSAGE_SELF) - cpu0,
                    std::sqrt(pw.squaredNorm() / 100.0));
        std::fflush(stdout);
    }
    // The GUI's path: the source side and the target's scaler made once per (source, split,
    // target), then one call per frame the user looks at (three calls: wall and CPU of each).
    settings.lfreK = 0;
    QElapsedTimer t;
    t.start();
    const LfreQueryContext context(sets[0], train, settings, silentContext());
    const double setup = t.elapsed() / 1000.0;
    t.restart();
    const Scaling targetScaling = context.targetScaling(sets[1]);
    const double scaler = t.elapsed() / 1000.0;
    std::printf("(b) same, k = 256, the structure view's path: source side once %.2f s, target scaler once %.2f s, "
                "then per frame:", setup, scaler);
    double rms = 0.0;
    for (int call = 0; call < 3; ++call) {
        t.restart();
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        const Eigen::VectorXd pw = context.pointwise(sets[1], targetScaling, query, silentContext());
        std::printf(" %.2f s (CPU %.2f)", t.elapsed() / 1000.0, cpuSeconds(RUSAGE_SELF) - cpu0);
        rms = std::sqrt(pw.squaredNorm() / 100.0);
    }
    std::printf(" (rms %.4f)\n", rms);
    std::fflush(stdout);
}

// (c): see the comment at the top.
void benchStreamedFolds(long long rows) {
    const std::vector<FeatureSet> sets = structuredSets(rows, {512, 128, 256, 512, 1024}, 17);
    std::vector<long long> train(static_cast<std::size_t>(rows));
    std::iota(train.begin(), train.end(), 0LL);
    std::vector<ScaledRows> scaled;
    for (const FeatureSet& set : sets)
        scaled.emplace_back(set, fitScalingByBlocks(set, train, ScalerKind::StandardFlexible, set.name, WorkShare{},
                                                    kStreamBlockRows));
    const EstimatorSettings settings;
    const auto targets = static_cast<long long>(sets.size()) - 1;
    std::vector<Eigen::MatrixXd> wholeW(static_cast<std::size_t>(targets)), streamedW(wholeW.size());
    auto timed = [](const char* what, long long rows, auto&& body) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        body();
        std::printf("(c) %s, %lld train rows: wall %.2f s, CPU %.2f s\n", what, rows, t.elapsed() / 1000.0,
                    cpuSeconds(RUSAGE_SELF) - cpu0);
        std::fflush(stdout);
    };
    timed("streamed by blocks of rows", rows, [&] {
        std::vector<const ScaledRows*> targetRows;
        for (long long t = 1; t <= targets; ++t) targetRows.push_back(&scaled[std::size_t(t)]);
        const StreamedFolds folds = streamTrainFolds(scaled[0], targetRows, train, WorkShare{}, rows, true,
                                                     kStreamBlockRows, silentContext());
        const RegressionPlan plan(folds.triangles(), settings);
        ParallelGuard guard(silentContext());
#pragma omp parallel for schedule(dynamic, 1)
        for (long long t = 0; t < targets; ++t)
            guard.run([&] { streamedW[std::size_t(t)] = plan.solve(folds.coordinates(std::size_t(t))).W; });
        guard.rethrow();
    });
    timed("whole folds (gathered)", rows, [&] {
        auto gatherOf = [&](const ScaledRows& set) -> RegressionPlan::RowGather {
            return [&](const std::vector<long long>& positions) { return set.gather(train, positions); };
        };
        const RegressionPlan plan(gatherOf(scaled[0]), Eigen::Index(rows), scaled[0].cols(), settings);
        ParallelGuard guard(silentContext());
#pragma omp parallel for schedule(dynamic, 1)
        for (long long t = 0; t < targets; ++t)
            guard.run([&] { wholeW[std::size_t(t)] = plan.solve(gatherOf(scaled[std::size_t(t + 1)])).W; });
        guard.rethrow();
    });
    double worst = 0;
    for (long long t = 0; t < targets; ++t)
        worst = std::max(worst, (streamedW[std::size_t(t)] - wholeW[std::size_t(t)]).norm() / wholeW[std::size_t(t)].norm());
    std::printf("(c) largest relative difference of W between the routes: %.2e\n", worst);
}

} // namespace

int main(int argc, char** argv) {
    keepFreedMemoryForReuse(); // as the application's entry point does
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&](const QString& name, const QString& fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
    };
    const bool python = !args.contains("--skip-python");
    const long long rows = option("--rows", "20000").toLongLong();
    const QString pythonExe = option("--python", "/usr/bin/python3");
    const QString ref = option("--ref", QString(LE_SHARED_DIR) + "/tools/ref_fre.py");
    const int pythonPoints = option("--python-points", "1000").toInt();
    if (args.contains("--reference-blas")) {
        const QString blas = "/usr/lib/x86_64-linux-gnu/blas", lapack = "/usr/lib/x86_64-linux-gnu/lapack";
        if (!QFileInfo::exists(blas + "/libblas.so.3") || !QFileInfo::exists(lapack + "/liblapack.so.3")) {
            std::fprintf(stderr, "--reference-blas: install libblas3 and liblapack3 first\n");
            return 2;
        }
        baselineLibraryPath = blas + ":" + lapack;
    }
    std::printf("baseline BLAS/LAPACK: %s\n", baselineLibraryPath.isEmpty()
                                                 ? "the system's default (update-alternatives)"
                                                 : qPrintable("reference, from " + baselineLibraryPath));
    const bool onlyA = args.contains("--only-a"), onlyB = args.contains("--only-b"), onlyC = args.contains("--only-c");
    if (!onlyB && !onlyC)
        benchAllPairs(rows, python, pythonExe, ref, std::clamp(pythonPoints, 1, 1000), args.contains("--with-diagonal"),
                      std::max(1, option("--repeat", "1").toInt()));
    if (!onlyA && !onlyC) benchOnDemand();
    if (!onlyA && !onlyB) benchStreamedFolds(rows);
    return 0;
}
