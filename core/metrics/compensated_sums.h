#pragma once
// Column sums of float64 rows carried as unevaluated pairs hi + lo (Knuth's TwoSum keeps the
// rounding error of every addition), so each rounded result is the exact sum rounded once, up to
// n·eps² of the magnitudes: in practice the same double whatever the order or grouping of the
// rows. The scalers use it (fitScaling on a whole copy, fitScalingByBlocks over blocks of rows
// and over rows split between ranks) so that all of them give the same scaler bit for bit: a
// last-bit change of the scaler would reach every number downstream, magnified by the
// condition of the fits (LFRE's local fits on ill-conditioned data: ~1e-12).
#include <vector>

#include <Eigen/Core>

namespace le {

class CompensatedSums {
public:
    explicit CompensatedSums(Eigen::Index cols = 0);

    Eigen::Index cols() const { return hi_.size(); }
    // Adds every row of `rows` (m × cols).
    void addRows(const Eigen::MatrixXd& rows);
    // Adds the squares of every row of `rows` minus `mean`, per column.
    void addCentredSquares(const Eigen::MatrixXd& rows, const Eigen::RowVectorXd& mean);
    // Adds another set of sums (e.g. another rank's), pair by pair.
    void add(const CompensatedSums& other);

    Eigen::RowVectorXd rounded() const; // per column, hi + lo
    double roundedTotal() const;        // of all columns, summed the same way

    // hi then lo (for Communicator::allGather) and back.
    std::vector<double> packed() const;
    static CompensatedSums unpacked(const std::vector<double>& values);

private:
    Eigen::RowVectorXd hi_, lo_;
};

} // namespace le
