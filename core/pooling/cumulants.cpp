#include "core/pooling/cumulants.h"

#include <atomic>
#include <cmath>
#include <variant>

#include "core/util/blas_threads.h"
#include "core/util/error.h"

namespace le {

Cumulants cumulantsFromCentralMoments(const CentralMoments& mu, bool paperKappa8) {
    const double m2 = mu[2], m3 = mu[3], m4 = mu[4], m5 = mu[5], m6 = mu[6], m7 = mu[7],
                 m8 = mu[8];
    Cumulants k{};
    k[2] = m2;
    k[3] = m3;
    k[4] = m4 - 3 * m2 * m2;
    k[5] = m5 - 10 * m2 * m3;
    k[6] = m6 - 15 * m2 * m4 - 10 * m3 * m3 + 30 * m2 * m2 * m2;
    k[7] = m7 - 21 * m2 * m5 - 35 * m3 * m4 + 210 * m2 * m2 * m3;
    const double common = m8 - 28 * m2 * m6 - 56 * m3 * m5 - 35 * m4 * m4 - 630 * m2 * m2 * m2 * m2;
    k[8] = paperKappa8 ? common + 420 * m2 * m3 * m3 + 560 * m2 * m2 * m4
                       : common + 420 * m2 * m2 * m4 + 560 * m2 * m3 * m3;
    return k;
}

double signedRoot(double x, int n) {
    if (x == 0.0) return 0.0;
    const double a = std::abs(x);
    double r;
    switch (n) { // exact-rounded roots where they exist: cheaper than pow and as accurate
    case 1: r = a; break;
    case 2: r = std::sqrt(a); break;
    case 3: r = std::cbrt(a); break;
    case 4: r = std::sqrt(std::sqrt(a)); break;
    case 6: r = std::cbrt(std::sqrt(a)); break;
    case 8: r = std::sqrt(std::sqrt(std::sqrt(a))); break;
    default: r = std::pow(a, 1.0 / n);
    }
    return x < 0 ? -r : r;
}

PoolingGroups structureGroups(const std::vector<Eigen::Index>& offsets) {
    PoolingGroups g;
    g.begin = offsets;
    const Eigen::Index n = offsets.empty() ? 0 : offsets.back();
    g.rows.resize(std::size_t(n));
    for (Eigen::Index i = 0; i < n; ++i) g.rows[std::size_t(i)] = i;
    if (g.begin.empty()) g.begin.push_back(0);
    return g;
}

namespace {

// Pools one group: two passes over the group's rows (mean, then powers of the deviations),
// which stays exact for large offsets and keeps the group's rows in cache.
template <typename Matrix>
void poolGroup(const Matrix& x, const Eigen::Index* rows, Eigen::Index n,
               const CumulantOptions& options, double* out, bool& singleAtom) {
    const Eigen::Index d = x.cols();
    const int order = options.order;
    Eigen::Map<Eigen::RowVectorXd> result(out, order * d);
    result.setZero();
    if (n == 0) return;

    Eigen::ArrayXd mean = Eigen::ArrayXd::Zero(d);
    for (Eigen::Index i = 0; i < n; ++i)
        mean += x.row(rows[i]).transpose().template cast<double>().array();
    mean /= double(n);
    result.head(d) = mean.transpose();
    if (order == 1) return;
    if (n == 1) {
        singleAtom = true;
        return;
    }

    // sums(j, k - 2) = Σ (x_ij - mean_j)^k for k = 2..order (columns are contiguous)
    Eigen::ArrayXXd sums = Eigen::ArrayXXd::Zero(d, order - 1);
    Eigen::ArrayXd dev(d), power(d);
    for (Eigen::Index i = 0; i < n; ++i) {
        dev = x.row(rows[i]).transpose().template cast<double>().array() - mean;
        power = dev;
        for (int k = 2; k <= order; ++k) {
            power *= dev;
            sums.col(k - 2) += power;
        }
    }
    sums /= double(n);

    CentralMoments mu{};
    for (Eigen::Index j = 0; j < d; ++j) {
        mu.fill(0.0);
        for (int k = 2; k <= order; ++k) mu[std::size_t(k)] = sums(j, k - 2);
        const Cumulants kappa = cumulantsFromCentralMoments(mu, options.paperKappa8);
        for (int k = 2; k <= order; ++k)
            result(cumulantBlockStart(k, d) + j) = signedRoot(kappa[std::size_t(k)], k);
    }
}

template <typename Matrix>
PooledFeatures poolImpl(const Matrix& x, const PoolingGroups& groups,
                        const CumulantOptions& options, const TaskContext& ctx) {
    if (options.order < 1 || options.order > kMaxCumulantOrder)
        throw ComputeError("cumulant order must be between 1 and 8, got " +
                           std::to_string(options.order));
    if (groups.begin.empty() || groups.begin.back() != Eigen::Index(groups.rows.size()))
        throw ComputeError("pooling groups are inconsistent");
    for (Eigen::Index r : groups.rows)
        if (r < 0 || r >= x.rows())
            throw ComputeError("pooling group refers to atom row " + std::to_string(r) +
                               " but the features have " + std::to_string(x.rows()) + " rows");

    const Eigen::Index count = groups.groupCount(), d = x.cols();
    PooledFeatures out;
    out.order = options.order;
    out.values.resize(count, options.order * d);
    std::atomic<long long> single{0}, empty{0}, done{0};
    std::atomic<bool> cancelled{false};
    const SingleThreadedBlas singleThreadedBlas; // one thread per BLAS call inside the loop
#pragma omp parallel for schedule(dynamic, 16)
    for (Eigen::Index g = 0; g < count; ++g) {
        if (cancelled.load(std::memory_order_relaxed)) continue;
        if (ctx.isCancelled()) {
            cancelled = true;
            continue;
        }
        const Eigen::Index b = groups.begin[std::size_t(g)], e = groups.begin[std::size_t(g) + 1];
        bool singleAtom = false;
        poolGroup(x, groups.rows.data() + b, e - b, options, out.values.row(g).data(), singleAtom);
        if (singleAtom) ++single;
        if (e == b) ++empty;
        const long long finished = ++done;
        if (finished % 1024 == 0) ctx.report(double(finished) / double(count), "cumulant pooling");
    }
    if (cancelled) throw OperationCancelled();
    out.singleAtomGroups = single;
    out.emptyGroups = empty;
    ctx.report(1.0, "cumulant pooling");
    return out;
}

} // namespace

PooledFeatures poolCumulants(const FeatureSet& atomFeatures, const PoolingGroups& groups,
                             const CumulantOptions& options, const TaskContext& ctx) {
    return std::visit([&](const auto& m) { return poolImpl(m, groups, options, ctx); },
                      atomFeatures.data);
}

PooledFeatures poolCumulants(const MatrixD& atomFeatures, const PoolingGroups& groups,
                             const CumulantOptions& options, const TaskContext& ctx) {
    return poolImpl(atomFeatures, groups, options, ctx);
}

} // namespace le
