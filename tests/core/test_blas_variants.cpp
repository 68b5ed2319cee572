// Results and threading do not depend on which OpenBLAS build is loaded. CTest runs this
// executable three times: as built (the OpenMP build, found through the RUNPATH), and with
// LD_LIBRARY_PATH pointing at Debian's openblas-openmp and openblas-pthread folders
// (LE_EXPECT_BLAS says which build must then be loaded). Each run compares CH4 power spectrum
// and bispectrum with scikit-matter's values and checks that every OpenBLAS call made inside
// our parallel loops runs on one thread, and that the thread count comes back afterwards.
#include <QtTest>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <tuple>

#include "core/io/npy.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/parallel_guard.h"
#include "core/util/blas_threads.h"

using namespace le;

static MatrixD load(const std::string& name) {
    return readNpy(std::string(LE_TEST_DATA_DIR) + "/metrics/" + name).toMatrixD();
}

class TestBlasVariants : public QObject {
    Q_OBJECT

private slots:
    void loadsTheExpectedBuild() {
        const BlasRuntime blas = blasRuntime();
        qInfo("OpenBLAS build: %s (%s)", blasThreadingName(blas.threading), blas.config.c_str());
        const char* expected = std::getenv("LE_EXPECT_BLAS");
        if (!expected) { // as built: the RUNPATH finds the OpenMP build whatever the system default
            QCOMPARE(blasThreadingName(blas.threading), "openmp");
            return;
        }
        const std::string want = std::string(expected) == "pthread" ? "pthreads" : expected;
        if (blasThreadingName(blas.threading) != want)
            QFAIL(qPrintable(QString("expected the %1 OpenBLAS build (LD_LIBRARY_PATH=%2), loaded %3; on Debian "
                                     "install libopenblas0-%4")
                                 .arg(want.c_str(), std::getenv("LD_LIBRARY_PATH"), blasThreadingName(blas.threading),
                                      expected)));
    }

    // scikit-matter's numbers whichever build computes them, and the BLAS threads seen from
    // inside the LFRE loop (its progress reports come from there).
    void sameResultsOneThreadInsideLoops() {
        const int before = blasThreadsHere();
        const MatrixD ps = load("ch4_power_spectrum.npy"), bs = load("ch4_bispectrum.npy");
        const FeatureSet a{"ps", Level::Atom, ps, "ps.npy"}, b{"bs", Level::Atom, bs, "bs.npy"};
        std::mutex mutex;
        int insideLoops = 0, reportsInside = 0;
        TaskContext ctx;
        ctx.progress = [&](double, std::string_view) {
            if (!omp_in_parallel()) return;
            std::lock_guard<std::mutex> lock(mutex);
            insideLoops = std::max(insideLoops, blasThreadsHere());
            ++reportsInside;
        };
        const AllPairsResult r = computeAllPairs({&a, &b}, MetricSettings{}, {}, ctx);
        // scikit-matter's pointwise errors of every CH4 pair (tests/data/metrics), both directions.
        const std::pair<Measure, const char*> references[] = {
            {Measure::GFRE, "gfre"}, {Measure::GFRD, "gfrd"}, {Measure::LFRE, "lfre_k12"}};
        for (const auto& [measure, file] : references)
            for (const auto& [s, t, pair] : {std::tuple{0, 1, "ps_to_bs"}, std::tuple{1, 0, "bs_to_ps"}}) {
                const Eigen::VectorXd expected = load(std::string("ch4_") + pair + "_" + file + "_pointwise.npy").col(0);
                const Eigen::VectorXd& ours = r.pairs.at(measure)[std::size_t(s)][std::size_t(t)].pointwise;
                QCOMPARE(ours.size(), expected.size());
                for (Eigen::Index i = 0; i < ours.size(); ++i)
                    QVERIFY2(std::abs(ours[i] - expected[i]) <= 1e-7 * std::abs(expected[i]) + 1e-9,
                             qPrintable(QString("%1 %2, test point %3").arg(file, pair).arg(i)));
            }
        QVERIFY2(reportsInside > 0, "no progress report came from inside a parallel loop");
        QCOMPARE(insideLoops, 1);
        QCOMPARE(blasThreadsHere(), before); // restored after the loops
    }

    // The scope itself: nested scopes, from several threads, restore the count once.
    void scopesNestAndRestore() {
        const int before = blasThreadsHere();
        std::atomic<int> most{0};
        {
            const SingleThreadedBlas outer;
            {
                const SingleThreadedBlas inner;
#pragma omp parallel num_threads(2)
                {
                    const SingleThreadedBlas perThread;
                    int here = blasThreadsHere(), seen = most.load();
                    while (here > seen && !most.compare_exchange_weak(seen, here)) {}
                }
            }
            QCOMPARE(most.load(), 1);
            if (blasRuntime().threading == BlasThreading::Pthreads) QCOMPARE(blasThreadsHere(), 1);
        }
        QCOMPARE(blasThreadsHere(), before);
    }
};

QTEST_GUILESS_MAIN(TestBlasVariants)
#include "test_blas_variants.moc"
