#pragma once
// Asks where and how big to export a plot (PNG/PDF/SVG from the file name, size in pixels,
// PNG resolution in DPI); remembers the last choices.
#include <QDialog>

#include "ui/export/plot_export.h"

class QCustomPlot;
class QLineEdit;
class QSpinBox;

namespace le::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& suggestedName, QWidget* parent = nullptr);

    QString path() const;
    PlotExportOptions options() const;

    // Shows the dialog and exports; errors are shown in a message box. True when written.
    static bool exportPlotInteractively(QCustomPlot& plot, const QString& suggestedName,
                                        QWidget* parent);

private:
    void browse();
    void remember() const;

    QLineEdit* path_;
    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* dpi_;
};

} // namespace le::ui
