#pragma once
// The structure view with its controls: colour by (species, per-atom property, label,
// pointwise error of the current pair), colour map, range (auto, fixed, percentile clip),
// log scale, supercell, cell/bonds/labels, projection, reset and export; plus the colour bar.
#include <QWidget>

#include <vector>

#include "core/util/colormap.h"
#include "ui/views/structure_coloring.h"
#include "ui/views/structure_lfre.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace le::ui {

class StructureColorBar;
class StructureView;
class TaskRunner;
class Workspace;

class StructurePanel : public QWidget {
    Q_OBJECT
public:
    // `runner` runs the on-demand pointwise LFRE; without one it runs on Qt's global pool.
    StructurePanel(Workspace* workspace, TaskRunner* runner, QWidget* parent = nullptr);

    StructureView* view() const { return view_; }
    StructureColorBar* colorBar() const { return colorBar_; }
    const std::vector<ColorChoice>& colorChoices() const { return choices_; }
    // Selects a colouring (false when not offered for the current data).
    bool setColorChoice(const ColorChoice& choice);
    void setColormap(ColormapId id);
    void setRangeSettings(const ColorRangeSettings& settings);
    ColorRangeSettings rangeSettings() const;
    // Values of the current frame's atoms as coloured now (NaN where undefined).
    const std::vector<double>& currentValues() const { return values_; }
    bool isComputing() const { return pendingKey_.size() > 0; }
    // How pointwise LFRE on demand is computed (default: cachedFrameLfre, the core's
    // LfreQueryContext kept per source); tests may substitute their own.
    void setFrameLfreFunction(FrameLfreFunction function);

signals:
    void coloringChanged();
    // The pointwise LFRE source → target computed on demand now colours every atom of `frame`.
    void frameLfreShown(int source, int target, int frame);

private:
    void buildControls();
    void refreshChoices();
    void recolor();
    void applyValues(const std::vector<double>& values, const QString& name);
    void applyLabels(const std::vector<std::string>& labels, const QString& name);
    void requestLfre();
    void applySceneOptions();
    void exportImage();

    Workspace* workspace_;
    TaskRunner* runner_;
    StructureView* view_;
    StructureColorBar* colorBar_;
    QComboBox* colorBy_;
    QComboBox* colormap_;
    QComboBox* rangeMode_;
    QDoubleSpinBox* fixedMin_;
    QDoubleSpinBox* fixedMax_;
    QDoubleSpinBox* clipPercent_;
    QCheckBox* log_;
    QSpinBox* repeats_[3];
    QCheckBox* showCell_;
    QCheckBox* showBonds_;
    QCheckBox* labels_;
    QCheckBox* perspective_;
    QLabel* status_;
    std::vector<ColorChoice> choices_;
    std::vector<double> values_;
    QString pendingKey_;
    QString lastLfreKey_; // the latest on-demand LFRE, reused when only the colours change
    std::vector<double> lastLfreValues_;
    std::shared_ptr<LfreContextCache> lfreCache_; // emptied when the dataset or metrics change
    FrameLfreFunction frameLfre_;
};

} // namespace le::ui
