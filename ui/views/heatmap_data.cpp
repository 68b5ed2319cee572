#include "ui/views/heatmap_data.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/error.h"

namespace le::ui {

namespace {

// Object keys at nesting depth 1 (targets) and 2 (sources) in file order, without
// repeats (QJsonObject sorts keys, but the paper's figures use the file order). Walks the
// text, tracking nesting and strings.
struct FileKeys {
    QStringList outer, inner;
};

FileKeys keysInFileOrder(const QByteArray& text) {
    FileKeys keys;
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            QByteArray raw;
            qsizetype j = i + 1;
            for (; j < text.size() && text[j] != '"'; ++j) {
                if (text[j] == '\\' && j + 1 < text.size()) raw += text[j++];
                raw += text[j];
            }
            qsizetype k = j + 1;
            while (k < text.size() && QChar(text[k]).isSpace()) ++k;
            if ((depth == 1 || depth == 2) && k < text.size() && text[k] == ':') {
                // Decode escapes through the JSON parser itself.
                const auto doc = QJsonDocument::fromJson("[\"" + raw + "\"]");
                QStringList& list = depth == 1 ? keys.outer : keys.inner;
                const QString key = doc.array().at(0).toString();
                if (!list.contains(key)) list << key;
            }
            i = j;
        }
    }
    return keys;
}

} // namespace

QString measureTitle(Measure measure) { return QString::fromUtf8(measureDisplayName(measure)); }

ValueRange naturalRange(Measure measure, const Eigen::MatrixXd& values) {
    double lowest = 0, highest = 0;
    for (Eigen::Index i = 0; i < values.size(); ++i)
        if (std::isfinite(values.data()[i])) {
            lowest = std::min(lowest, values.data()[i]);
            highest = std::max(highest, values.data()[i]);
        }
    if (measure == Measure::Procrustes) return {0.0, M_PI / 2};
    if (measure == Measure::DCKA) return {lowest, 1.0}; // slightly negative when unrelated
    return {0.0, std::max(1.0, highest)};
}

NamedMatrix matrixFromResult(const AllPairsResult& result, Measure measure, const RepeatSummary* summary) {
    NamedMatrix m;
    m.title = measureTitle(measure);
    for (const auto& name : result.names) {
        m.rowNames << QString::fromStdString(name);
        m.columnNames << QString::fromStdString(name);
    }
    const auto n = Eigen::Index(result.names.size());
    auto it = result.matrices.find(measure);
    if (it != result.matrices.end() && it->second.rows() == n && it->second.cols() == n)
        m.values = it->second;
    else
        m.values = Eigen::MatrixXd::Constant(n, n, std::numeric_limits<double>::quiet_NaN());
    if (summary && summary->count > 1) {
        auto repeated = summary->measures.find(measure);
        if (repeated != summary->measures.end() && repeated->second.mean.rows() == n && repeated->second.mean.cols() == n) {
            m.values = repeated->second.mean;
            m.spread = repeated->second.std;
            m.repeats = summary->count;
        }
    }
    return m;
}

std::vector<NamedMatrix> allResultMatrices(const AllPairsResult& result, const RepeatSummary* summary) {
    std::vector<NamedMatrix> all;
    for (const auto& [measure, values] : result.matrices)
        if (isPairMeasure(measure)) all.push_back(matrixFromResult(result, measure, summary));
    if (result.intrinsicDimension.size() == result.names.size() && !result.names.empty()) {
        NamedMatrix id;
        id.title = measureTitle(Measure::IntrinsicDimension);
        id.columnNames << QStringLiteral("d");
        id.values.resize(Eigen::Index(result.names.size()), 1);
        for (std::size_t i = 0; i < result.names.size(); ++i) {
            id.rowNames << QString::fromStdString(result.names[i]);
            id.values(Eigen::Index(i), 0) = result.intrinsicDimension[i];
        }
        all.push_back(id);
    }
    return all;
}

NamedMatrix readPublishedMatrix(const QString& path) {
    const std::string file = path.toStdString();
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        throw InputError(file, "", "cannot open: " + in.errorString().toStdString());
    const QByteArray text = in.readAll();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (doc.isNull()) {
        const int line = int(text.left(error.offset).count('\n')) + 1;
        throw InputError(file, "line " + std::to_string(line),
                         "invalid JSON: " + error.errorString().toStdString());
    }
    if (!doc.isObject()) throw InputError(file, "", "expected an object {target: {source: ...}}");
    const QJsonObject root = doc.object();
    const FileKeys keys = keysInFileOrder(text);
    if (keys.outer.isEmpty()) throw InputError(file, "", "no models in the file");

    NamedMatrix m;
    const QString stem = QFileInfo(path).completeBaseName();
    // The paper's files are named gfre_<set>.json / lfre_<set>.json.
    m.title = stem.contains("lfre", Qt::CaseInsensitive)   ? "LFRE (published)"
              : stem.contains("gfrd", Qt::CaseInsensitive) ? "GFRD (published)"
              : stem.contains("gfre", Qt::CaseInsensitive) ? "GFRE (published)"
                                                            : stem + " (published)";
    // Columns are the targets (outer keys). Rows are the sources (inner keys), in the
    // targets' order when both name the same models (square), else in file order (e.g.
    // last-layer sources vs backbone targets).
    m.columnNames = keys.outer;
    const bool square = QSet<QString>(keys.inner.begin(), keys.inner.end()) ==
                        QSet<QString>(keys.outer.begin(), keys.outer.end());
    m.rowNames = square ? keys.outer : keys.inner;
    m.values = Eigen::MatrixXd::Constant(m.rowNames.size(), m.columnNames.size(),
                                         std::numeric_limits<double>::quiet_NaN());
    for (Eigen::Index t = 0; t < m.columnNames.size(); ++t) {
        const QString& target = m.columnNames[int(t)];
        const QJsonValue targetValue = root.value(target);
        if (!targetValue.isObject())
            throw InputError(file, "/" + target.toStdString(), "expected an object of sources");
        const QJsonObject sources = targetValue.toObject();
        for (auto it = sources.begin(); it != sources.end(); ++it) {
            const Eigen::Index s = m.rowNames.indexOf(it.key());
            // Built with QString: "/" + std::string trips GCC 12's false -Wrestrict warning.
            const std::string member = QString("/%1/%2").arg(target, it.key()).toStdString();
            const QJsonValue value = it.value().toObject().value("A_to_B");
            if (value.isNull()) continue; // written for pairs that were not computed
            if (!value.isDouble()) throw InputError(file, member, "missing number \"A_to_B\"");
            m.values(s, t) = value.toDouble();
        }
    }
    return m;
}

NamedMatrix matrixDifference(const NamedMatrix& a, const NamedMatrix& b) {
    auto find = [](const QStringList& names, const QString& name) {
        for (int i = 0; i < names.size(); ++i)
            if (names[i].compare(name, Qt::CaseInsensitive) == 0) return i;
        return -1;
    };
    NamedMatrix d;
    d.title = a.title + " − " + b.title;
    std::vector<std::pair<int, int>> rows, cols;
    for (int i = 0; i < a.rowNames.size(); ++i)
        if (int j = find(b.rowNames, a.rowNames[i]); j >= 0) rows.push_back({i, j});
    for (int i = 0; i < a.columnNames.size(); ++i)
        if (int j = find(b.columnNames, a.columnNames[i]); j >= 0) cols.push_back({i, j});
    if (rows.empty() || cols.empty())
        throw ComputeError("the two matrices share no model name (" +
                           a.rowNames.join(", ").toStdString() + " vs " +
                           b.rowNames.join(", ").toStdString() + ")");
    d.values.resize(Eigen::Index(rows.size()), Eigen::Index(cols.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        d.rowNames << a.rowNames[rows[r].first];
        for (std::size_t c = 0; c < cols.size(); ++c)
            d.values(Eigen::Index(r), Eigen::Index(c)) =
                a.values(rows[r].first, cols[c].first) - b.values(rows[r].second, cols[c].second);
    }
    for (const auto& c : cols) d.columnNames << a.columnNames[c.first];
    return d;
}

} // namespace le::ui
