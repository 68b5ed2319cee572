#pragma once
// "Add reference descriptor…": the parameters of a built-in SOAP power spectrum or ACSF,
// turned into the same text spec the CLI and the demo manifest use
// ("soap:n_max=6,l_max=4,r_cut=5,..."), so the GUI computes exactly what
// `latent-explorer describe` would. The dialog only collects options; computing is done by
// addDescriptorInBackground (add_descriptor_action.h).
#include <QDialog>
#include <QString>

#include "core/descriptors/descriptor_spec.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace le::ui {

class AddDescriptorDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddDescriptorDialog(QWidget* parent = nullptr);

    // The spec text of the current settings (not validated).
    QString specText() const;
    // Parsed spec; throws InputError when the text is invalid (e.g. an unknown element).
    DescriptorSpec spec() const;
    // Fills the widgets from a spec (e.g. the last one used); unknown keys keep defaults.
    void setSpec(const DescriptorSpec& spec);

    // Widgets, for tests.
    QComboBox* kindBox() const { return kind_; }
    QSpinBox* soapNMax() const { return nMax_; }
    QSpinBox* soapLMax() const { return lMax_; }
    QDoubleSpinBox* soapRCut() const { return soapRCut_; }
    QDoubleSpinBox* soapSigma() const { return sigma_; }
    QCheckBox* soapNormalize() const { return normalize_; }
    QDoubleSpinBox* acsfRCut() const { return acsfRCut_; }
    QSpinBox* acsfRadial() const { return nRadial_; }
    QCheckBox* acsfAngular() const { return angular_; }
    QLineEdit* centresEdit() const { return centres_; }
    QComboBox* poolBox() const { return pool_; }
    QLabel* previewLabel() const { return preview_; }

private:
    QWidget* buildSoapPage();
    QWidget* buildAcsfPage();
    void showPage(int index);
    void updatePreview();

    QComboBox* kind_;
    QStackedWidget* pages_;
    QSpinBox* nMax_;
    QSpinBox* lMax_;
    QDoubleSpinBox* soapRCut_;
    QDoubleSpinBox* sigma_;
    QCheckBox* normalize_;
    QDoubleSpinBox* acsfRCut_;
    QSpinBox* nRadial_;
    QCheckBox* angular_;
    QLineEdit* centres_;
    QComboBox* pool_;
    QLabel* preview_;
    QDialogButtonBox* buttons_;
};

} // namespace le::ui
