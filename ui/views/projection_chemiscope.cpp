#include "ui/views/projection_chemiscope.h"

#include <cmath>

namespace le::ui {

ChemiscopeExportOptions chemiscopeExportOf(const Dataset& dataset, const AllPairsResult* metrics,
                                           int source, int target,
                                           const ProjectionPoints* points,
                                           const std::string& projectionName) {
    ChemiscopeExportOptions options;
    options.description = "Exported by Latent Explorer";
    const auto rowsOf = [&](Level l) { return l == Level::Atom ? dataset.atomCount() : dataset.frameCount(); };
    if (points && points->size() > 0) {
        ChemiscopeColumn projection{projectionName, points->level,
                                    MatrixD::Constant(rowsOf(points->level), 2, std::nan(""))};
        for (std::size_t k = 0; k < points->size(); ++k) {
            projection.values(points->row[k], 0) = points->x[k];
            projection.values(points->row[k], 1) = points->y[k];
        }
        options.projections.push_back(std::move(projection));
    }
    if (metrics && source >= 0 && target >= 0 && std::size_t(source) < metrics->names.size() &&
        std::size_t(target) < metrics->names.size()) {
        const FeatureSet* features = dataset.findFeatureSet(metrics->names[std::size_t(source)]);
        const Level level = features ? features->level : Level::Atom;
        for (const auto& [measure, pairs] : metrics->pairs) {
            const Eigen::VectorXd& pointwise = pairs[std::size_t(source)][std::size_t(target)].pointwise;
            if (pointwise.size() == 0) continue;
            ChemiscopeColumn column{std::string(measure == Measure::GFRE   ? "GFRE"
                                                : measure == Measure::GFRD ? "GFRD"
                                                                           : "LFRE") +
                                        " " + metrics->names[std::size_t(source)] + " -> " +
                                        metrics->names[std::size_t(target)],
                                    level, MatrixD::Constant(rowsOf(level), 1, std::nan(""))};
            for (std::size_t t = 0; t < metrics->testIndices.size() && Eigen::Index(t) < pointwise.size(); ++t)
                column.values(metrics->testIndices[t], 0) = pointwise[Eigen::Index(t)];
            // LFRE first: settings colour the map by the first column.
            if (measure == Measure::LFRE) options.columns.insert(options.columns.begin(), std::move(column));
            else options.columns.push_back(std::move(column));
        }
    }
    return options;
}

} // namespace le::ui
