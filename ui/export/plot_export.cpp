#include "ui/export/plot_export.h"

#include <QFileInfo>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <qcustomplot.h>

namespace le::ui {

namespace {

constexpr double kLogicalDpi = 96.0;

QString failure(const QString& path, const QString& why) {
    return QObject::tr("%1: cannot export: %2").arg(path, why);
}

// Hides the screen-only layer for the lifetime of the object.
class ScreenOnlyHidden {
public:
    explicit ScreenOnlyHidden(QCustomPlot& plot) : layer_(plot.layer(kScreenOnlyLayer)) {
        if (layer_) {
            wasVisible_ = layer_->visible();
            layer_->setVisible(false);
        }
    }
    ~ScreenOnlyHidden() {
        if (layer_) layer_->setVisible(wasVisible_);
    }

private:
    QCPLayer* layer_;
    bool wasVisible_ = true;
};

} // namespace

bool plotFormatFromPath(const QString& path, PlotFormat* format) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "png") *format = PlotFormat::Png;
    else if (suffix == "pdf") *format = PlotFormat::Pdf;
    else if (suffix == "svg") *format = PlotFormat::Svg;
    else return false;
    return true;
}

QString exportPlot(QCustomPlot& plot, const QString& path, PlotFormat format,
                   const PlotExportOptions& options) {
    if (options.width < 16 || options.height < 16 || options.dpi < 10 || options.dpi > 2400)
        return failure(path, QObject::tr("size %1×%2 at %3 dpi is out of range")
                                 .arg(options.width).arg(options.height).arg(options.dpi));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) return failure(path, out.errorString());
    const ScreenOnlyHidden hidden(plot);
    const int w = options.width, h = options.height;
    if (format == PlotFormat::Png) {
        const double scale = options.dpi / kLogicalDpi;
        QImage image = plot.toPixmap(w, h, scale).toImage();
        const int dotsPerMeter = int(options.dpi / 0.0254 + 0.5);
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        if (!image.save(&out, "PNG")) return failure(path, QObject::tr("PNG encoding failed"));
    } else if (format == PlotFormat::Svg) {
        QSvgGenerator svg;
        svg.setOutputDevice(&out);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setResolution(int(kLogicalDpi));
        svg.setTitle(plot.windowTitle());
        QCPPainter painter;
        if (!painter.begin(&svg)) return failure(path, QObject::tr("SVG painter failed"));
        plot.toPainter(&painter, w, h);
        painter.end();
    } else {
        QPdfWriter pdf(&out);
        pdf.setCreator("Latent Explorer");
        pdf.setResolution(int(kLogicalDpi));
        // Page = figure: logical pixels at 96 dpi → points (1/72 inch).
        pdf.setPageSize(QPageSize(QSizeF(w * 72.0 / kLogicalDpi, h * 72.0 / kLogicalDpi),
                                  QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter;
        if (!painter.begin(&pdf)) return failure(path, QObject::tr("PDF painter failed"));
        plot.toPainter(&painter, w, h);
        painter.end();
    }
    if (!out.commit()) return failure(path, out.errorString());
    return {};
}

} // namespace le::ui
