#pragma once
// Every plot exports to PNG (at a chosen DPI), PDF and SVG (vectors, text kept as text),
// at a chosen size. Files are written to a temporary file and renamed, so a failed export
// never destroys an existing file.
#include <QString>

class QCustomPlot;

namespace le::ui {

enum class PlotFormat { Png, Pdf, Svg };

struct PlotExportOptions {
    // Size of the figure in logical pixels (1/96 inch): the layout is computed at this size.
    int width = 1200;
    int height = 560;
    // PNG only: output pixels = width × dpi / 96.
    int dpi = 300;
};

// Format from the file suffix (.png/.pdf/.svg); false when unknown.
bool plotFormatFromPath(const QString& path, PlotFormat* format);

// Items on a layer of this name are shown on screen only (e.g. the highlighted heatmap cell):
// exports leave them out.
inline constexpr const char* kScreenOnlyLayer = "screen-only";

// Writes the plot; returns an empty string on success, else a message naming the file.
QString exportPlot(QCustomPlot& plot, const QString& path, PlotFormat format,
                   const PlotExportOptions& options);

} // namespace le::ui
