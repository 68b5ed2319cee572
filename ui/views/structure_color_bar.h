#pragma once
// Colour legend next to the structure view: a continuous bar (colour map, range, linear or
// log ticks) or a categorical list (species, labels).
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

#include "core/util/colormap.h"

namespace le::ui {

class StructureColorBar : public QWidget {
    Q_OBJECT
public:
    explicit StructureColorBar(QWidget* parent = nullptr);

    void showContinuous(const QString& title, const ColorMapper& mapper);
    void showCategories(const QString& title, std::vector<std::pair<QString, Rgb>> entries);
    void clear();

    // Tick positions and texts of the continuous bar (values), for painting and tests.
    std::vector<std::pair<double, QString>> ticks() const;
    QString title() const { return title_; }
    int categoryCount() const { return int(categories_.size()); }

    QSize sizeHint() const override { return {150, 300}; }
    // Draws the legend into any painter (also used for image export).
    void paintLegend(QPainter& painter, QRectF area) const;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QString title_;
    std::optional<ColorMapper> mapper_;
    std::vector<std::pair<QString, Rgb>> categories_;
};

} // namespace le::ui
