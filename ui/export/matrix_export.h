#pragma once
// Heatmap data to CSV (a table with the source names in the first column) and JSON (the
// paper repository's format results[target][source] = {A, B, A_to_B, B_to_A}, so our
// exports re-import like the published files). A matrix with a spread (repeats) adds its
// sample s.d.: a second CSV table, "A_to_B_std" / "B_to_A_std" in JSON. Written via temp file +
// rename.
#include <QString>

#include <vector>

#include "ui/views/heatmap_data.h"

namespace le::ui {

// One table per matrix, separated by a blank line, each headed "# <title>".
QString matricesToCsv(const std::vector<NamedMatrix>& matrices);
// One matrix in the paper's JSON layout; needs a square matrix with equal row/column names,
// otherwise {"title", "rows", "columns", "values"}.
QByteArray matrixToJson(const NamedMatrix& matrix);

// Empty string on success, else a message naming the file.
QString writeTextFile(const QString& path, const QByteArray& content);

} // namespace le::ui
