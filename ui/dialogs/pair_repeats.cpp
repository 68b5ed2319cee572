#include "ui/dialogs/pair_repeats.h"

#include <QObject>

#include <qcustomplot.h>

#include <cmath>

namespace le::ui {

namespace {

bool holds(const Eigen::MatrixXd& m, int source, int target) {
    return source >= 0 && target >= 0 && source < m.rows() && target < m.cols();
}

} // namespace

std::vector<RepeatValue> pairRepeatValues(const RepeatSummary& summary, Measure measure, int source, int target) {
    std::vector<RepeatValue> out;
    auto it = summary.measures.find(measure);
    if (it == summary.measures.end()) return out;
    for (std::size_t r = 0; r < it->second.repeats.size(); ++r) {
        const Eigen::MatrixXd& m = it->second.repeats[r];
        if (!holds(m, source, target)) return {};
        out.push_back({summary.firstSeed + unsigned(r), m(source, target)});
    }
    return out;
}

std::vector<GroupBar> pairGroupBars(const RepeatSummary& summary, Measure measure, int source, int target) {
    std::vector<GroupBar> out;
    auto it = summary.byGroup.find(measure);
    if (it == summary.byGroup.end()) return out;
    for (std::size_t g = 0; g < it->second.size() && g < summary.groups.size(); ++g) {
        const RepeatedMatrices& values = it->second[g];
        if (!holds(values.mean, source, target)) return {};
        double rows = 0;
        for (const auto& perRepeat : summary.groupTestRows) rows += double(perRepeat[g]);
        out.push_back({QString::fromStdString(summary.groups[g]),
                       summary.groupTestRows.empty() ? 0.0 : rows / double(summary.groupTestRows.size()),
                       values.mean(source, target), values.std(source, target)});
    }
    return out;
}

void drawGroupBars(QCustomPlot& plot, const std::vector<GroupBar>& bars, const QString& groupKey,
                   const QString& measureTitle, double overall) {
    plot.clearPlottables();
    plot.clearItems();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    auto* columns = new QCPBars(plot.xAxis, plot.yAxis);
    columns->setWidth(0.7);
    columns->setPen(QPen(QColor(40, 40, 90)));
    columns->setBrush(QColor(59, 82, 139));
    auto* errors = new QCPErrorBars(plot.xAxis, plot.yAxis);
    errors->setDataPlottable(columns);
    errors->setPen(QPen(QColor(20, 20, 20), 1.5));
    QVector<double> spreads;
    double top = std::isfinite(overall) ? overall : 0;
    for (std::size_t g = 0; g < bars.size(); ++g) {
        const GroupBar& b = bars[g];
        // A mean over repeats whose test sets hold different numbers of the group reads "n ≈".
        const bool whole = std::abs(b.testRows - std::round(b.testRows)) < 1e-9;
        const QString rows = whole ? QString("n = %1").arg(b.testRows, 0, 'f', 0)
                                   : QString::fromUtf8("n ≈ %1").arg(b.testRows, 0, 'f', 1);
        ticker->addTick(double(g), QString("%1\n%2").arg(b.name, rows));
        const double value = std::isfinite(b.value) ? b.value : 0;
        columns->addData(double(g), value);
        spreads << (std::isfinite(b.spread) ? b.spread : 0);
        top = std::max(top, value + spreads.back());
    }
    errors->setData(spreads);
    errors->setVisible(std::any_of(bars.begin(), bars.end(), [](const GroupBar& b) { return std::isfinite(b.spread); }));
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setSubTicks(false);
    plot.xAxis->setTickLength(0, 4);
    plot.xAxis->grid()->setVisible(false);
    plot.xAxis->setRange(-0.6, double(bars.size()) - 0.4);
    plot.xAxis->setLabel(groupKey);
    plot.yAxis->setLabel(QObject::tr("%1 of the group's test points").arg(measureTitle));
    plot.yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    if (std::isfinite(overall)) {
        auto* line = new QCPItemStraightLine(&plot);
        line->point1->setCoords(0, overall);
        line->point2->setCoords(1, overall);
        line->setPen(QPen(QColor(200, 80, 40), 1.5, Qt::DashLine));
        auto* label = new QCPItemText(&plot);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.99, 0.02);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        label->setText(QObject::tr("- - all test points: %1").arg(QString::number(overall, 'g', 4)));
        label->setColor(QColor(200, 80, 40));
    }
    plot.replot();
}

} // namespace le::ui
