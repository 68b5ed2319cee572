#pragma once
// Settings of a comparison, pre-filled with scikit-matter's defaults: which measures (GFRE,
// GFRD, LFRE and those beyond linear reconstruction, with kernel GFRE's landmarks and γ), the
// level, the split (default 50/50 | stratified N test points by a label | from index files),
// seed, repeats, per-group breakdown, LFRE k, estimator, alpha grid and scaler. Remembered
// between runs (QSettings).
#include <QJsonObject>
#include <QWidget>

#include "core/dataset/feature_set.h"
#include "core/metrics/metric_settings.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace le::ui {

class AnalysisSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnalysisSettingsPanel(QWidget* parent = nullptr);

    // The settings as entered. Throws InputError naming the field or index file at fault.
    MetricSettings settings() const;
    Level level() const;
    // Number of repeats (1 = a single run). More than one needs the stratified split:
    // throws InputError("repeats", ...) otherwise.
    int repeats() const;
    // "" (no breakdown), "species" or a label key.
    std::string breakdownBy() const;
    void setLevel(Level level);
    // Fills the "stratify by" and "breakdown by" choices (frame info keys and atom labels of
    // the dataset).
    void setLabelKeys(const QStringList& keys);

    void restoreDefaults();
    void save() const;    // to QSettings
    void restore();       // from QSettings (defaults for anything missing)
    // Every field as JSON (stored in workspace projects); setState fills missing keys
    // with the defaults.
    QJsonObject state() const;
    void setState(const QJsonObject& state);

    // Parses "1e-9, 1e-6 0.5" (commas or spaces); empty = the default grid. Throws
    // InputError("alpha grid", "value N", ...) for anything that is not a number in (0, 1).
    static std::vector<double> parseAlphaGrid(const QString& text);
    // Indices from a .npy file (integers) or a text file (integers separated by spaces,
    // commas or new lines). Throws InputError naming the file and line.
    static std::vector<long long> readIndexFile(const QString& path);

signals:
    void changed();

private:
    QWidget* buildSplitPage();
    // The measures beyond linear reconstruction and kernel GFRE's landmarks / γ.
    QWidget* buildExtendedMeasures();
    void updateKernelFields();

    QComboBox* level_;
    QCheckBox* gfre_;
    QCheckBox* gfrd_;
    QCheckBox* lfre_;
    QCheckBox* kgfre_;
    QCheckBox* cka_;
    QCheckBox* dcka_;
    QCheckBox* procrustes_;
    QCheckBox* ii_;
    QCheckBox* id_;
    QSpinBox* landmarks_;
    QComboBox* gammaMode_;
    QLineEdit* gamma_;
    QCheckBox* diagonal_;
    QComboBox* splitKind_;
    QSpinBox* testSize_;
    QComboBox* stratifyBy_;
    QSpinBox* seed_;
    QSpinBox* repeats_;
    QComboBox* breakdown_;
    QLineEdit* trainFile_;
    QLineEdit* testFile_;
    QStackedWidget* splitPages_;
    QComboBox* kMode_;
    QSpinBox* k_;
    QComboBox* estimator_;
    QComboBox* regularization_;
    QLineEdit* alphas_;
    QLineEdit* fixedAlpha_;
    QComboBox* scaler_;
};

} // namespace le::ui
