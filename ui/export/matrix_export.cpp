#include "ui/export/matrix_export.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace le::ui {

namespace {

// Shortest text that reads back to the same double; NaN as an empty CSV field.
QString exact(double v) { return std::isfinite(v) ? QString::number(v, 'g', 17) : QString(); }

QString csvField(const QString& text) {
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n')) return text;
    QString quoted = text;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

// A JSON string literal with proper escaping.
QString quoted(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QJsonValue jsonNumber(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

} // namespace

QString matricesToCsv(const std::vector<NamedMatrix>& matrices) {
    QString out;
    for (std::size_t k = 0; k < matrices.size(); ++k) {
        const NamedMatrix& m = matrices[k];
        if (k > 0) out += '\n';
        out += "# " + m.title + '\n';
        out += "source\\target";
        for (const QString& name : m.columnNames) out += ',' + csvField(name);
        out += '\n';
        auto table = [&](const Eigen::MatrixXd& values) {
            for (Eigen::Index r = 0; r < values.rows(); ++r) {
                out += csvField(m.rowNames[int(r)]);
                for (Eigen::Index c = 0; c < values.cols(); ++c) out += ',' + exact(values(r, c));
                out += '\n';
            }
        };
        table(m.values);
        if (m.spread.size() == 0) continue;
        out += "\n# " + m.title + QObject::tr(" sample s.d. over %1 repeats").arg(m.repeats) + '\n';
        out += "source\\target";
        for (const QString& name : m.columnNames) out += ',' + csvField(name);
        out += '\n';
        table(m.spread);
    }
    return out;
}

QByteArray matrixToJson(const NamedMatrix& m) {
    if (m.rowNames == m.columnNames) {
        // results[target][source]: A = source reconstructs B = target. Written by hand
        // because QJsonObject sorts keys and the model order matters to the figures.
        // With repeats, A_to_B is the mean and A_to_B_std / B_to_A_std the sample s.d.
        auto number = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 17) : "null"; };
        const bool spread = m.spread.size() > 0;
        QString out = "{\n";
        for (int t = 0; t < m.columnNames.size(); ++t) {
            out += "  " + quoted(m.columnNames[t]) + ": {\n";
            for (int s = 0; s < m.rowNames.size(); ++s) {
                const QString std = spread ? QString(", \"A_to_B_std\": %1, \"B_to_A_std\": %2")
                                                 .arg(number(m.spread(s, t)), number(m.spread(t, s)))
                                           : QString();
                out += QString("    %1: {\"A\": %1, \"B\": %2, \"A_to_B\": %3, \"B_to_A\": %4%5}")
                           .arg(quoted(m.rowNames[s]), quoted(m.columnNames[t]),
                                number(m.values(s, t)), number(m.values(t, s)), std);
                out += s + 1 < m.rowNames.size() ? ",\n" : "\n";
            }
            out += t + 1 < m.columnNames.size() ? "  },\n" : "  }\n";
        }
        out += "}\n";
        return out.toUtf8();
    }
    QJsonObject root;
    QJsonArray values;
    for (Eigen::Index r = 0; r < m.values.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.values.cols(); ++c) row.append(jsonNumber(m.values(r, c)));
        values.append(row);
    }
    root["title"] = m.title;
    root["rows"] = QJsonArray::fromStringList(m.rowNames);
    root["columns"] = QJsonArray::fromStringList(m.columnNames);
    root["values"] = values;
    if (m.spread.size()) {
        QJsonArray spread;
        for (Eigen::Index r = 0; r < m.spread.rows(); ++r) {
            QJsonArray row;
            for (Eigen::Index c = 0; c < m.spread.cols(); ++c) row.append(jsonNumber(m.spread(r, c)));
            spread.append(row);
        }
        root["std"] = spread;
        root["repeats"] = m.repeats;
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString writeTextFile(const QString& path, const QByteArray& content) {
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size() || !out.commit())
        return QObject::tr("%1: cannot write: %2").arg(path, out.errorString());
    return {};
}

} // namespace le::ui
