#include "ui/workspace/worst_pair.h"

#include <cmath>

#include "ui/workspace/workspace.h"

namespace le::ui {
namespace {

std::optional<WorstPair> largestOffDiagonal(const Eigen::MatrixXd& matrix, Measure measure) {
    std::optional<WorstPair> worst;
    double largest = -INFINITY;
    for (Eigen::Index s = 0; s < matrix.rows(); ++s)
        for (Eigen::Index t = 0; t < matrix.cols(); ++t)
            if (s != t && std::isfinite(matrix(s, t)) && matrix(s, t) > largest) {
                largest = matrix(s, t);
                worst = WorstPair{int(s), int(t), measure};
            }
    return worst;
}

} // namespace

std::optional<WorstPair> worstOffDiagonalPair(const AllPairsResult& metrics) {
    for (Measure measure : {Measure::LFRE, Measure::GFRE}) {
        const auto found = metrics.matrices.find(measure);
        if (found == metrics.matrices.end()) continue;
        if (auto worst = largestOffDiagonal(found->second, measure)) return worst;
    }
    return std::nullopt;
}

std::optional<long long> worstTestPoint(const AllPairsResult& metrics, const WorstPair& pair) {
    const auto found = metrics.pairs.find(pair.measure);
    if (found == metrics.pairs.end() || pair.source < 0 || pair.target < 0 ||
        std::size_t(pair.source) >= found->second.size() ||
        std::size_t(pair.target) >= found->second[std::size_t(pair.source)].size())
        return std::nullopt;
    const Eigen::VectorXd& values = found->second[std::size_t(pair.source)][std::size_t(pair.target)].pointwise;
    std::optional<long long> worst;
    for (Eigen::Index k = 0; k < values.size(); ++k)
        if (std::isfinite(values[k]) && (!worst || values[k] > values[*worst])) worst = k;
    return worst;
}

std::optional<WorstPair> showWorstPair(Workspace& workspace) {
    const auto dataset = workspace.dataset();
    const auto metrics = workspace.metrics();
    if (!dataset || !metrics) return std::nullopt;
    const auto pair = worstOffDiagonalPair(*metrics);
    if (!pair) return std::nullopt;
    workspace.setCurrentPair(pair->source, pair->target, pair->measure);
    const auto point = worstTestPoint(*metrics, *pair);
    if (!point || std::size_t(*point) >= metrics->testIndices.size()) return pair;
    const long long row = workspace.datasetRow(metrics->testIndices[std::size_t(*point)]);
    const bool atoms = workspace.analysisLevel() == Level::Atom;
    if (atoms && (row < 0 || row >= dataset->atomCount())) return pair;
    if (!atoms && (row < 0 || row >= dataset->frameCount())) return pair;
    workspace.setCurrentFrame(int(atoms ? dataset->frameOfAtom(row) : row));
    workspace.setSelectedAtoms({qint64(row)});
    return pair;
}

} // namespace le::ui
