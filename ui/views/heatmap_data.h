#pragma once
// The data behind a heatmap panel: a matrix with named rows (sources) and columns
// (targets), built from computed results, imported from the paper's JSON files, or
// from any other square named table (e.g. the order × order cumulant table).
#include <Eigen/Core>

#include <optional>

#include <QString>
#include <QStringList>

#include "core/metrics/all_pairs.h"
#include "core/metrics/repeated_pairs.h"
#include "core/util/colormap.h"

namespace le::ui {

struct NamedMatrix {
    QString title;          // e.g. "GFRE", "LFRE (published)"
    QStringList rowNames;   // sources
    QStringList columnNames; // targets
    Eigen::MatrixXd values; // rows × columns; NaN = not available
    // Sample s.d. over repeats (same shape as values; empty = a single run): cells read
    // "value±spread".
    Eigen::MatrixXd spread;
    int repeats = 1;
    // A panel with its own colour range (e.g. CKA beside GFRE | LFRE) gets its own colour bar
    // next to it; otherwise it shares the view's bar and range.
    std::optional<ValueRange> ownRange;

    bool isEmpty() const { return values.size() == 0; }
};

// The matrix of one measure from a computed result ("GFRE", "GFRD", "LFRE").
// With a summary of more than one repeat: the mean over the repeats, and their s.d. as spread.
NamedMatrix matrixFromResult(const AllPairsResult& result, Measure measure,
                             const RepeatSummary* summary = nullptr);
QString measureTitle(Measure measure);
// The colour range that makes sense for a measure's values: [0, 1] for the errors and CKA
// (extended below 0 for a negative debiased CKA, above 1 for errors beyond it), [0, π/2] for the
// Procrustes angle, [0, max(1, largest value)] for the information imbalance.
ValueRange naturalRange(Measure measure, const Eigen::MatrixXd& values);

// Every matrix of a computed result for the data export: each computed pair measure in the
// Measure order (as matrixFromResult), then the intrinsic dimension as an n × 1 table when
// it was computed.
std::vector<NamedMatrix> allResultMatrices(const AllPairsResult& result, const RepeatSummary* summary = nullptr);

// Reads a published reconstruction-error file (paper repository format):
// results[target][source] = {"A_to_B": error(source → target), "B_to_A": ...}. Model order
// follows the file. Throws InputError naming the file and the JSON member at fault.
NamedMatrix readPublishedMatrix(const QString& path);

// a − b over the names present in both (a's order, case-insensitive match). Throws
// ComputeError when no row or no column name is shared.
NamedMatrix matrixDifference(const NamedMatrix& a, const NamedMatrix& b);

} // namespace le::ui
