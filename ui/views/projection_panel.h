#pragma once
// The projection map with its controls: feature set, method (PCA or PCovR against a
// property), colour by (species, property, label, pointwise error of the current pair),
// colour map and log scale, size by a property, navigate / box / lasso, density mode, export.
// The projection is computed in the background.
#include <QWidget>

#include <memory>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/util/colormap.h"
#include "ui/views/projection_points.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace le::ui {

class ProjectionMap;
class TaskRunner;
class Workspace;

// What the points can be coloured by at a level.
struct PointColoring {
    enum Kind { Uniform, Species, Property, Label, Pointwise } kind = Uniform;
    std::string name;
    int column = 0;
    QString displayName() const;
};
std::vector<PointColoring> pointColorings(const Dataset& dataset, Level level, bool hasMetrics);

// Values per point (NaN where undefined) for Property / Pointwise colourings; `pointwise`
// pairs test rows with values. Categories (index per point, names) for Species / Label.
std::vector<double> pointValues(const Dataset& dataset, const ProjectionPoints& points,
                                const PointColoring& coloring,
                                const std::vector<long long>& testRows,
                                const Eigen::VectorXd& pointwise);
std::vector<int> pointCategories(const Dataset& dataset, const ProjectionPoints& points,
                                 const PointColoring& coloring, std::vector<QString>& names);

class ProjectionPanel : public QWidget {
    Q_OBJECT
public:
    ProjectionPanel(Workspace* workspace, TaskRunner* runner, QWidget* parent = nullptr);

    ProjectionMap* map() const { return map_; }
    // Starts the projection of the chosen feature set (background); `projected` when done.
    void computeProjection();
    bool isComputing() const { return computing_; }
    bool setColoring(const QString& displayName);
    std::shared_ptr<const ProjectionPoints> currentPoints() const { return points_; }
    // Dataset + current projection + pointwise errors of the current pair as chemiscope
    // JSON(.gz), written in the background; `chemiscopeWritten` when done.
    void exportChemiscope(const QString& path);

signals:
    void projected();
    void chemiscopeWritten(const QString& path);

private:
    void refreshInputs();
    void recolor();
    void applySizes();

    Workspace* workspace_;
    TaskRunner* runner_;
    ProjectionMap* map_;
    QComboBox* features_;
    QComboBox* method_;
    QComboBox* pcovrTarget_;
    QDoubleSpinBox* mixing_;
    QComboBox* colorBy_;
    QComboBox* colormap_;
    QCheckBox* log_;
    QComboBox* sizeBy_;
    QComboBox* mode_;
    QCheckBox* density_;
    QLabel* status_;
    std::vector<PointColoring> colorings_;
    std::vector<PointColoring> sizings_;
    std::shared_ptr<const ProjectionPoints> points_;
    QString projectionName_;
    bool computing_ = false;
    int generation_ = 0;
};

} // namespace le::ui
