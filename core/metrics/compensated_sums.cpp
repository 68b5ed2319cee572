#include "core/metrics/compensated_sums.h"

#include <string>

#include "core/util/error.h"

namespace le {

namespace {

// s + e = a + b exactly, s = fl(a + b) (Knuth's TwoSum: no branch, any magnitudes).
inline void twoSum(double a, double b, double& s, double& e) {
    s = a + b;
    const double bv = s - a;
    e = (a - (s - bv)) + (b - bv);
}

// (hi, lo) += x.
inline void accumulate(double& hi, double& lo, double x) {
    double e;
    twoSum(hi, x, hi, e);
    lo += e;
}

// Sum of f(v[i]) over a contiguous column into (hi, lo), in four independent lanes (so the
// additions' latencies overlap) merged exactly at the end.
template <typename F>
void addColumn(const double* v, Eigen::Index n, F f, double& hi, double& lo) {
    double h[4] = {0, 0, 0, 0}, l[4] = {0, 0, 0, 0};
    Eigen::Index i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; ++k) accumulate(h[k], l[k], f(v[i + k]));
    for (; i < n; ++i) accumulate(h[0], l[0], f(v[i]));
    for (int k = 0; k < 4; ++k) {
        accumulate(hi, lo, h[k]);
        lo += l[k];
    }
}

} // namespace

CompensatedSums::CompensatedSums(Eigen::Index cols)
    : hi_(Eigen::RowVectorXd::Zero(cols)), lo_(Eigen::RowVectorXd::Zero(cols)) {}

void CompensatedSums::addRows(const Eigen::MatrixXd& rows) {
    if (rows.cols() != cols())
        throw ComputeError("column sums: rows of " + std::to_string(rows.cols()) + " columns for " +
                           std::to_string(cols()));
    for (Eigen::Index j = 0; j < cols(); ++j)
        addColumn(rows.col(j).data(), rows.rows(), [](double x) { return x; }, hi_[j], lo_[j]);
}

void CompensatedSums::addCentredSquares(const Eigen::MatrixXd& rows, const Eigen::RowVectorXd& mean) {
    if (rows.cols() != cols() || mean.size() != cols())
        throw ComputeError("column sums: rows of " + std::to_string(rows.cols()) + " columns for " +
                           std::to_string(cols()));
    for (Eigen::Index j = 0; j < cols(); ++j) {
        const double m = mean[j];
        addColumn(rows.col(j).data(), rows.rows(), [m](double x) { return (x - m) * (x - m); }, hi_[j], lo_[j]);
    }
}

void CompensatedSums::add(const CompensatedSums& other) {
    if (other.cols() != cols())
        throw ComputeError("column sums: adding " + std::to_string(other.cols()) + " columns to " +
                           std::to_string(cols()));
    for (Eigen::Index j = 0; j < cols(); ++j) {
        accumulate(hi_[j], lo_[j], other.hi_[j]);
        lo_[j] += other.lo_[j];
    }
}

Eigen::RowVectorXd CompensatedSums::rounded() const { return hi_ + lo_; }

double CompensatedSums::roundedTotal() const {
    double hi = 0, lo = 0;
    for (Eigen::Index j = 0; j < cols(); ++j) {
        accumulate(hi, lo, hi_[j]);
        lo += lo_[j];
    }
    return hi + lo;
}

std::vector<double> CompensatedSums::packed() const {
    std::vector<double> out(hi_.data(), hi_.data() + cols());
    out.insert(out.end(), lo_.data(), lo_.data() + cols());
    return out;
}

CompensatedSums CompensatedSums::unpacked(const std::vector<double>& values) {
    if (values.size() % 2 != 0) throw ComputeError("column sums: an odd number of packed values");
    const auto n = Eigen::Index(values.size() / 2);
    CompensatedSums s(n);
    s.hi_ = Eigen::Map<const Eigen::RowVectorXd>(values.data(), n);
    s.lo_ = Eigen::Map<const Eigen::RowVectorXd>(values.data() + n, n);
    return s;
}

} // namespace le
