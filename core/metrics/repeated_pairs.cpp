#include "core/metrics/repeated_pairs.h"

#include <cmath>
#include <limits>

#include "core/metrics/distributed_pairs.h"
#include "core/util/error.h"

namespace le {

RepeatedMatrices summarizeRepeats(std::vector<Eigen::MatrixXd> perRepeat) {
    if (perRepeat.empty()) throw ComputeError("no repeat to summarise");
    const Eigen::Index rows = perRepeat[0].rows(), cols = perRepeat[0].cols();
    for (const auto& m : perRepeat)
        if (m.rows() != rows || m.cols() != cols) throw ComputeError("repeats differ in shape");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    RepeatedMatrices out;
    out.mean = Eigen::MatrixXd::Constant(rows, cols, nan);
    out.std = Eigen::MatrixXd::Constant(rows, cols, nan);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) {
            double sum = 0;
            int count = 0;
            for (const auto& m : perRepeat)
                if (std::isfinite(m(i, j))) {
                    sum += m(i, j);
                    ++count;
                }
            if (count == 0) continue;
            const double mean = sum / count;
            out.mean(i, j) = mean;
            if (count < 2) continue;
            double squares = 0; // two passes: no cancellation when the spread is tiny
            for (const auto& m : perRepeat)
                if (std::isfinite(m(i, j))) squares += (m(i, j) - mean) * (m(i, j) - mean);
            out.std(i, j) = std::sqrt(squares / (count - 1));
        }
    out.repeats = std::move(perRepeat);
    return out;
}

RepeatedPairsResult computeRepeatedPairs(const std::vector<const FeatureSet*>& sets,
                                         const MetricSettings& settings,
                                         const std::vector<std::string>& labels, int repeats,
                                         const RowGroups* groups, const TaskContext& ctx,
                                         const Communicator& comm) {
    if (repeats < 1) throw ComputeError("the number of repeats must be at least 1, got " + std::to_string(repeats));
    if (repeats > 1 && settings.split.kind != SplitKind::Stratified)
        throw ComputeError("repeats need a seeded split (a stratified test set of N points): the scikit-matter "
                           "default split has a fixed seed and an explicit split none, so every repeat would be "
                           "the same");
    if (double(settings.split.seed) + double(repeats - 1) > double(std::numeric_limits<unsigned int>::max()))
        throw ComputeError("seed " + std::to_string(settings.split.seed) + " + " + std::to_string(repeats - 1) +
                           " repeats exceeds the largest seed");

    RepeatedPairsResult out;
    out.summary.firstSeed = settings.split.seed;
    out.summary.count = repeats;
    if (groups) {
        out.summary.groupKey = groups->key;
        out.summary.groups = groups->names;
    }
    std::map<Measure, std::vector<Eigen::MatrixXd>> measures;
    std::map<Measure, std::vector<std::vector<Eigen::MatrixXd>>> byGroup; // [m][group][repeat]
    for (int r = 0; r < repeats; ++r) {
        ctx.throwIfCancelled();
        MetricSettings run = settings;
        run.split.seed = settings.split.seed + unsigned(r);
        run.kernel.seed = settings.kernel.seed + unsigned(r); // as compare --seed S+r sets both
        TaskContext sub = ctx.subRange(double(r) / repeats, double(r + 1) / repeats);
        if (repeats > 1 && sub.progress) {
            const std::string prefix = "repeat " + std::to_string(r + 1) + "/" + std::to_string(repeats) + ": ";
            sub.progress = [inner = sub.progress, prefix](double f, std::string_view m) {
                inner(f, prefix + std::string(m));
            };
        }
        AllPairsResult result = computeAllPairsDistributed(sets, run, labels, comm, sub);
        for (const auto& [m, matrix] : result.matrices) measures[m].push_back(matrix);
        if (groups && comm.isRoot()) {
            GroupValues values = groupValues(result, *groups);
            out.summary.groupTestRows.push_back(std::move(values.testRows));
            for (auto& [m, perGroup] : values.values) {
                auto& slot = byGroup[m];
                slot.resize(perGroup.size());
                for (std::size_t g = 0; g < perGroup.size(); ++g) slot[g].push_back(std::move(perGroup[g]));
            }
        }
        if (r == 0) out.first = std::move(result); // later repeats keep only their matrices
    }
    for (auto& [m, perRepeat] : measures) out.summary.measures[m] = summarizeRepeats(std::move(perRepeat));
    for (auto& [m, perGroup] : byGroup)
        for (auto& perRepeat : perGroup) out.summary.byGroup[m].push_back(summarizeRepeats(std::move(perRepeat)));
    return out;
}

} // namespace le
