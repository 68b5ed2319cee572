#include "ui/views/model_map_view.h"

#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "ui/dialogs/export_dialog.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

namespace {

const QColor kInk(40, 40, 90);
const QColor kPoint(59, 82, 139);

QCPAxisRect* newRect(QCustomPlot* plot, const QString& title, int column) {
    QFont font = plot->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    plot->plotLayout()->addElement(0, column, new QCPTextElement(plot, title, font));
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, column, rect);
    for (QCPAxis* axis : rect->axes()) axis->grid()->setPen(QPen(QColor(225, 225, 225)));
    return rect;
}

} // namespace

ModelMapView::ModelMapView(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), plot_(new QCustomPlot(this)), status_(new QLabel(this)) {
    plot_->setMinimumSize(320, 240);
    plot_->installEventFilter(this);
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        menu.addAction(tr("Export figure…"), this, &ModelMapView::exportFigure);
        menu.exec(plot_->mapToGlobal(at));
    });
    auto* exportButton = new QPushButton(tr("Export figure…"), this);
    connect(exportButton, &QPushButton::clicked, this, &ModelMapView::exportFigure);
    status_->setWordWrap(true);
    auto* bar = new QHBoxLayout;
    bar->addWidget(status_, 1);
    bar->addWidget(exportButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(plot_, 1);
    layout->addLayout(bar);
    connect(&workspace_, &Workspace::metricsChanged, this, &ModelMapView::refresh);
    refresh();
}

QString ModelMapView::statusText() const { return status_->text(); }

void ModelMapView::refresh() {
    plot_->clearPlottables();
    plot_->clearItems();
    plot_->plotLayout()->clear();
    mdsRect_ = treeRect_ = nullptr;
    points_.clear();
    labels_.clear();
    labelItems_.clear();
    leaders_.clear();
    dendrogram_ = {};
    const auto metrics = workspace_.metrics();
    const bool hasMap = metrics && metrics->modelMap && metrics->modelMap->coordinates.rows() == Eigen::Index(metrics->names.size());
    const bool hasId = metrics && metrics->intrinsicDimension.size() == metrics->names.size();
    if (!hasMap) {
        plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("No model map yet")));
        QString text = tr("Tick Procrustes in Analysis settings and press Compare: the models are then placed by "
                          "their Procrustes angles (MDS) and clustered (dendrogram).");
        if (hasId) {
            text += tr("\nTwoNN intrinsic dimension:");
            for (std::size_t i = 0; i < metrics->names.size(); ++i)
                text += QString(" %1 %2;").arg(QString::fromStdString(metrics->names[i]))
                            .arg(metrics->intrinsicDimension[i], 0, 'f', 1);
        }
        status_->setText(text);
        plot_->replot();
        return;
    }
    const ModelMap& map = *metrics->modelMap;
    const int n = int(metrics->names.size());
    QStringList names;
    for (int i = 0; i < n; ++i) {
        names << QString::fromStdString(metrics->names[std::size_t(i)]);
        labels_ << (hasId ? QString("%1 (d = %2)").arg(names.back()).arg(metrics->intrinsicDimension[std::size_t(i)], 0, 'f', 1)
                          : names.back());
        points_.emplace_back(map.coordinates(i, 0), map.coordinates(i, 1));
    }

    // Left: MDS, each model a labelled point.
    mdsRect_ = newRect(plot_, tr("Models by Procrustes angle (classical MDS)"), 0);
    QCPAxis* mx = mdsRect_->axis(QCPAxis::atBottom);
    QCPAxis* my = mdsRect_->axis(QCPAxis::atLeft);
    mx->setLabel(tr("MDS 1 (rad)"));
    my->setLabel(tr("MDS 2 (rad)"));
    auto* graph = plot_->addGraph(mx, my);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kInk, kPoint, 9));
    for (const QPointF& p : points_) graph->addData(p.x(), p.y());
    for (int i = 0; i < n; ++i) {
        auto* text = new QCPItemText(plot_);
        text->setClipAxisRect(mdsRect_);
        text->position->setAxes(mx, my);
        text->position->setCoords(points_[std::size_t(i)].x(), points_[std::size_t(i)].y());
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->setPadding(QMargins(6, 0, 0, 4));
        text->setText(labels_[i]);
        text->setColor(kInk);
        labelItems_.push_back(text);
        auto* leader = new QCPItemLine(plot_); // shown when the label had to move off its point
        leader->setClipAxisRect(mdsRect_);
        leader->start->setAxes(mx, my);
        leader->end->setAxes(mx, my);
        leader->setPen(QPen(QColor(150, 150, 170), 0.8));
        leader->setVisible(false);
        leaders_.push_back(leader);
    }

    // Right: the dendrogram lying on its side (model names read horizontally on the left axis,
    // merge heights along x), one "∏" per merge.
    treeRect_ = newRect(plot_, tr("Average linkage of the angles"), 1);
    QCPAxis* heights = treeRect_->axis(QCPAxis::atBottom);
    QCPAxis* leaves = treeRect_->axis(QCPAxis::atLeft);
    dendrogram_ = layoutDendrogram(map.merges, n);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int k = 0; k < n; ++k) ticker->addTick(k, labels_[dendrogram_.leafOrder[std::size_t(k)]]);
    leaves->setTicker(ticker);
    leaves->grid()->setVisible(false);
    leaves->setSubTicks(false);
    leaves->setRange(-0.6, n - 0.4);
    leaves->setRangeReversed(true); // first leaf on top
    heights->setLabel(tr("Procrustes θ (rad)"));
    double top = 0;
    for (const DendrogramLink& link : dendrogram_.links) {
        auto* curve = new QCPCurve(leaves, heights); // key axis = leaves, value axis = heights
        curve->setPen(QPen(kInk, 1.6));
        curve->addData({0, 1, 2, 3}, {link.leftX, link.leftX, link.rightX, link.rightX},
                       {link.leftHeight, link.height, link.height, link.rightHeight});
        top = std::max(top, link.height);
    }
    heights->setRange(0, top > 0 ? top * 1.08 : 1.0);

    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    status_->setText(tr("%1 models. MDS eigenvalues %2, %3 (a negative or small second value: two axes do not "
                        "hold every angle). Dendrogram: merge the two groups with the smallest mean angle.%4")
                         .arg(n)
                         .arg(map.eigenvalues[0], 0, 'g', 3)
                         .arg(map.eigenvalues[1], 0, 'g', 3)
                         .arg(hasId ? tr(" d = TwoNN intrinsic dimension.") : QString()));
    equaliseScale();
}

void ModelMapView::equaliseScale() {
    if (!mdsRect_) return;
    QCPAxis* mx = mdsRect_->axis(QCPAxis::atBottom);
    QCPAxis* my = mdsRect_->axis(QCPAxis::atLeft);
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    for (const QPointF& p : points_) {
        x0 = std::min(x0, p.x());
        x1 = std::max(x1, p.x());
        y0 = std::min(y0, p.y());
        y1 = std::max(y1, p.y());
    }
    // Room for the labels: their width in pixels right of the points, a margin around.
    const double span = std::max({x1 - x0, y1 - y0, 1e-6});
    const QFontMetrics metrics(plot_->font());
    double labelPixels = 0;
    for (const QString& label : labels_) labelPixels = std::max(labelPixels, double(metrics.horizontalAdvance(label)) + 16);
    const QCPRange needY(y0 - 0.1 * span, y1 + 0.15 * span);
    // New ranges change the tick labels and so the rect's size: repeat until the size holds.
    for (int pass = 0; pass < 4; ++pass) {
        plot_->replot(); // lays out the rects: their pixel size is known below
        const double w = std::max(1, mdsRect_->width()), h = std::max(1, mdsRect_->height());
        const double points = x1 - x0 + 0.1 * span; // the data part of the width
        const double unitsPerPixel =
            std::max(w > 2 * labelPixels ? points / (w - labelPixels) : points / (0.5 * w), needY.size() / h);
        const QCPRange needX(x0 - 0.1 * span, x0 - 0.1 * span + unitsPerPixel * w);
        mx->setRange(needX.center() - 0.5 * unitsPerPixel * w, needX.center() + 0.5 * unitsPerPixel * w);
        my->setRange(needY.center() - 0.5 * unitsPerPixel * h, needY.center() + 0.5 * unitsPerPixel * h);
        plot_->replot();
        if (mdsRect_->width() == int(w) && mdsRect_->height() == int(h)) break;
    }
    separateLabels();
}

void ModelMapView::separateLabels() {
    // Top to bottom, each label moves down below any label already placed that it would cover
    // (close models otherwise print over each other); a moved label gets a leader line.
    QCPAxis* mx = mdsRect_->axis(QCPAxis::atBottom);
    QCPAxis* my = mdsRect_->axis(QCPAxis::atLeft);
    const QFontMetrics metrics(plot_->font());
    std::vector<int> order(points_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = int(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return points_[std::size_t(a)].y() > points_[std::size_t(b)].y(); });
    std::vector<QRectF> placed; // in pixels
    for (int i : order) {
        const QPointF anchor(mx->coordToPixel(points_[std::size_t(i)].x()), my->coordToPixel(points_[std::size_t(i)].y()));
        QRectF box(anchor.x() + 6, anchor.y() - 4 - metrics.height(), metrics.horizontalAdvance(labels_[i]), metrics.height());
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF& other : placed)
                if (box.intersects(other)) {
                    box.moveTop(other.bottom() + 1);
                    moved = true;
                }
        }
        placed.push_back(box);
        const QPointF corner(mx->pixelToCoord(box.left() - 6), my->pixelToCoord(box.bottom() + 4));
        labelItems_[std::size_t(i)]->position->setCoords(corner);
        const bool away = std::abs(box.bottom() + 4 - anchor.y()) > 1;
        leaders_[std::size_t(i)]->setVisible(away);
        leaders_[std::size_t(i)]->start->setCoords(points_[std::size_t(i)]);
        leaders_[std::size_t(i)]->end->setCoords(mx->pixelToCoord(box.left()), my->pixelToCoord(box.center().y()));
    }
    plot_->replot();
}

bool ModelMapView::eventFilter(QObject* watched, QEvent* event) {
    // The plot learns its new size in its own resize handler, after this filter: equalise then.
    if (watched == plot_ && event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &ModelMapView::equaliseScale);
    return QWidget::eventFilter(watched, event);
}

void ModelMapView::exportFigure() { ExportDialog::exportPlotInteractively(*plot_, "model_map", this); }

} // namespace le::ui
