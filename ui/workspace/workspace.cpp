#include "ui/workspace/workspace.h"

namespace le::ui {

Workspace::Workspace(QObject* parent) : QObject(parent) {}

void Workspace::setDataset(std::shared_ptr<const Dataset> dataset) {
    dataset_ = std::move(dataset);
    metrics_.reset();
    summary_.reset();
    rows_.clear();
    source_ = target_ = -1;
    frame_ = 0;
    selection_.clear();
    emit datasetChanged();
    emit metricsChanged();
    emit selectionChanged(nullptr);
    emit currentFrameChanged(frame_);
}

void Workspace::setMetrics(std::shared_ptr<const AllPairsResult> result) {
    setMetrics(std::move(result), {}, Level::Atom);
}

void Workspace::setMetrics(std::shared_ptr<const AllPairsResult> result,
                           std::vector<long long> rows, Level level,
                           std::shared_ptr<const RepeatSummary> summary) {
    metrics_ = std::move(result);
    summary_ = std::move(summary);
    rows_ = std::move(rows);
    level_ = level;
    emit metricsChanged();
}

void Workspace::setCurrentPair(int source, int target, Measure measure) {
    if (source == source_ && target == target_ && measure == measure_) return;
    source_ = source;
    target_ = target;
    measure_ = measure;
    emit currentPairChanged(source, target, measure);
}

void Workspace::setCurrentFrame(int frame) {
    if (frame == frame_) return;
    frame_ = frame;
    emit currentFrameChanged(frame);
}

void Workspace::setSelectedAtoms(const QSet<qint64>& atoms, QObject* origin) {
    if (atoms == selection_) return;
    selection_ = atoms;
    emit selectionChanged(origin);
}

} // namespace le::ui
