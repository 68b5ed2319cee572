#include "ui/views/outlier_model.h"

#include <cmath>

#include "core/structure/element_style.h"
#include "ui/views/structure_coloring.h"

namespace le::ui {

std::vector<OutlierRow> outlierRows(const Dataset& dataset, const AllPairsResult& metrics,
                                    int source, int target, Measure measure) {
    std::vector<OutlierRow> rows;
    const auto found = metrics.pairs.find(measure);
    if (!metricsAreAtomLevel(dataset, metrics) || found == metrics.pairs.end() || source < 0 ||
        target < 0 || std::size_t(source) >= found->second.size() ||
        std::size_t(target) >= found->second[std::size_t(source)].size())
        return rows;
    const Eigen::VectorXd& pointwise = found->second[std::size_t(source)][std::size_t(target)].pointwise;
    // Text labels of atoms: atom-level text properties and frame-level text info.
    std::vector<std::pair<QString, std::vector<std::string>>> labelColumns;
    for (const Property& p : dataset.properties())
        if (p.level == Level::Atom && p.isText)
            labelColumns.push_back({QString::fromStdString(p.name), p.labels});
    if (dataset.frameCount() > 0)
        for (const auto& [key, value] : dataset.frames().front().info)
            if (value.isString())
                if (auto labels = dataset.atomLabels(key))
                    labelColumns.push_back({QString::fromStdString(key), std::move(*labels)});
    const std::vector<int> species = dataset.atomSpecies();
    rows.reserve(metrics.testIndices.size());
    for (std::size_t t = 0; t < metrics.testIndices.size() && Eigen::Index(t) < pointwise.size(); ++t) {
        OutlierRow row;
        row.atom = metrics.testIndices[t];
        row.frame = int(dataset.frameOfAtom(row.atom));
        row.frameAtom = int(row.atom - dataset.offsets()[std::size_t(row.frame)]);
        row.z = species[std::size_t(row.atom)];
        row.value = pointwise[Eigen::Index(t)];
        QStringList parts;
        for (const auto& [key, labels] : labelColumns)
            parts << key + "=" + QString::fromStdString(labels[std::size_t(row.atom)]);
        row.labels = parts.join("; ");
        rows.push_back(std::move(row));
    }
    return rows;
}

void OutlierModel::setRows(std::vector<OutlierRow> rows, const QString& valueName) {
    beginResetModel();
    rows_ = std::move(rows);
    valueName_ = valueName;
    endResetModel();
}

int OutlierModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int OutlierModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutlierModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::UserRole)) return {};
    const OutlierRow& row = rows_[std::size_t(index.row())];
    switch (index.column()) {
    case FrameColumn: return row.frame;
    case AtomColumn: return row.frameAtom;
    case GlobalColumn: return row.atom;
    case SpeciesColumn: return role == Qt::UserRole ? QVariant(row.z) : QVariant(elementStyle(row.z).symbol);
    case ValueColumn: return role == Qt::UserRole ? QVariant(row.value) : QVariant(QString::number(row.value, 'g', 5));
    case LabelsColumn: return row.labels;
    default: return {};
    }
}

QVariant OutlierModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case FrameColumn: return tr("Frame");
    case AtomColumn: return tr("Atom");
    case GlobalColumn: return tr("Global atom");
    case SpeciesColumn: return tr("Species");
    case ValueColumn: return valueName_;
    case LabelsColumn: return tr("Labels");
    default: return {};
    }
}

void OutlierFilter::setSpecies(int z) {
    species_ = z;
    invalidateFilter();
}

void OutlierFilter::setLabelText(const QString& text) {
    label_ = text;
    invalidateFilter();
}

bool OutlierFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const auto* model = static_cast<const OutlierModel*>(sourceModel());
    const OutlierRow& row = model->rows()[std::size_t(sourceRow)];
    if (species_ != 0 && row.z != species_) return false;
    return label_.isEmpty() || row.labels.contains(label_, Qt::CaseInsensitive);
}

} // namespace le::ui
