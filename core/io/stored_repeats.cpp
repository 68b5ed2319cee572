#include "core/io/stored_repeats.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "core/util/error.h"

namespace le {

namespace {

// Matrices as rows of one array: row i is matrices[i] read row by row (source · n + target),
// the convention of the per-point arrays.
MatrixD stackRows(const std::vector<Eigen::MatrixXd>& matrices) {
    if (matrices.empty()) return MatrixD(0, 0);
    MatrixD out(Eigen::Index(matrices.size()), matrices[0].size());
    for (std::size_t i = 0; i < matrices.size(); ++i)
        out.row(Eigen::Index(i)) = Eigen::Map<const Eigen::RowVectorXd>(MatrixD(matrices[i]).data(), matrices[i].size());
    return out;
}

Eigen::MatrixXd unstackRow(const MatrixD& stacked, Eigen::Index row, Eigen::Index n) {
    MatrixD m(n, n);
    Eigen::Map<Eigen::RowVectorXd>(m.data(), n * n) = stacked.row(row);
    return m;
}

// Group names as a JSON list (names may hold any character).
std::string namesJson(const std::vector<std::string>& names) {
    QJsonArray list;
    for (const auto& name : names) list.append(QString::fromStdString(name));
    return QJsonDocument(list).toJson(QJsonDocument::Compact).toStdString();
}

std::vector<std::string> namesFromJson(const std::string& text, const std::string& file, const std::string& where) {
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text));
    if (!doc.isArray()) throw InputError(file, where, "attribute groups is not a JSON list of names");
    std::vector<std::string> names;
    for (const QJsonValue& v : doc.array()) {
        if (!v.isString()) throw InputError(file, where, "attribute groups is not a JSON list of names");
        names.push_back(v.toString().toStdString());
    }
    return names;
}

// Any measure measureName knows (the enum grows as measures are added).
std::optional<Measure> measureNamed(const std::string& name) {
    for (int i = 0; i < 64; ++i)
        if (name == measureName(Measure(i))) return Measure(i);
    return std::nullopt;
}

} // namespace

void storeRepeatSummary(const RepeatSummary& summary, StoredResult& result) {
    result.attributes["repeats"] = std::to_string(summary.count);
    result.attributes["first_seed"] = std::to_string(summary.firstSeed);
    for (const auto& [m, repeated] : summary.measures) {
        const std::string k = measureName(m);
        result.arrays[k + "_repeats"] = stackRows(repeated.repeats);
        result.arrays[k + "_mean"] = repeated.mean;
        result.arrays[k + "_std"] = repeated.std;
    }
    if (!summary.hasBreakdown()) return;
    result.attributes["group_key"] = summary.groupKey;
    result.attributes["groups"] = namesJson(summary.groups);
    const auto groups = Eigen::Index(summary.groups.size());
    MatrixD rows(Eigen::Index(summary.groupTestRows.size()), groups);
    for (std::size_t r = 0; r < summary.groupTestRows.size(); ++r)
        for (Eigen::Index g = 0; g < groups; ++g) rows(Eigen::Index(r), g) = double(summary.groupTestRows[r][std::size_t(g)]);
    result.arrays["group_test_rows"] = rows;
    for (const auto& [m, perGroup] : summary.byGroup) {
        std::vector<Eigen::MatrixXd> all; // row r · G + g
        for (int r = 0; r < summary.count; ++r)
            for (const RepeatedMatrices& g : perGroup) all.push_back(g.repeats[std::size_t(r)]);
        result.arrays[std::string(measureName(m)) + "_by_group_repeats"] = stackRows(all);
    }
}

std::optional<RepeatSummary> readRepeatSummary(const StoredResult& result, long long models,
                                               const std::string& file) {
    auto attribute = result.attributes.find("repeats");
    if (attribute == result.attributes.end()) return std::nullopt;
    const std::string where = "/results/" + result.name;
    RepeatSummary summary;
    try {
        summary.count = std::stoi(attribute->second);
        summary.firstSeed = unsigned(std::stoul(result.attributes.count("first_seed") ? result.attributes.at("first_seed") : "0"));
    } catch (const std::exception&) {
        throw InputError(file, where, "attribute repeats or first_seed is not a number");
    }
    if (summary.count < 1) throw InputError(file, where, "attribute repeats must be at least 1");
    const Eigen::Index n = models, r = summary.count;
    auto shaped = [&](const std::string& key, Eigen::Index rows, Eigen::Index cols) -> const MatrixD& {
        const MatrixD& a = result.arrays.at(key);
        if (a.rows() != rows || a.cols() != cols)
            throw InputError(file, where + "/" + key,
                             "shape " + std::to_string(a.rows()) + " × " + std::to_string(a.cols()) + ", expected " +
                                 std::to_string(rows) + " × " + std::to_string(cols));
        return a;
    };
    for (const auto& [key, array] : result.arrays) {
        const auto cut = key.find("_repeats");
        if (cut == std::string::npos || cut + 8 != key.size() || key.find("_by_group") != std::string::npos) continue;
        const std::string name = key.substr(0, cut);
        const std::optional<Measure> m = measureNamed(name);
        if (!m) continue; // a measure this version does not know
        const MatrixD& stacked = shaped(key, r, n * n);
        std::vector<Eigen::MatrixXd> perRepeat;
        for (Eigen::Index i = 0; i < r; ++i) perRepeat.push_back(unstackRow(stacked, i, n));
        summary.measures[*m] = summarizeRepeats(std::move(perRepeat));
    }
    if (!result.attributes.count("groups")) return summary;
    summary.groupKey = result.attributes.count("group_key") ? result.attributes.at("group_key") : "";
    summary.groups = namesFromJson(result.attributes.at("groups"), file, where);
    const auto groups = Eigen::Index(summary.groups.size());
    if (!result.arrays.count("group_test_rows")) throw InputError(file, where, "missing array group_test_rows");
    const MatrixD& rows = shaped("group_test_rows", r, groups);
    for (Eigen::Index i = 0; i < r; ++i) {
        summary.groupTestRows.emplace_back();
        for (Eigen::Index g = 0; g < groups; ++g) summary.groupTestRows.back().push_back((long long)rows(i, g));
    }
    for (const auto& [m, unused] : summary.measures) {
        const std::string key = std::string(measureName(m)) + "_by_group_repeats";
        if (!result.arrays.count(key)) continue;
        const MatrixD& stacked = shaped(key, r * groups, n * n);
        auto& perGroup = summary.byGroup[m];
        for (Eigen::Index g = 0; g < groups; ++g) {
            std::vector<Eigen::MatrixXd> perRepeat;
            for (Eigen::Index i = 0; i < r; ++i) perRepeat.push_back(unstackRow(stacked, i * groups + g, n));
            perGroup.push_back(summarizeRepeats(std::move(perRepeat)));
        }
    }
    return summary;
}

} // namespace le
