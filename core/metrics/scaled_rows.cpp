#include "core/metrics/scaled_rows.h"

namespace le {

namespace {

// out.row(i) = scaled row `source(i)` of the stored matrix; `Out` is column- or row-major.
template <typename Out, typename RowOf>
void fillScaled(const FeatureSet& set, const Scaling& s, Eigen::Index count, RowOf source, Out& out) {
    out.resize(count, set.cols());
    std::visit(
        [&](const auto& m) {
            for (Eigen::Index i = 0; i < count; ++i) {
                const auto from = m.row(source(i));
                for (Eigen::Index j = 0; j < out.cols(); ++j) {
                    const double centred = double(from[j]) - s.mean[j];
                    out(i, j) = centred / s.scale;
                }
            }
        },
        set.data);
}

} // namespace

Eigen::MatrixXd ScaledRows::gather(const std::vector<long long>& rows) const {
    Eigen::MatrixXd out;
    fillScaled(*set_, scaling_, Eigen::Index(rows.size()), [&](Eigen::Index i) { return rows[std::size_t(i)]; }, out);
    return out;
}

Eigen::MatrixXd ScaledRows::gather(const std::vector<long long>& rows, const std::vector<long long>& positions) const {
    Eigen::MatrixXd out;
    fillScaled(*set_, scaling_, Eigen::Index(positions.size()),
               [&](Eigen::Index i) { return rows[std::size_t(positions[std::size_t(i)])]; }, out);
    return out;
}

MatrixD ScaledRows::gatherRowMajor(const std::vector<long long>& rows) const {
    MatrixD out;
    fillScaled(*set_, scaling_, Eigen::Index(rows.size()), [&](Eigen::Index i) { return rows[std::size_t(i)]; }, out);
    return out;
}

Eigen::MatrixXd gatherRows(const FeatureSet& set, const std::vector<long long>& rows) {
    return std::visit([&](const auto& m) -> Eigen::MatrixXd { return m(rows, Eigen::all).template cast<double>(); },
                      set.data);
}

} // namespace le
