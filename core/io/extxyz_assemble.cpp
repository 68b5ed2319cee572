#include "core/io/extxyz_assemble.h"

#include <filesystem>

#include "core/io/extxyz_reader.h"

namespace le {

namespace {

void warn(std::vector<std::string>* warnings, const std::string& message) {
    if (warnings) warnings->push_back(message);
}

void addAtomColumn(Dataset& dataset, ColumnStore& column, const std::string& fileName) {
    if (column.spec.type == 'S') {
        Property p;
        p.name = column.spec.name;
        p.level = Level::Atom;
        p.isText = true;
        p.labels = std::move(column.labels);
        dataset.addProperty(std::move(p));
        return;
    }
    MatrixD values = std::move(column.numbers);
    if (isFeatureColumn(column.spec)) {
        FeatureSet f;
        f.name = column.spec.name;
        f.level = Level::Atom;
        f.data = std::move(values);
        f.origin = std::filesystem::path(fileName).filename().string() + ":" + column.spec.name;
        dataset.addFeatureSet(std::move(f));
    } else {
        Property p;
        p.name = column.spec.name;
        p.level = Level::Atom;
        p.numbers = std::move(values);
        dataset.addProperty(std::move(p));
    }
}

// Info keys present in every frame with the same kind of value become per-structure data.
void addInfoProperties(Dataset& dataset, const std::string& fileName) {
    const auto& frames = dataset.frames();
    if (frames.empty()) return;
    for (const auto& [key, first] : frames.front().info) {
        bool everywhere = true, allText = true, allNumeric = true;
        const std::size_t width = first.size();
        for (const auto& f : frames) {
            auto it = f.info.find(key);
            if (it == f.info.end()) {
                everywhere = false;
                break;
            }
            const auto& v = it->second.value;
            allText = allText && std::holds_alternative<std::string>(v);
            const bool numericScalar = std::holds_alternative<long long>(v) || std::holds_alternative<double>(v);
            const bool numericVector = (std::holds_alternative<std::vector<long long>>(v) ||
                                        std::holds_alternative<std::vector<double>>(v)) &&
                                       it->second.size() == width;
            allNumeric = allNumeric && (width == 1 ? numericScalar : numericVector);
        }
        if (!everywhere || (!allText && !allNumeric)) continue;
        const Eigen::Index n = dataset.frameCount();
        if (allText) {
            Property p{key, Level::Structure, true, {}, {}};
            for (const auto& f : frames) p.labels.push_back(f.info.at(key).toString());
            dataset.addProperty(std::move(p));
            continue;
        }
        MatrixD values(n, Eigen::Index(width));
        for (Eigen::Index i = 0; i < n; ++i) {
            const auto& v = frames[std::size_t(i)].info.at(key).value;
            for (Eigen::Index k = 0; k < Eigen::Index(width); ++k) {
                if (auto d = std::get_if<double>(&v)) values(i, k) = *d;
                else if (auto l = std::get_if<long long>(&v)) values(i, k) = double(*l);
                else if (auto dv = std::get_if<std::vector<double>>(&v)) values(i, k) = (*dv)[std::size_t(k)];
                else values(i, k) = double(std::get<std::vector<long long>>(v)[std::size_t(k)]);
            }
        }
        if (isFeatureColumn(ColumnSpec{key, 'R', int(width)})) {
            FeatureSet f{key, Level::Structure, std::move(values),
                         std::filesystem::path(fileName).filename().string() + ":" + key};
            dataset.addFeatureSet(std::move(f));
        } else {
            dataset.addProperty(Property{key, Level::Structure, false, std::move(values), {}});
        }
    }
}

} // namespace

Dataset assembleExtxyz(std::vector<Frame> frames, std::vector<std::unique_ptr<ColumnStore>>& columns,
                       const std::string& fileName, std::vector<std::string>* warnings) {
    Dataset dataset;
    dataset.sourceFiles = {fileName};
    for (auto& f : frames) dataset.addFrame(std::move(f));
    for (const auto& column : columns) {
        if (!column->keep) {
            warn(warnings, "column '" + column->spec.name +
                               "' is missing from some frames or changes type or width; it was not loaded");
            continue;
        }
        addAtomColumn(dataset, *column, fileName);
    }
    addInfoProperties(dataset, fileName);
    return dataset;
}

} // namespace le
