#pragma once
// The state every view observes: the loaded dataset, the latest computed results, the pair
// the user is looking at, the current frame and the atom selection shared by all views
// (linked selection). Views never compute; they read from here and react to signals.
#include <QObject>
#include <QSet>

#include <memory>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"
#include "core/metrics/repeated_pairs.h"

namespace le::ui {

class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);

    // Immutable snapshots: background tasks keep a shared_ptr, so swapping in a new dataset
    // never pulls data from under a running computation.
    std::shared_ptr<const Dataset> dataset() const { return dataset_; }
    void setDataset(std::shared_ptr<const Dataset> dataset);

    std::shared_ptr<const AllPairsResult> metrics() const { return metrics_; }
    void setMetrics(std::shared_ptr<const AllPairsResult> result);
    // Same, for a result computed on a subset: `rows` maps result row r (the indices in
    // trainIndices/testIndices) to a dataset row of `level` (global atom or frame index).
    // `summary` (may be null) holds the mean / s.d. over repeats and the per-group breakdown;
    // `result` is then the first repeat.
    void setMetrics(std::shared_ptr<const AllPairsResult> result, std::vector<long long> rows,
                    Level level, std::shared_ptr<const RepeatSummary> summary = nullptr);
    std::shared_ptr<const RepeatSummary> repeatSummary() const { return summary_; }
    // Empty when result rows are dataset rows (no subset).
    const std::vector<long long>& analysisRows() const { return rows_; }
    Level analysisLevel() const { return level_; }
    // Dataset row of result row r.
    long long datasetRow(long long resultRow) const {
        return rows_.empty() || resultRow < 0 || resultRow >= (long long)rows_.size()
                   ? resultRow
                   : rows_[std::size_t(resultRow)];
    }

    // The ordered pair (indices into metrics()->names) and measure the user picked.
    int currentSource() const { return source_; }
    int currentTarget() const { return target_; }
    Measure currentMeasure() const { return measure_; }
    void setCurrentPair(int source, int target, Measure measure);

    int currentFrame() const { return frame_; }
    void setCurrentFrame(int frame);

    // Selected atoms (global atom indices, or frame indices for structure-level views).
    const QSet<qint64>& selectedAtoms() const { return selection_; }
    // `origin` identifies the view that changed it, so it can ignore its own echo.
    void setSelectedAtoms(const QSet<qint64>& atoms, QObject* origin = nullptr);

signals:
    void datasetChanged();
    void metricsChanged();
    void currentPairChanged(int source, int target, le::Measure measure);
    void currentFrameChanged(int frame);
    void selectionChanged(QObject* origin);

private:
    std::shared_ptr<const Dataset> dataset_;
    std::shared_ptr<const AllPairsResult> metrics_;
    std::shared_ptr<const RepeatSummary> summary_;
    std::vector<long long> rows_;
    Level level_ = Level::Atom;
    int source_ = -1, target_ = -1;
    Measure measure_ = Measure::GFRE;
    int frame_ = 0;
    QSet<qint64> selection_;
};

} // namespace le::ui
