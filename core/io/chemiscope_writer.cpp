#include "core/io/chemiscope_writer.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <zlib.h>

#include <cmath>
#include <stdexcept>

#include "core/dataset/elements.h"
#include "core/io/atomic_file.h"
#include "core/util/error.h"

namespace le {
namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }

QJsonObject property(Level level, QJsonArray values) {
    return QJsonObject{{"target", level == Level::Atom ? "atom" : "structure"}, {"values", values}};
}

// Adds one property per column of `m` ("name" when one column, "name[k]" otherwise).
void addMatrix(QJsonObject& properties, const std::string& name, Level level, const MatrixD& m,
               Eigen::Index expectedRows, bool& anyAtom) {
    if (m.rows() != expectedRows)
        throw std::invalid_argument("chemiscope column '" + name + "' has " + std::to_string(m.rows()) +
                                    " rows, expected " + std::to_string(expectedRows));
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
        QJsonArray values;
        for (Eigen::Index r = 0; r < m.rows(); ++r) values.append(number(m(r, c)));
        const std::string key = m.cols() == 1 ? name : name + "[" + std::to_string(c + 1) + "]";
        properties.insert(QString::fromStdString(key), property(level, values));
    }
    anyAtom = anyAtom || level == Level::Atom;
}

QJsonObject structureOf(const Frame& frame) {
    QJsonArray names, x, y, z;
    for (int i = 0; i < frame.atomCount(); ++i) {
        names.append(elementSymbol(frame.species[std::size_t(i)]));
        x.append(frame.positions(i, 0));
        y.append(frame.positions(i, 1));
        z.append(frame.positions(i, 2));
    }
    QJsonObject s{{"size", frame.atomCount()}, {"names", names}, {"x", x}, {"y", y}, {"z", z}};
    if (frame.hasCell) {
        QJsonArray cell;
        for (int k = 0; k < 9; ++k) cell.append(frame.cell(k / 3, k % 3));
        s.insert("cell", cell);
    }
    return s;
}

void addDatasetProperties(QJsonObject& properties, const Dataset& d, bool& anyAtom) {
    for (const Property& p : d.properties()) {
        const Eigen::Index rows = p.level == Level::Atom ? d.atomCount() : d.frameCount();
        if (p.isText) {
            QJsonArray values;
            for (const std::string& label : p.labels) values.append(QString::fromStdString(label));
            properties.insert(QString::fromStdString(p.name), property(p.level, values));
            anyAtom = anyAtom || p.level == Level::Atom;
        } else {
            addMatrix(properties, p.name, p.level, p.numbers, rows, anyAtom);
        }
    }
    // Scalar info keys present in every frame, as structure properties (numbers or text).
    if (d.frameCount() == 0) return;
    for (const auto& [key, first] : d.frames().front().info) {
        if (first.size() != 1 || properties.contains(QString::fromStdString(key))) continue;
        QJsonArray values;
        bool usable = true;
        for (const Frame& f : d.frames()) {
            const auto found = f.info.find(key);
            if (found == f.info.end() || found->second.size() != 1 ||
                found->second.isString() != first.isString()) {
                usable = false;
                break;
            }
            values.append(first.isString() ? QJsonValue(QString::fromStdString(found->second.toString()))
                                           : number(found->second.toDouble()));
        }
        if (usable) properties.insert(QString::fromStdString(key), property(Level::Structure, values));
    }
}

} // namespace

QByteArray formatChemiscope(const Dataset& dataset, const ChemiscopeExportOptions& options,
                            const TaskContext& ctx) {
    QJsonArray structures;
    for (Eigen::Index f = 0; f < dataset.frameCount(); ++f) {
        if (f % 256 == 0) ctx.throwIfCancelled();
        structures.append(structureOf(dataset.frames()[std::size_t(f)]));
    }
    ctx.report(0.4, "chemiscope: properties");
    QJsonObject properties;
    bool anyAtom = false;
    if (options.datasetProperties) addDatasetProperties(properties, dataset, anyAtom);
    const auto rowsOf = [&](Level l) { return l == Level::Atom ? dataset.atomCount() : dataset.frameCount(); };
    for (const auto& column : options.projections)
        addMatrix(properties, column.name, column.level, column.values, rowsOf(column.level), anyAtom);
    for (const auto& column : options.columns)
        addMatrix(properties, column.name, column.level, column.values, rowsOf(column.level), anyAtom);

    QJsonObject root{{"meta", QJsonObject{{"name", QString::fromStdString(options.name)},
                                          {"description", QString::fromStdString(options.description)}}},
                     {"structures", structures},
                     {"properties", properties}};
    if (anyAtom) {
        // chemiscope needs environments to show atom properties: every atom is one.
        QJsonArray environments;
        for (Eigen::Index f = 0; f < dataset.frameCount(); ++f)
            for (int a = 0; a < dataset.frames()[std::size_t(f)].atomCount(); ++a)
                environments.append(QJsonObject{{"structure", qint64(f)}, {"center", a},
                                                {"cutoff", options.environmentCutoff}});
        root.insert("environments", environments);
    }
    if (!options.projections.empty() && options.projections.front().values.cols() >= 2) {
        const auto& p = options.projections.front();
        const QString x = QString::fromStdString(p.name + "[1]"), y = QString::fromStdString(p.name + "[2]");
        QJsonObject map{{"x", QJsonObject{{"property", x}}}, {"y", QJsonObject{{"property", y}}}};
        if (!options.columns.empty() && options.columns.front().values.cols() == 1 &&
            options.columns.front().level == p.level)
            map.insert("color", QJsonObject{{"property", QString::fromStdString(options.columns.front().name)}});
        root.insert("settings", QJsonObject{{"map", map}});
    }
    ctx.report(0.8, "chemiscope: JSON");
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::string gzipCompress(const std::string& bytes, const std::string& name) {
    z_stream stream{};
    // windowBits 15 + 16: gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw InputError(name, "", "cannot start gzip compression");
    std::string out;
    out.resize(deflateBound(&stream, uLong(bytes.size())) + 64);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = uInt(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    const auto written = stream.total_out;
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw InputError(name, "", "gzip compression failed");
    out.resize(written);
    return out;
}

void writeChemiscope(const std::string& path, const Dataset& dataset,
                     const ChemiscopeExportOptions& options, const TaskContext& ctx) {
    const QByteArray json = formatChemiscope(dataset, options, ctx);
    std::string bytes(json.constData(), std::size_t(json.size()));
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) bytes = gzipCompress(bytes, path);
    writeFileAtomically(path, bytes);
    ctx.report(1.0, "chemiscope written");
}

} // namespace le
