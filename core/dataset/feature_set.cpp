#include "core/dataset/feature_set.h"

#include <cmath>

namespace le {

Eigen::Index FeatureSet::rows() const {
    return std::visit([](const auto& m) { return m.rows(); }, data);
}

Eigen::Index FeatureSet::cols() const {
    return std::visit([](const auto& m) { return m.cols(); }, data);
}

MatrixD FeatureSet::toDouble() const {
    if (auto d = std::get_if<MatrixD>(&data)) return *d;
    return std::get<MatrixF>(data).cast<double>();
}

NonFiniteReport findNonFinite(const FeatureSet& features) {
    NonFiniteReport report;
    std::visit(
        [&](const auto& m) {
            for (Eigen::Index r = 0; r < m.rows(); ++r)
                for (Eigen::Index c = 0; c < m.cols(); ++c)
                    if (!std::isfinite(double(m(r, c)))) {
                        if (report.count == 0) {
                            report.firstRow = r;
                            report.firstCol = c;
                        }
                        ++report.count;
                    }
        },
        features.data);
    return report;
}

const char* levelName(Level level) { return level == Level::Atom ? "atom" : "structure"; }

} // namespace le
