#include "app/cli/compare_statistics.h"

#include <QJsonArray>

#include <cmath>

namespace le::cli {

namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }
QString text(const std::string& s) { return QString::fromStdString(s); }

// {source: {target: [repeat values]}}
QJsonObject repeatListsJson(const std::vector<std::string>& names, const std::vector<Eigen::MatrixXd>& repeats) {
    QJsonObject bySource;
    for (std::size_t s = 0; s < names.size(); ++s) {
        QJsonObject byTarget;
        for (std::size_t t = 0; t < names.size(); ++t) {
            QJsonArray values;
            for (const auto& m : repeats) values.append(number(m(Eigen::Index(s), Eigen::Index(t))));
            byTarget[text(names[t])] = values;
        }
        bySource[text(names[s])] = byTarget;
    }
    return bySource;
}

// {source: {target: {group: value}}} with value = pick(group's RepeatedMatrices)(s, t).
template <typename Pick>
QJsonObject groupsJson(const RepeatSummary& summary, const std::vector<RepeatedMatrices>& perGroup,
                       const std::vector<std::string>& names, Pick pick) {
    QJsonObject bySource;
    for (std::size_t s = 0; s < names.size(); ++s) {
        QJsonObject byTarget;
        for (std::size_t t = 0; t < names.size(); ++t) {
            QJsonObject byGroup;
            for (std::size_t g = 0; g < perGroup.size(); ++g)
                byGroup[text(summary.groups[g])] = pick(perGroup[g], Eigen::Index(s), Eigen::Index(t));
            byTarget[text(names[t])] = byGroup;
        }
        bySource[text(names[s])] = byTarget;
    }
    return bySource;
}

QByteArray csvNumber(double v) { return std::isfinite(v) ? QByteArray::number(v, 'g', 17) : QByteArray(); }

} // namespace

QByteArray csvField(const std::string& s) {
    QString q = text(s);
    if (q.contains(',') || q.contains('"') || q.contains('\n')) q = '"' + q.replace("\"", "\"\"") + '"';
    return q.toUtf8();
}

QJsonObject pairMatrixJson(const std::vector<std::string>& names, const Eigen::MatrixXd& matrix) {
    QJsonObject bySource;
    for (std::size_t s = 0; s < names.size(); ++s) {
        QJsonObject byTarget;
        for (std::size_t t = 0; t < names.size(); ++t)
            byTarget[text(names[t])] = number(matrix(Eigen::Index(s), Eigen::Index(t)));
        bySource[text(names[s])] = byTarget;
    }
    return bySource;
}

void addRepeatsJson(QJsonObject& out, const RepeatSummary& summary, const std::vector<std::string>& names) {
    QJsonObject std, repeats;
    for (const auto& [m, repeated] : summary.measures) {
        std[measureName(m)] = pairMatrixJson(names, repeated.std);
        repeats[measureName(m)] = repeatListsJson(names, repeated.repeats);
    }
    out["measures_std"] = std;
    out["measures_repeats"] = repeats;
}

void addBreakdownJson(QJsonObject& out, const RepeatSummary& summary, const std::vector<std::string>& names,
                      bool withRepeats) {
    QJsonObject mean, std, repeats;
    for (const auto& [m, perGroup] : summary.byGroup) {
        mean[measureName(m)] = groupsJson(summary, perGroup, names, [](const RepeatedMatrices& g, Eigen::Index s, Eigen::Index t) {
            return number(g.mean(s, t));
        });
        std[measureName(m)] = groupsJson(summary, perGroup, names, [](const RepeatedMatrices& g, Eigen::Index s, Eigen::Index t) {
            return number(g.std(s, t));
        });
        repeats[measureName(m)] = groupsJson(summary, perGroup, names, [](const RepeatedMatrices& g, Eigen::Index s, Eigen::Index t) {
            QJsonArray values;
            for (const auto& r : g.repeats) values.append(number(r(s, t)));
            return QJsonValue(values);
        });
    }
    QJsonObject counts;
    for (std::size_t g = 0; g < summary.groups.size(); ++g) {
        QJsonArray perRepeat;
        for (const auto& rows : summary.groupTestRows) perRepeat.append(double(rows[g]));
        counts[text(summary.groups[g])] = perRepeat;
    }
    const QString key = text(summary.groupKey);
    out["by_group"] = QJsonObject{{key, mean}};
    out["by_group_n_test"] = QJsonObject{{key, counts}};
    if (!withRepeats) return;
    out["by_group_std"] = QJsonObject{{key, std}};
    out["by_group_repeats"] = QJsonObject{{key, repeats}};
}

QByteArray breakdownCsv(const RepeatSummary& summary, const std::vector<std::string>& names, bool withRepeats) {
    QByteArray csv = "key,group,measure,source,target,value,n_test";
    if (withRepeats) {
        csv += ",std";
        for (int r = 0; r < summary.count; ++r) csv += ",repeat_" + QByteArray::number(r + 1);
    }
    csv += '\n';
    for (const auto& [m, perGroup] : summary.byGroup)
        for (std::size_t g = 0; g < perGroup.size(); ++g)
            for (std::size_t s = 0; s < names.size(); ++s)
                for (std::size_t t = 0; t < names.size(); ++t) {
                    const auto i = Eigen::Index(s), j = Eigen::Index(t);
                    if (!std::isfinite(perGroup[g].mean(i, j))) continue;
                    csv += csvField(summary.groupKey) + ',' + csvField(summary.groups[g]) + ',' + measureName(m) + ',' +
                           csvField(names[s]) + ',' + csvField(names[t]) + ',' + csvNumber(perGroup[g].mean(i, j)) + ',' +
                           QByteArray::number(summary.groupTestRows.front()[g]);
                    if (withRepeats) {
                        csv += ',' + csvNumber(perGroup[g].std(i, j));
                        for (const auto& r : perGroup[g].repeats) csv += ',' + csvNumber(r(i, j));
                    }
                    csv += '\n';
                }
    return csv;
}

} // namespace le::cli
