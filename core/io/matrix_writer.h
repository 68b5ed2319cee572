#pragma once
// A named matrix (e.g. a GFRE matrix: rows = source models, columns = target models) as
// CSV or JSON. Both go through a temporary file and a rename.
//
// CSV:  first row  ",col1,col2,...", then "row1,v11,v12,..." (RFC 4180 quoting, NaN as "nan").
// JSON: {"row1": {"col1": v11, "col2": v12}, ...} in row/column order, NaN as null — the
//       layout of the paper's reconstruction_errors/*.json (source → target → value).
#include <string>
#include <vector>

#include "core/dataset/feature_set.h"

namespace le {

// rowNames / columnNames may be empty (then "0", "1", ... are used); otherwise their sizes
// must match the matrix (std::invalid_argument).
void writeMatrixCsv(const std::string& path, const MatrixD& m, const std::vector<std::string>& rowNames,
                    const std::vector<std::string>& columnNames);
void writeMatrixJson(const std::string& path, const MatrixD& m, const std::vector<std::string>& rowNames,
                     const std::vector<std::string>& columnNames);

std::string matrixToCsv(const MatrixD& m, const std::vector<std::string>& rowNames,
                        const std::vector<std::string>& columnNames);
std::string matrixToJson(const MatrixD& m, const std::vector<std::string>& rowNames,
                         const std::vector<std::string>& columnNames);

} // namespace le
