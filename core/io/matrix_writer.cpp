#include "core/io/matrix_writer.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/io/atomic_file.h"
#include "core/io/number_format.h"

namespace le {

namespace {

std::vector<std::string> namesOrIndices(const std::vector<std::string>& names, Eigen::Index n, const char* what) {
    if (names.empty()) {
        std::vector<std::string> out;
        for (Eigen::Index i = 0; i < n; ++i) out.push_back(std::to_string(i));
        return out;
    }
    if (Eigen::Index(names.size()) != n)
        throw std::invalid_argument(std::string("matrix writer: ") + what + " names do not match the matrix size");
    return names;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

} // namespace

std::string matrixToCsv(const MatrixD& m, const std::vector<std::string>& rowNames,
                        const std::vector<std::string>& columnNames) {
    const auto rows = namesOrIndices(rowNames, m.rows(), "row");
    const auto cols = namesOrIndices(columnNames, m.cols(), "column");
    std::string out;
    for (const auto& c : cols) {
        out += ',';
        out += csvField(c);
    }
    out += "\n";
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        out += csvField(rows[std::size_t(i)]);
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            out += ',';
            appendNumber(out, m(i, j));
        }
        out += "\n";
    }
    return out;
}

std::string matrixToJson(const MatrixD& m, const std::vector<std::string>& rowNames,
                         const std::vector<std::string>& columnNames) {
    const auto rows = namesOrIndices(rowNames, m.rows(), "row");
    const auto cols = namesOrIndices(columnNames, m.cols(), "column");
    std::string out = "{\n";
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        out += "  " + jsonString(rows[std::size_t(i)]) + ": {";
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            if (j) out += ", ";
            out += jsonString(cols[std::size_t(j)]) + ": ";
            if (std::isfinite(m(i, j))) appendNumber(out, m(i, j));
            else out += "null";
        }
        out += i + 1 < m.rows() ? "},\n" : "}\n";
    }
    return out + "}\n";
}

void writeMatrixCsv(const std::string& path, const MatrixD& m, const std::vector<std::string>& rowNames,
                    const std::vector<std::string>& columnNames) {
    writeFileAtomically(path, matrixToCsv(m, rowNames, columnNames));
}

void writeMatrixJson(const std::string& path, const MatrixD& m, const std::vector<std::string>& rowNames,
                     const std::vector<std::string>& columnNames) {
    writeFileAtomically(path, matrixToJson(m, rowNames, columnNames));
}

} // namespace le
