#include "core/dataset/feature_set.h"

#include <algorithm>
#include <cmath>

#include "core/util/mapped_file.h"

namespace le {

FeatureData::FeatureData(MatrixViewD values, std::shared_ptr<const MappedFile> file)
    : variant(values), owner_(file), mapping_(file.get()) {}

FeatureData::FeatureData(MatrixViewF values, std::shared_ptr<const MappedFile> file)
    : variant(values), owner_(file), mapping_(file.get()) {}

void FeatureData::own(Owned values) {
    auto held = std::make_shared<const Owned>(std::move(values));
    std::visit(
        [&](const auto& m) {
            using Scalar = typename std::decay_t<decltype(m)>::Scalar;
            emplace<MatrixView<Scalar>>(m.data(), m.rows(), m.cols());
        },
        *held);
    owner_ = std::move(held);
    mapping_ = nullptr;
}

const void* FeatureData::values() const {
    return std::visit([](const auto& m) -> const void* { return m.data(); }, *this);
}

void FeatureData::releaseRows(Eigen::Index first, Eigen::Index count) const {
    if (!mapping_ || count <= 0) return;
    std::visit(
        [&](const auto& m) {
            const auto rowBytes = std::size_t(m.cols()) * sizeof(*m.data());
            mapping_->releasePages(m.data() + first * m.cols(), std::size_t(count) * rowBytes);
        },
        *this);
}

Eigen::Index FeatureSet::rows() const {
    return std::visit([](const auto& m) { return m.rows(); }, data);
}

Eigen::Index FeatureSet::cols() const {
    return std::visit([](const auto& m) { return m.cols(); }, data);
}

MatrixD FeatureSet::toDouble() const {
    return std::visit([](const auto& m) -> MatrixD { return m.template cast<double>(); }, data);
}

NonFiniteReport findNonFinite(const FeatureSet& features) {
    // Mapped rows are scanned by blocks of about 16 MB, each released after its scan, so that
    // checking a large file does not leave all of it resident.
    const Eigen::Index rows = features.rows(), cols = std::max<Eigen::Index>(features.cols(), 1);
    const Eigen::Index blockRows = std::max<Eigen::Index>(1, (Eigen::Index(1) << 24) / (cols * 4));
    NonFiniteReport report;
    std::visit(
        [&](const auto& m) {
            for (Eigen::Index first = 0; first < rows; first += blockRows) {
                const Eigen::Index last = std::min(rows, first + blockRows);
                for (Eigen::Index r = first; r < last; ++r)
                    for (Eigen::Index c = 0; c < m.cols(); ++c)
                        if (!std::isfinite(double(m(r, c)))) {
                            if (report.count == 0) {
                                report.firstRow = r;
                                report.firstCol = c;
                            }
                            ++report.count;
                        }
                features.data.releaseRows(first, last - first);
            }
        },
        features.data);
    return report;
}

const char* levelName(Level level) { return level == Level::Atom ? "atom" : "structure"; }

} // namespace le
