#pragma once
// What was loaded and what takes part: frames (count, composition, labels), feature sets
// (name, level, shape, dtype; rename, reorder, remove, toggle), properties, and the
// filters (species, frame label values) that define the subset every analysis uses.
// Edits never copy feature data: they are kept as FeatureChoice entries.
#include <QWidget>

#include <memory>

#include "core/dataset/dataset.h"
#include "core/dataset/subset.h"
#include "ui/tasks/analysis_jobs.h"

class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace le::ui {

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);

    std::vector<FeatureChoice> featureChoices() const { return choices_; }
    void setFeatureChoices(std::vector<FeatureChoice> choices);
    Subset subset() const;
    // Frame info keys and structure properties usable as labels (few distinct values).
    QStringList labelKeys() const;

    // Editing operations (also bound to the buttons), by row of the feature table.
    void renameFeature(int row, const QString& name);
    void moveFeature(int row, int delta);
    void removeFeature(int row);
    void setFeatureEnabled(int row, bool enabled);

    QTableWidget* featureTable() const { return features_; }
    QListWidget* speciesList() const { return species_; }
    QComboBox* labelKeyBox() const { return labelKey_; }
    QListWidget* labelValueList() const { return labelValues_; }
    QString summaryText() const;

signals:
    void featureChoicesChanged();
    void subsetChanged();

private:
    void fillFeatureTable();
    void fillLabelValues();
    void onFeatureItemChanged(int row, int column);

    std::shared_ptr<const Dataset> dataset_;
    std::vector<FeatureChoice> choices_;
    QLabel* summary_;
    QTableWidget* features_;
    QListWidget* properties_;
    QListWidget* species_;
    QComboBox* labelKey_;
    QListWidget* labelValues_;
    bool filling_ = false;
};

} // namespace le::ui
