#include "core/metrics/distributed_pairs.h"

#include <cmath>

#include "core/metrics/pair_measures.h"
#include "core/util/error.h"

namespace le {

namespace {

// Reads a packed share front to back; a short buffer is a ComputeError, never a wrong number.
class Reader {
public:
    explicit Reader(const std::vector<double>& v) : v_(v) {}
    double next() {
        if (at_ >= v_.size()) throw ComputeError("distributed compare: a rank sent a truncated result");
        return v_[at_++];
    }
    long long count() { return (long long)next(); }
    bool done() const { return at_ == v_.size(); }

private:
    const std::vector<double>& v_;
    std::size_t at_ = 0;
};

bool global(Measure m) { return m == Measure::GFRE || m == Measure::GFRD; }
// Only the paper's three measures are shared out; the root computes the others whole.
bool distributed(Measure m) { return global(m) || m == Measure::LFRE; }

// Aggregates and matrices from the merged per-pair values.
void finish(AllPairsResult& whole) {
    for (auto& [m, rows] : whole.pairs)
        for (std::size_t s = 0; s < rows.size(); ++s)
            for (std::size_t t = 0; t < rows[s].size(); ++t) {
                PairMeasure& p = rows[s][t];
                if (m == Measure::LFRE && p.pointwise.size() > 0) p.value = rootMeanSquare(p.pointwise);
                whole.matrices[m](Eigen::Index(s), Eigen::Index(t)) = p.value;
            }
}

} // namespace

std::vector<double> packShare(const AllPairsResult& partial, const WorkShare& share) {
    std::vector<double> out;
    const Eigen::Index nTest = Eigen::Index(partial.testIndices.size());
    const auto [first, last] = share.testPoints(nTest);
    for (Measure m : partial.settings.measures) {
        if (!distributed(m)) continue;
        const auto& rows = partial.pairs.at(m);
        for (std::size_t s = 0; s < rows.size(); ++s) {
            if (global(m) && !share.ownsSource(s)) continue;
            for (const PairMeasure& p : rows[s]) {
                if (global(m)) {
                    out.insert(out.end(), {p.value, p.chosenRelativeAlpha, double(p.keptSingularValues),
                                           double(p.pointwise.size())});
                    out.insert(out.end(), p.pointwise.data(), p.pointwise.data() + p.pointwise.size());
                    continue;
                }
                const bool computed = p.pointwise.size() == nTest;
                out.insert(out.end(), {double(p.k), computed ? 1.0 : 0.0, double(p.chosenAlphaCounts.size())});
                for (const auto& [alpha, count] : p.chosenAlphaCounts) out.insert(out.end(), {alpha, double(count)});
                if (computed) out.insert(out.end(), p.pointwise.data() + first, p.pointwise.data() + last);
            }
        }
    }
    return out;
}

void mergeShare(AllPairsResult& whole, const std::vector<double>& packed, const WorkShare& share) {
    Reader in(packed);
    const Eigen::Index nTest = Eigen::Index(whole.testIndices.size());
    const auto [first, last] = share.testPoints(nTest);
    for (Measure m : whole.settings.measures) {
        if (!distributed(m)) continue;
        auto& rows = whole.pairs.at(m);
        for (std::size_t s = 0; s < rows.size(); ++s) {
            if (global(m) && !share.ownsSource(s)) continue;
            for (PairMeasure& p : rows[s]) {
                if (global(m)) {
                    p.value = in.next();
                    p.chosenRelativeAlpha = in.next();
                    p.keptSingularValues = in.count();
                    p.pointwise.resize(in.count());
                    for (Eigen::Index i = 0; i < p.pointwise.size(); ++i) p.pointwise[i] = in.next();
                    continue;
                }
                p.k = in.count();
                const bool computed = in.next() != 0.0;
                for (long long c = in.count(); c > 0; --c) {
                    const double alpha = in.next();
                    p.chosenAlphaCounts[alpha] += in.count();
                }
                if (!computed) continue;
                if (p.pointwise.size() != nTest) throw ComputeError("distributed compare: ranks disagree on the LFRE pairs");
                for (Eigen::Index i = first; i < last; ++i) p.pointwise[i] = in.next();
            }
        }
    }
    if (!in.done()) throw ComputeError("distributed compare: a rank sent more values than its share");
}

AllPairsResult computeAllPairsDistributed(const std::vector<const FeatureSet*>& sets, const MetricSettings& settings,
                                          const std::vector<std::string>& labels, const Communicator& comm,
                                          const TaskContext& ctx) {
    const WorkShare mine{comm.rank(), comm.size(), &comm}; // rows partitioned when size() > 1
    AllPairsResult partial = computeAllPairs(sets, settings, labels, ctx, mine);
    if (comm.size() == 1) return partial;
    const std::vector<std::vector<double>> shares = comm.gatherToRoot(packShare(partial, mine));
    if (!comm.isRoot()) return partial;
    for (int r = 1; r < comm.size(); ++r) mergeShare(partial, shares[std::size_t(r)], WorkShare{r, comm.size()});
    finish(partial);
    return partial;
}

} // namespace le
