#pragma once
// Table of frames: index, atom count, formula, the pointwise error of the current pair
// summarised per frame (worst atom, mean), and the frame's scalar info values (labels,
// energies...). Numbers sort as numbers (Qt::UserRole holds the sort key).
#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"

namespace le::ui {

// Per-frame summary of pointwise values (NaN when the frame has no test point).
struct FrameErrorSummary {
    std::vector<double> worst, mean;
    std::vector<long long> worstAtom; // global atom index (-1 for none / structure level)
};

// Summarises pointwise[source][target] of `measure` per frame. Rows of the metrics are atoms
// (atom-level features) or frames (structure-level).
FrameErrorSummary summariseFrameErrors(const Dataset& dataset, const AllPairsResult& metrics,
                                       int source, int target, Measure measure);

// "C7H10N2O": Hill order (C, H, then alphabetical; alphabetical when there is no carbon).
QString chemicalFormula(const std::vector<int>& species);

class FrameNavigatorModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FrameColumn, AtomsColumn, FormulaColumn, WorstColumn, MeanColumn, WorstAtomColumn, FirstInfoColumn };
    static constexpr int kMaxInfoColumns = 24;

    using QAbstractTableModel::QAbstractTableModel;
    void setData(std::shared_ptr<const Dataset> dataset, const FrameErrorSummary& errors,
                 const QString& errorName);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const Dataset> dataset_;
    FrameErrorSummary errors_;
    QString errorName_;
    QStringList infoKeys_;
    std::vector<QString> formulas_;
};

} // namespace le::ui
