#pragma once
// Atoms of the current pair's test set with their pointwise error: frame, atom, species,
// value and the text labels of the atom and its frame. Sorted and filtered by OutlierFilter.
#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"

namespace le::ui {

struct OutlierRow {
    qint64 atom = 0; // global
    int frame = 0;
    int frameAtom = 0;
    int z = 0;
    double value = 0;
    QString labels; // "subset=test; config=bulk"
};

// Rows for pointwise[source][target] of `measure` (atom-level metrics only; empty otherwise).
std::vector<OutlierRow> outlierRows(const Dataset& dataset, const AllPairsResult& metrics,
                                    int source, int target, Measure measure);

class OutlierModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FrameColumn, AtomColumn, GlobalColumn, SpeciesColumn, ValueColumn, LabelsColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::vector<OutlierRow> rows, const QString& valueName);
    const std::vector<OutlierRow>& rows() const { return rows_; }
    const QString& valueName() const { return valueName_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<OutlierRow> rows_;
    QString valueName_;
};

// Species (Z, 0 = all) and a case-insensitive label substring.
class OutlierFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSpecies(int z);
    void setLabelText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int species_ = 0;
    QString label_;
};

} // namespace le::ui
