#include "ui/dialogs/add_descriptor_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "core/dataset/elements.h"
#include "core/util/error.h"

namespace le::ui {

namespace {

enum KindIndex { KindSoap, KindAcsf };

QDoubleSpinBox* lengthBox(double min, double max, double value, double step, QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(2);
    box->setSingleStep(step);
    box->setValue(value);
    box->setSuffix(" Å");
    return box;
}

QSpinBox* countBox(int min, int max, int value, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setValue(value);
    return box;
}

// "C", "C, H", "C/H" or "6 1" → "C/H" (the spec separates options with commas).
QString centresForSpec(const QString& text) {
    return text.split(QRegularExpression("[\\s,;/]+"), Qt::SkipEmptyParts).join('/');
}

} // namespace

AddDescriptorDialog::AddDescriptorDialog(QWidget* parent)
    : QDialog(parent), kind_(new QComboBox(this)), pages_(new QStackedWidget(this)),
      centres_(new QLineEdit(this)), pool_(new QComboBox(this)), preview_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Add reference descriptor"));
    kind_->addItem(tr("SOAP power spectrum"));
    kind_->addItem(tr("ACSF (Behler–Parrinello G2 + G4)"));
    pages_->addWidget(buildSoapPage());
    pages_->addWidget(buildAcsfPage());

    centres_->setPlaceholderText(tr("all atoms"));
    centres_->setToolTip(tr("Keep only the rows of atoms of these elements, e.g. \"C\" or \"C, O\""));
    pool_->addItem(tr("none: one row per atom"));
    pool_->addItem(tr("mean: one row per structure"));
    pool_->setToolTip(tr("Average the kept rows of each structure, to compare with "
                         "structure-level features"));
    auto* rowsBox = new QGroupBox(tr("Rows"), this);
    auto* rowsForm = new QFormLayout(rowsBox);
    rowsForm->addRow(tr("Centre elements:"), centres_);
    rowsForm->addRow(tr("Pooling:"), pool_);

    preview_->setWordWrap(true);
    preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    preview_->setMinimumWidth(380);
    preview_->setContentsMargins(2, 6, 2, 6);
    auto* note = new QLabel(tr("Computed in the background (progress and Cancel in the status "
                               "bar), then added to the feature sets of every analysis."), this);
    note->setWordWrap(true);
    note->setStyleSheet("color: #606060;");
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Compute and add"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* kindForm = new QFormLayout;
    kindForm->addRow(tr("Descriptor:"), kind_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(kindForm);
    layout->addWidget(pages_);
    layout->addWidget(rowsBox);
    layout->addWidget(preview_);
    layout->addWidget(note);
    layout->addWidget(buttons_);

    connect(kind_, &QComboBox::currentIndexChanged, this, &AddDescriptorDialog::showPage);
    connect(kind_, &QComboBox::currentIndexChanged, this, &AddDescriptorDialog::updatePreview);
    connect(centres_, &QLineEdit::textChanged, this, &AddDescriptorDialog::updatePreview);
    connect(pool_, &QComboBox::currentIndexChanged, this, &AddDescriptorDialog::updatePreview);
    // Room for the name and a spec wrapped on two lines, so the dialog never jumps.
    preview_->setMinimumHeight(3 * preview_->fontMetrics().lineSpacing() + 12);
    updatePreview();
    showPage(KindSoap);
}

void AddDescriptorDialog::showPage(int index) {
    // Only the visible page counts for the size, so the dialog fits each descriptor.
    for (int i = 0; i < pages_->count(); ++i)
        pages_->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                         i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    pages_->setCurrentIndex(index);
    adjustSize();
}

QWidget* AddDescriptorDialog::buildSoapPage() {
    auto* page = new QGroupBox(tr("SOAP (GTO radial basis, real spherical harmonics)"), this);
    // Defaults: a mid-size descriptor that computes in seconds for thousands of atoms.
    nMax_ = countBox(1, 16, 6, page);
    lMax_ = countBox(0, 12, 4, page);
    soapRCut_ = lengthBox(1.0, 12.0, 5.0, 0.5, page);
    sigma_ = lengthBox(0.05, 2.0, 0.3, 0.05, page);
    normalize_ = new QCheckBox(tr("unit-length vectors"), page);
    normalize_->setChecked(true);
    nMax_->setToolTip(tr("Number of radial basis functions"));
    lMax_->setToolTip(tr("Highest angular momentum of the spherical harmonics"));
    sigma_->setToolTip(tr("Width of the Gaussian placed on each neighbour"));
    auto* form = new QFormLayout(page);
    form->addRow(tr("n_max (radial):"), nMax_);
    form->addRow(tr("l_max (angular):"), lMax_);
    form->addRow(tr("Cutoff r_cut:"), soapRCut_);
    form->addRow(tr("Gaussian width σ:"), sigma_);
    form->addRow(tr("Normalise:"), normalize_);
    for (QSpinBox* box : {nMax_, lMax_})
        connect(box, &QSpinBox::valueChanged, this, &AddDescriptorDialog::updatePreview);
    for (QDoubleSpinBox* box : {soapRCut_, sigma_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &AddDescriptorDialog::updatePreview);
    connect(normalize_, &QCheckBox::toggled, this, &AddDescriptorDialog::updatePreview);
    return page;
}

QWidget* AddDescriptorDialog::buildAcsfPage() {
    auto* page = new QGroupBox(tr("ACSF (standard parameter set)"), this);
    const AcsfOptions defaults;
    acsfRCut_ = lengthBox(1.0, 12.0, defaults.rCut, 0.5, page);
    nRadial_ = countBox(1, 32, defaults.nRadial, page);
    angular_ = new QCheckBox(tr("include angular G4 functions"), page);
    angular_->setChecked(defaults.angular);
    nRadial_->setToolTip(tr("G2 functions per neighbour element, centres spread up to r_cut"));
    auto* form = new QFormLayout(page);
    form->addRow(tr("Cutoff r_cut:"), acsfRCut_);
    form->addRow(tr("Radial G2 per element:"), nRadial_);
    form->addRow(tr("Angular:"), angular_);
    connect(acsfRCut_, &QDoubleSpinBox::valueChanged, this, &AddDescriptorDialog::updatePreview);
    connect(nRadial_, &QSpinBox::valueChanged, this, &AddDescriptorDialog::updatePreview);
    connect(angular_, &QCheckBox::toggled, this, &AddDescriptorDialog::updatePreview);
    return page;
}

QString AddDescriptorDialog::specText() const {
    QString text;
    if (kind_->currentIndex() == KindSoap)
        text = QString("soap:n_max=%1,l_max=%2,r_cut=%3,sigma=%4,normalize=%5")
                   .arg(nMax_->value())
                   .arg(lMax_->value())
                   .arg(soapRCut_->value())
                   .arg(sigma_->value())
                   .arg(normalize_->isChecked() ? "true" : "false");
    else
        text = QString("acsf:r_cut=%1,n_radial=%2,angular=%3")
                   .arg(acsfRCut_->value())
                   .arg(nRadial_->value())
                   .arg(angular_->isChecked() ? "true" : "false");
    const QString centres = centresForSpec(centres_->text());
    if (!centres.isEmpty()) text += ",centres=" + centres;
    if (pool_->currentIndex() == 1) text += ",pool=mean";
    return text;
}

DescriptorSpec AddDescriptorDialog::spec() const { return parseDescriptorSpec(specText().toStdString()); }

void AddDescriptorDialog::setSpec(const DescriptorSpec& spec) {
    kind_->setCurrentIndex(spec.kind == DescriptorKind::Soap ? KindSoap : KindAcsf);
    if (spec.kind == DescriptorKind::Soap) {
        nMax_->setValue(spec.soap.nMax);
        lMax_->setValue(spec.soap.lMax);
        soapRCut_->setValue(spec.soap.rCut);
        sigma_->setValue(spec.soap.sigma);
        normalize_->setChecked(spec.soap.normalize);
    } else {
        acsfRCut_->setValue(spec.acsf.rCut);
        nRadial_->setValue(spec.acsf.nRadial);
        angular_->setChecked(spec.acsf.angular);
    }
    QStringList centres;
    for (int z : spec.centres) centres << elementSymbol(z);
    centres_->setText(centres.join(", "));
    pool_->setCurrentIndex(spec.pool == DescriptorPooling::Mean ? 1 : 0);
}

void AddDescriptorDialog::updatePreview() {
    QPushButton* ok = buttons_->button(QDialogButtonBox::Ok);
    try {
        const DescriptorSpec parsed = spec();
        preview_->setText(tr("New feature set <b>%1</b><br><tt>%2</tt>")
                              .arg(QString::fromStdString(parsed.displayName()).toHtmlEscaped(),
                                   // zero-width spaces let the long spec wrap at commas
                                   specText().toHtmlEscaped().replace(",", ",&#8203;")));
        ok->setEnabled(true);
    } catch (const std::exception& e) {
        preview_->setText(tr("<span style='color:#b00020'>%1</span>")
                              .arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        ok->setEnabled(false);
    }
}

} // namespace le::ui
