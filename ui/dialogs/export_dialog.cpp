#include "ui/dialogs/export_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include <qcustomplot.h>

namespace le::ui {

namespace {

QString safeFileName(QString name) {
    name.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "_");
    return name.isEmpty() ? QString("figure") : name;
}

} // namespace

ExportDialog::ExportDialog(const QString& suggestedName, QWidget* parent)
    : QDialog(parent), path_(new QLineEdit(this)), width_(new QSpinBox(this)),
      height_(new QSpinBox(this)), dpi_(new QSpinBox(this)) {
    setWindowTitle(tr("Export figure"));
    QSettings settings;
    const QString dir = settings.value("export/dir", QDir::homePath()).toString();
    const QString suffix = settings.value("export/suffix", "pdf").toString();
    path_->setText(QDir(dir).filePath(safeFileName(suggestedName) + "." + suffix));
    width_->setRange(16, 20000);
    height_->setRange(16, 20000);
    dpi_->setRange(10, 2400);
    width_->setValue(settings.value("export/width", 1200).toInt());
    height_->setValue(settings.value("export/height", 560).toInt());
    dpi_->setValue(settings.value("export/dpi", 300).toInt());
    width_->setSuffix(" px");
    height_->setSuffix(" px");
    dpi_->setSuffix(" dpi");

    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_);
    pathRow->addWidget(browse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("File (.png, .pdf, .svg):"), pathRow);
    form->addRow(tr("Width:"), width_);
    form->addRow(tr("Height:"), height_);
    form->addRow(tr("PNG resolution:"), dpi_);
    form->addRow(buttons);
}

QString ExportDialog::path() const { return path_->text().trimmed(); }

PlotExportOptions ExportDialog::options() const {
    PlotExportOptions o;
    o.width = width_->value();
    o.height = height_->value();
    o.dpi = dpi_->value();
    return o;
}

void ExportDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export figure"), path(), tr("Figures (*.pdf *.svg *.png)"));
    if (!chosen.isEmpty()) path_->setText(chosen);
}

void ExportDialog::remember() const {
    QSettings settings;
    const QFileInfo info(path());
    settings.setValue("export/dir", info.absolutePath());
    settings.setValue("export/suffix", info.suffix().toLower());
    settings.setValue("export/width", width_->value());
    settings.setValue("export/height", height_->value());
    settings.setValue("export/dpi", dpi_->value());
}

bool ExportDialog::exportPlotInteractively(QCustomPlot& plot, const QString& suggestedName,
                                           QWidget* parent) {
    ExportDialog dialog(suggestedName, parent);
    while (dialog.exec() == QDialog::Accepted) {
        PlotFormat format;
        if (!plotFormatFromPath(dialog.path(), &format)) {
            QMessageBox::warning(parent, tr("Export figure"),
                                 tr("%1: the file name must end in .png, .pdf or .svg.")
                                     .arg(dialog.path()));
            continue;
        }
        const QString error = exportPlot(plot, dialog.path(), format, dialog.options());
        if (error.isEmpty()) {
            dialog.remember();
            return true;
        }
        QMessageBox::warning(parent, tr("Export figure"), error);
    }
    return false;
}

} // namespace le::ui
