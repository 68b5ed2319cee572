#include "core/io/stored_comparison.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/io/stored_extended_results.h"
#include "core/io/stored_repeats.h"
#include "core/util/error.h"

namespace le {

namespace {

// Every measure with a source × target matrix, in the order they are read back.
const Measure kMeasures[] = {Measure::GFRE,  Measure::GFRD, Measure::LFRE,       Measure::KGFRE,
                             Measure::CKA,   Measure::DCKA, Measure::Procrustes, Measure::InformationImbalance};

QString key(Measure m) { return QString::fromLatin1(measureName(m)); } // "gfre"...

MatrixD column(const std::vector<long long>& values) {
    MatrixD m(Eigen::Index(values.size()), 1);
    for (std::size_t i = 0; i < values.size(); ++i) m(Eigen::Index(i), 0) = double(values[i]);
    return m;
}

std::vector<long long> indices(const MatrixD& m) {
    std::vector<long long> out(std::size_t(m.size()));
    for (Eigen::Index i = 0; i < m.size(); ++i) out[std::size_t(i)] = (long long)m.data()[i];
    return out;
}

// The metric settings of a result (split indices are stored as arrays, not here).
QJsonObject settingsToJson(const MetricSettings& s) {
    QJsonObject o;
    QJsonArray measures;
    for (Measure m : s.measures) measures.append(key(m));
    o["measures"] = measures;
    o["split"] = int(s.split.kind);
    o["testSize"] = double(s.split.testSize);
    o["stratifyBy"] = QString::fromStdString(s.split.stratifyBy);
    o["seed"] = double(s.split.seed);
    o["scaler"] = int(s.scaler);
    o["estimator"] = int(s.estimator.kind);
    o["regularization"] = int(s.estimator.regularization);
    QJsonArray alphas;
    for (double a : s.estimator.relativeAlphas) alphas.append(a);
    o["alphas"] = alphas;
    o["fixedAlpha"] = s.estimator.fixedAlpha;
    o["lfreK"] = double(s.lfreK);
    o["includeDiagonal"] = s.includeDiagonal;
    o["kernelLandmarks"] = double(s.kernel.landmarks);
    o["kernelGamma"] = s.kernel.gamma;
    o["kernelSeed"] = double(s.kernel.seed);
    return o;
}

MetricSettings settingsFromJson(const QJsonObject& o) {
    MetricSettings s;
    if (o.contains("measures")) {
        s.measures.clear();
        for (const QJsonValue& v : o.value("measures").toArray()) {
            for (Measure m : kMeasures)
                if (key(m) == v.toString()) s.measures.push_back(m);
            if (key(Measure::IntrinsicDimension) == v.toString()) s.measures.push_back(Measure::IntrinsicDimension);
        }
    }
    s.split.kind = SplitKind(o.value("split").toInt(int(s.split.kind)));
    s.split.testSize = (long long)o.value("testSize").toDouble(double(s.split.testSize));
    s.split.stratifyBy = o.value("stratifyBy").toString(QString::fromStdString(s.split.stratifyBy)).toStdString();
    s.split.seed = unsigned(o.value("seed").toDouble(s.split.seed));
    s.scaler = ScalerKind(o.value("scaler").toInt(int(s.scaler)));
    s.estimator.kind = EstimatorKind(o.value("estimator").toInt(int(s.estimator.kind)));
    s.estimator.regularization = Regularization(o.value("regularization").toInt(int(s.estimator.regularization)));
    for (const QJsonValue& v : o.value("alphas").toArray()) s.estimator.relativeAlphas.push_back(v.toDouble());
    s.estimator.fixedAlpha = o.value("fixedAlpha").toDouble(s.estimator.fixedAlpha);
    s.lfreK = (long long)o.value("lfreK").toDouble(double(s.lfreK));
    s.includeDiagonal = o.value("includeDiagonal").toBool(s.includeDiagonal);
    s.kernel.landmarks = (long long)o.value("kernelLandmarks").toDouble(double(s.kernel.landmarks));
    s.kernel.gamma = o.value("kernelGamma").toDouble(s.kernel.gamma);
    s.kernel.seed = unsigned(o.value("kernelSeed").toDouble(s.kernel.seed));
    return s;
}

} // namespace

StoredResult comparisonToStored(const AllPairsResult& r, const std::vector<long long>& rows, Level level,
                                const RepeatSummary* summary) {
    const auto n = Eigen::Index(r.names.size());
    StoredResult stored;
    stored.name = kComparisonResultName;
    QJsonArray names;
    for (const auto& name : r.names) names.append(QString::fromStdString(name));
    stored.attributes["kind"] = "all_pairs";
    stored.attributes["models"] = QJsonDocument(names).toJson(QJsonDocument::Compact).toStdString();
    stored.attributes["level"] = levelName(level);
    stored.attributes["settings"] =
        QJsonDocument(settingsToJson(r.settings)).toJson(QJsonDocument::Compact).toStdString();
    stored.arrays["train_indices"] = column(r.trainIndices);
    stored.arrays["test_indices"] = column(r.testIndices);
    if (!rows.empty()) stored.arrays["rows"] = column(rows);
    const auto nTest = Eigen::Index(r.testIndices.size());
    for (const auto& [measure, matrix] : r.matrices) {
        const std::string k = key(measure).toStdString();
        stored.arrays[k] = matrix;
        // Per pair (row s·n + t): the per-point values and what the estimator chose.
        MatrixD pointwise = MatrixD::Constant(n * n, nTest, std::numeric_limits<double>::quiet_NaN());
        MatrixD alpha = MatrixD::Zero(n, n), kept = MatrixD::Zero(n, n), neighbours = MatrixD::Zero(n, n);
        const auto& pairs = r.pairs.at(measure);
        for (Eigen::Index s = 0; s < n; ++s)
            for (Eigen::Index t = 0; t < n; ++t) {
                const PairMeasure& p = pairs[std::size_t(s)][std::size_t(t)];
                if (p.pointwise.size() == nTest) pointwise.row(s * n + t) = p.pointwise.transpose();
                alpha(s, t) = p.chosenRelativeAlpha;
                kept(s, t) = double(p.keptSingularValues);
                neighbours(s, t) = double(p.k);
            }
        // Measures without per-point values (CKA, Procrustes...) store no NaN-filled array.
        if (!pointwise.array().isNaN().all()) stored.arrays[k + "_pointwise"] = pointwise;
        stored.arrays[k + "_alpha"] = alpha;
        stored.arrays[k + "_kept"] = kept;
        stored.arrays[k + "_k"] = neighbours;
    }
    storeExtendedResults(r, stored);
    if (summary) storeRepeatSummary(*summary, stored);
    return stored;
}

CompareOutput comparisonFromStored(const StoredResult& stored, const std::string& file) {
    auto array = [&](const std::string& name) -> const MatrixD& {
        auto it = stored.arrays.find(name);
        if (it == stored.arrays.end())
            throw InputError(file, "/results/" + stored.name, "missing array \"" + name + "\"");
        return it->second;
    };
    auto r = std::make_shared<AllPairsResult>();
    for (const QJsonValue& v : QJsonDocument::fromJson(QByteArray::fromStdString(stored.attributes.at("models"))).array())
        r->names.push_back(v.toString().toStdString());
    const auto n = Eigen::Index(r->names.size());
    r->settings = settingsFromJson(
        QJsonDocument::fromJson(QByteArray::fromStdString(stored.attributes.count("settings") ? stored.attributes.at("settings") : "{}")).object());
    r->trainIndices = indices(array("train_indices"));
    r->testIndices = indices(array("test_indices"));
    const auto nTest = Eigen::Index(r->testIndices.size());
    for (Measure m : kMeasures) {
        const std::string k = key(m).toStdString();
        if (!stored.arrays.count(k)) continue;
        const MatrixD& matrix = array(k);
        const MatrixD noPointwise = MatrixD::Constant(n * n, nTest, std::numeric_limits<double>::quiet_NaN());
        const MatrixD& pointwise = stored.arrays.count(k + "_pointwise") ? array(k + "_pointwise") : noPointwise;
        if (matrix.rows() != n || matrix.cols() != n || pointwise.rows() != n * n || pointwise.cols() != nTest)
            throw InputError(file, "/results/" + stored.name + "/" + k, "array shapes do not match the models");
        r->matrices[m] = matrix;
        auto& pairs = r->pairs[m];
        pairs.assign(std::size_t(n), std::vector<PairMeasure>(std::size_t(n)));
        for (Eigen::Index s = 0; s < n; ++s)
            for (Eigen::Index t = 0; t < n; ++t) {
                PairMeasure& p = pairs[std::size_t(s)][std::size_t(t)];
                p.value = matrix(s, t);
                // Files written before the diagonal was computed hold NaN there: no pointwise values.
                if (!std::isnan(p.value) && !pointwise.row(s * n + t).array().isNaN().all())
                    p.pointwise = pointwise.row(s * n + t).transpose();
                p.chosenRelativeAlpha = array(k + "_alpha")(s, t);
                p.keptSingularValues = (long long)array(k + "_kept")(s, t);
                p.k = (long long)array(k + "_k")(s, t);
            }
    }
    restoreExtendedResults(stored, file, *r);
    CompareOutput out;
    out.result = r;
    out.level = stored.attributes.count("level") && stored.attributes.at("level") == levelName(Level::Structure)
                    ? Level::Structure : Level::Atom;
    if (stored.arrays.count("rows")) out.rows = indices(stored.arrays.at("rows"));
    if (auto summary = readRepeatSummary(stored, n, file)) out.summary = std::make_shared<const RepeatSummary>(std::move(*summary));
    return out;
}

} // namespace le
