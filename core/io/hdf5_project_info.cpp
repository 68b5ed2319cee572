#include "core/io/hdf5_project_info.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <stdexcept>

namespace le {

namespace {

template <class T, class F> QJsonArray toArray(const std::vector<T>& values, F convert) {
    QJsonArray a;
    for (const auto& v : values) a.append(convert(v));
    return a;
}

// Integers go through text so that values beyond 2^53 survive the JSON round trip.
QJsonValue intValue(long long v) { return QString::number(v); }
long long intFrom(const QJsonValue& v) {
    bool ok = false;
    const long long out = v.toString().toLongLong(&ok);
    if (!ok) throw std::runtime_error("bad integer in info JSON");
    return out;
}

// JSON has no NaN/Inf: those are written as text.
QJsonValue realValue(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QString::number(v)); }
double realFrom(const QJsonValue& v) {
    if (v.isDouble()) return v.toDouble();
    const QString s = v.toString();
    if (s == "nan") return std::nan("");
    if (s == "inf") return HUGE_VAL;
    if (s == "-inf") return -HUGE_VAL;
    throw std::runtime_error("bad real in info JSON");
}

} // namespace

std::string infoToJson(const std::map<std::string, InfoValue>& info) {
    QJsonObject o;
    for (const auto& [key, value] : info) {
        const auto& v = value.value;
        QJsonArray typed;
        if (auto b = std::get_if<bool>(&v)) typed = {"b", *b};
        else if (auto i = std::get_if<long long>(&v)) typed = {"i", intValue(*i)};
        else if (auto r = std::get_if<double>(&v)) typed = {"r", realValue(*r)};
        else if (auto s = std::get_if<std::string>(&v)) typed = {"s", QString::fromStdString(*s)};
        else if (auto bv = std::get_if<std::vector<bool>>(&v)) typed = {"B", toArray(*bv, [](bool x) { return QJsonValue(x); })};
        else if (auto iv = std::get_if<std::vector<long long>>(&v)) typed = {"I", toArray(*iv, intValue)};
        else if (auto rv = std::get_if<std::vector<double>>(&v)) typed = {"R", toArray(*rv, realValue)};
        else {
            const auto& sv = std::get<std::vector<std::string>>(v);
            typed = {"S", toArray(sv, [](const std::string& x) { return QJsonValue(QString::fromStdString(x)); })};
        }
        o[QString::fromStdString(key)] = typed;
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

std::map<std::string, InfoValue> infoFromJson(const std::string& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) throw std::runtime_error("info is not a JSON object");
    std::map<std::string, InfoValue> out;
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonArray typed = it.value().toArray();
        if (typed.size() != 2) throw std::runtime_error("info entry is not [type, value]");
        const QString type = typed.at(0).toString();
        const QJsonValue v = typed.at(1);
        const QJsonArray a = v.toArray();
        InfoValue value;
        if (type == "b") value.value = v.toBool();
        else if (type == "i") value.value = intFrom(v);
        else if (type == "r") value.value = realFrom(v);
        else if (type == "s") value.value = v.toString().toStdString();
        else if (type == "B") { std::vector<bool> x; for (const auto& e : a) x.push_back(e.toBool()); value.value = x; }
        else if (type == "I") { std::vector<long long> x; for (const auto& e : a) x.push_back(intFrom(e)); value.value = x; }
        else if (type == "R") { std::vector<double> x; for (const auto& e : a) x.push_back(realFrom(e)); value.value = x; }
        else if (type == "S") { std::vector<std::string> x; for (const auto& e : a) x.push_back(e.toString().toStdString()); value.value = x; }
        else throw std::runtime_error("unknown info type '" + type.toStdString() + "'");
        out[it.key().toStdString()] = std::move(value);
    }
    return out;
}

} // namespace le
