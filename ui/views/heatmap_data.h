#pragma once
// The data behind a heatmap panel: a matrix with named rows (sources) and columns
// (targets), built from computed results, imported from the paper's JSON files, or
// from any other square named table (e.g. the order × order cumulant table).
#include <Eigen/Core>

#include <QString>
#include <QStringList>

#include "core/metrics/all_pairs.h"
#include "core/metrics/repeated_pairs.h"

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

    bool isEmpty() const { return values.size() == 0; }
};

// The matrix of one measure from a computed result ("GFRE", "GFRD", "LFRE").
// With a summary of more than one repeat: the mean over the repeats, and their s.d. as spread.
NamedMatrix matrixFromResult(const AllPairsResult& result, Measure measure,
                             const RepeatSummary* summary = nullptr);
QString measureTitle(Measure measure);

// Reads a published reconstruction-error file (paper repository format):
// results[target][source] = {"A_to_B": error(source → target), "B_to_A": ...}. Model order
// follows the file. Throws InputError naming the file and the JSON member at fault.
NamedMatrix readPublishedMatrix(const QString& path);

// a − b over the names present in both (a's order, case-insensitive match). Throws
// ComputeError when no row or no column name is shared.
NamedMatrix matrixDifference(const NamedMatrix& a, const NamedMatrix& b);

} // namespace le::ui
