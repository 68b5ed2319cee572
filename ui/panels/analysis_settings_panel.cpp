#include "ui/panels/analysis_settings_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QJsonDocument>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

#include "core/io/npy.h"
#include "core/util/error.h"

namespace le::ui {

namespace {

QLineEdit* fileField(QWidget* parent, QHBoxLayout* row, const QString& caption) {
    auto* edit = new QLineEdit(parent);
    edit->setPlaceholderText(QObject::tr("indices (.npy or text)"));
    auto* browse = new QPushButton(QObject::tr("…"), parent);
    browse->setMaximumWidth(32);
    QObject::connect(browse, &QPushButton::clicked, parent, [=] {
        const QString path = QFileDialog::getOpenFileName(parent, caption, edit->text(),
                                                          QObject::tr("Indices (*.npy *.txt *.csv);;All files (*)"));
        if (!path.isEmpty()) edit->setText(path);
    });
    row->addWidget(edit);
    row->addWidget(browse);
    return edit;
}

} // namespace

AnalysisSettingsPanel::AnalysisSettingsPanel(QWidget* parent)
    : QWidget(parent), level_(new QComboBox(this)), gfre_(new QCheckBox("GFRE", this)),
      gfrd_(new QCheckBox("GFRD", this)), lfre_(new QCheckBox("LFRE", this)),
      kgfre_(new QCheckBox(tr("kernel GFRE"), this)), cka_(new QCheckBox("CKA", this)),
      dcka_(new QCheckBox(tr("debiased CKA"), this)), procrustes_(new QCheckBox(tr("Procrustes"), this)),
      ii_(new QCheckBox(tr("inf. imbalance"), this)), id_(new QCheckBox(tr("intrinsic dim."), this)),
      landmarks_(new QSpinBox(this)), gammaMode_(new QComboBox(this)), gamma_(new QLineEdit(this)),
      diagonal_(new QCheckBox(tr("each set against itself"), this)),
      splitKind_(new QComboBox(this)), testSize_(new QSpinBox(this)),
      stratifyBy_(new QComboBox(this)), seed_(new QSpinBox(this)), repeats_(new QSpinBox(this)),
      breakdown_(new QComboBox(this)), trainFile_(nullptr),
      testFile_(nullptr), splitPages_(new QStackedWidget(this)), kMode_(new QComboBox(this)),
      k_(new QSpinBox(this)), estimator_(new QComboBox(this)), regularization_(new QComboBox(this)),
      alphas_(new QLineEdit(this)), fixedAlpha_(new QLineEdit(this)), scaler_(new QComboBox(this)) {
    level_->addItem(tr("per atom"), int(Level::Atom));
    level_->addItem(tr("per structure"), int(Level::Structure));
    auto* measures = new QHBoxLayout;
    for (QCheckBox* box : {gfre_, gfrd_, lfre_}) measures->addWidget(box);
    gfre_->setToolTip(tr("Global feature reconstruction error: linear map source → target"));
    gfrd_->setToolTip(tr("Global feature reconstruction distortion (orthogonal part)"));
    lfre_->setToolTip(tr("Local feature reconstruction error: local linear maps over k neighbours"));
    diagonal_->setObjectName("diagonal");
    diagonal_->setToolTip(tr("The diagonal of the matrices (self-reconstruction), the floor each row is read "
                             "against. Its LFRE uses k = d, the most expensive pair of a row."));

    splitKind_->addItem(tr("scikit-matter default (50/50)"), int(SplitKind::SkmatterDefault));
    splitKind_->addItem(tr("stratified N test points by label"), int(SplitKind::Stratified));
    splitKind_->addItem(tr("from index files"), int(SplitKind::Explicit));
    splitPages_->addWidget(new QWidget(this));
    splitPages_->addWidget(buildSplitPage());
    auto* filesPage = new QWidget(this);
    auto* filesForm = new QFormLayout(filesPage);
    filesForm->setContentsMargins(0, 0, 0, 0);
    auto* trainRow = new QHBoxLayout;
    auto* testRow = new QHBoxLayout;
    trainFile_ = fileField(filesPage, trainRow, tr("Training indices"));
    testFile_ = fileField(filesPage, testRow, tr("Test indices"));
    filesForm->addRow(tr("Train:"), trainRow);
    filesForm->addRow(tr("Test:"), testRow);
    splitPages_->addWidget(filesPage);
    // The stack takes the height of the page shown, not of its tallest page (the default split
    // has no fields, and a blank band under it looked like missing controls).
    auto showSplitPage = [this](int index) {
        splitPages_->setCurrentIndex(index);
        for (int i = 0; i < splitPages_->count(); ++i)
            splitPages_->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                                  i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        splitPages_->adjustSize();
    };
    connect(splitKind_, &QComboBox::currentIndexChanged, this, showSplitPage);
    showSplitPage(0);

    repeats_->setObjectName("repeats");
    repeats_->setRange(1, 1000);
    repeats_->setToolTip(tr("Repeat the comparison on this many stratified test sets, drawn with seeds S, S+1, …; "
                            "heatmap cells then show the mean ± the sample standard deviation"));
    breakdown_->setObjectName("breakdownBy");
    breakdown_->setToolTip(tr("Break GFRE, GFRD and LFRE down by group of test points: sqrt(mean of the squared "
                              "pointwise values over the group), shown as a bar chart in the pair details"));
    setLabelKeys({});

    kMode_->addItem(tr("min(d source, d target)"));
    kMode_->addItem(tr("fixed"));
    k_->setRange(1, 100000);
    connect(kMode_, &QComboBox::currentIndexChanged, this, [this](int i) { k_->setEnabled(i == 1); });
    auto* kRow = new QHBoxLayout;
    kRow->addWidget(kMode_, 1);
    kRow->addWidget(k_);

    estimator_->addItem(tr("Ridge, 2-fold CV over α (skmatter)"), int(EstimatorKind::Ridge2FoldCV));
    estimator_->addItem(tr("least squares"), int(EstimatorKind::LeastSquares));
    estimator_->addItem(tr("Ridge, fixed α"), int(EstimatorKind::RidgeFixedAlpha));
    regularization_->addItem(tr("singular value cutoff"), int(Regularization::Cutoff));
    regularization_->addItem(tr("Tikhonov"), int(Regularization::Tikhonov));
    alphas_->setPlaceholderText(tr("default: geomspace(1e-9, 0.9, 20)"));
    fixedAlpha_->setToolTip(tr("α relative to the largest singular value"));
    scaler_->addItem(tr("StandardFlexible (centre, unit total variance)"), int(ScalerKind::StandardFlexible));
    scaler_->addItem(tr("none"), int(ScalerKind::None));

    auto* defaults = new QPushButton(tr("Restore scikit-matter defaults"), this);
    connect(defaults, &QPushButton::clicked, this, &AnalysisSettingsPanel::restoreDefaults);

    auto* form = new QFormLayout;
    form->addRow(tr("Features:"), level_);
    form->addRow(tr("Measures:"), measures);
    form->addRow(tr("Beyond linear:"), buildExtendedMeasures());
    auto* kernelRow = new QHBoxLayout;
    kernelRow->addWidget(new QLabel(tr("landmarks"), this));
    kernelRow->addWidget(landmarks_);
    kernelRow->addWidget(new QLabel(tr("γ"), this));
    kernelRow->addWidget(gammaMode_);
    kernelRow->addWidget(gamma_, 1);
    form->addRow(tr("Kernel GFRE:"), kernelRow);
    form->addRow(tr("Diagonal:"), diagonal_);
    form->addRow(tr("Split:"), splitKind_);
    form->addRow(splitPages_);
    form->addRow(tr("Repeats:"), repeats_);
    form->addRow(tr("Breakdown by:"), breakdown_);
    form->addRow(tr("LFRE k:"), kRow);
    form->addRow(tr("Estimator:"), estimator_);
    form->addRow(tr("Regularisation:"), regularization_);
    form->addRow(tr("α grid:"), alphas_);
    form->addRow(tr("Fixed α:"), fixedAlpha_);
    form->addRow(tr("Scaler:"), scaler_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(defaults);
    layout->addStretch();

    restoreDefaults();
    connect(repeats_, &QSpinBox::valueChanged, this, &AnalysisSettingsPanel::changed);
    for (QComboBox* c : {level_, splitKind_, kMode_, estimator_, regularization_, scaler_, breakdown_})
        connect(c, &QComboBox::currentIndexChanged, this, &AnalysisSettingsPanel::changed);
    for (QCheckBox* c : {gfre_, gfrd_, lfre_, kgfre_, cka_, dcka_, procrustes_, ii_, id_, diagonal_})
        connect(c, &QCheckBox::toggled, this, &AnalysisSettingsPanel::changed);
    connect(landmarks_, &QSpinBox::valueChanged, this, &AnalysisSettingsPanel::changed);
    connect(gammaMode_, &QComboBox::currentIndexChanged, this, &AnalysisSettingsPanel::changed);
    connect(gamma_, &QLineEdit::textChanged, this, &AnalysisSettingsPanel::changed);
}

QWidget* AnalysisSettingsPanel::buildExtendedMeasures() {
    auto* box = new QWidget(this);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    QCheckBox* const order[] = {kgfre_, cka_, dcka_, procrustes_, ii_, id_};
    for (int i = 0; i < 6; ++i) grid->addWidget(order[i], i / 3, i % 3);
    kgfre_->setObjectName("kgfre");
    cka_->setObjectName("cka");
    dcka_->setObjectName("dcka");
    procrustes_->setObjectName("procrustes");
    ii_->setObjectName("ii");
    id_->setObjectName("id");
    kgfre_->setToolTip(tr("GFRE of the source's Nyström RBF kernel features: what a non-linear map can reconstruct"));
    cka_->setToolTip(tr("Linear centred kernel alignment on all rows, in [0, 1] (1 = same up to rotation and scale)"));
    dcka_->setToolTip(tr("Debiased CKA (unbiased HSIC): removes CKA's upward bias when d is not small against n"));
    procrustes_->setToolTip(tr("Angular Procrustes shape distance θ in [0, π/2] on all rows; also draws the model "
                               "map (MDS and dendrogram of the models)"));
    ii_->setToolTip(tr("Information imbalance Δ(source → target) on the test rows: ≈ 0 keeps the neighbourhoods, "
                       "≈ 1 no information"));
    id_->setToolTip(tr("TwoNN intrinsic dimension of each feature set on the test rows (one number per set)"));
    landmarks_->setObjectName("landmarks");
    landmarks_->setRange(2, 1000000);
    landmarks_->setToolTip(tr("Nyström landmarks drawn (seeded by the split seed) from the training rows; all of "
                              "them when there are fewer. A few hundred for a first look."));
    gammaMode_->setObjectName("gammaMode");
    gammaMode_->addItem(tr("auto"));
    gammaMode_->addItem(tr("fixed"));
    gammaMode_->setToolTip(tr("RBF γ: auto = 1 / median squared distance between landmark pairs"));
    gamma_->setObjectName("gamma");
    gamma_->setPlaceholderText(tr("γ > 0"));
    connect(kgfre_, &QCheckBox::toggled, this, &AnalysisSettingsPanel::updateKernelFields);
    connect(gammaMode_, &QComboBox::currentIndexChanged, this, &AnalysisSettingsPanel::updateKernelFields);
    return box;
}

void AnalysisSettingsPanel::updateKernelFields() {
    landmarks_->setEnabled(kgfre_->isChecked());
    gammaMode_->setEnabled(kgfre_->isChecked());
    gamma_->setEnabled(kgfre_->isChecked() && gammaMode_->currentIndex() == 1);
}

QWidget* AnalysisSettingsPanel::buildSplitPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    testSize_->setRange(1, 100000000);
    stratifyBy_->setEditable(true);
    seed_->setRange(0, 2147483647);
    form->addRow(tr("Test points:"), testSize_);
    form->addRow(tr("Stratify by:"), stratifyBy_);
    form->addRow(tr("Seed:"), seed_);
    return page;
}

void AnalysisSettingsPanel::restoreDefaults() {
    const MetricSettings d;
    const EstimatorSettings e;
    level_->setCurrentIndex(0);
    gfre_->setChecked(true);
    gfrd_->setChecked(true);
    lfre_->setChecked(true);
    for (QCheckBox* box : {kgfre_, cka_, dcka_, procrustes_, ii_, id_}) box->setChecked(false);
    landmarks_->setValue(int(d.kernel.landmarks));
    gammaMode_->setCurrentIndex(0);
    gamma_->clear();
    updateKernelFields();
    diagonal_->setChecked(d.includeDiagonal);
    splitKind_->setCurrentIndex(0);
    testSize_->setValue(int(d.split.testSize));
    stratifyBy_->setCurrentText(QString::fromStdString(d.split.stratifyBy));
    seed_->setValue(int(d.split.seed));
    repeats_->setValue(1);
    breakdown_->setCurrentIndex(0);
    trainFile_->clear();
    testFile_->clear();
    kMode_->setCurrentIndex(0);
    k_->setValue(20);
    k_->setEnabled(false);
    estimator_->setCurrentIndex(0);
    regularization_->setCurrentIndex(0);
    alphas_->clear();
    fixedAlpha_->setText(QString::number(e.fixedAlpha, 'g', 6));
    scaler_->setCurrentIndex(0);
    emit changed();
}

Level AnalysisSettingsPanel::level() const { return Level(level_->currentData().toInt()); }
void AnalysisSettingsPanel::setLevel(Level level) { level_->setCurrentIndex(level == Level::Atom ? 0 : 1); }

void AnalysisSettingsPanel::setLabelKeys(const QStringList& keys) {
    const QString current = stratifyBy_->currentText();
    stratifyBy_->clear();
    stratifyBy_->addItems(keys);
    stratifyBy_->setCurrentText(current);
    const QString by = breakdown_->currentData().toString();
    breakdown_->clear();
    breakdown_->addItem(tr("none"), QString());
    breakdown_->addItem(tr("species"), QString("species"));
    for (const QString& key : keys)
        if (key != "species") breakdown_->addItem(key, key);
    breakdown_->setCurrentIndex(std::max(0, breakdown_->findData(by)));
}

int AnalysisSettingsPanel::repeats() const {
    if (repeats_->value() > 1 && SplitKind(splitKind_->currentData().toInt()) != SplitKind::Stratified)
        throw InputError("repeats", "",
                         "repeats draw new test sets with seeds S, S+1, …: choose the split \"stratified N test "
                         "points by label\" (the default split has a fixed seed, index files none)");
    return repeats_->value();
}

std::string AnalysisSettingsPanel::breakdownBy() const { return breakdown_->currentData().toString().toStdString(); }

std::vector<double> AnalysisSettingsPanel::parseAlphaGrid(const QString& text) {
    std::vector<double> alphas;
    const QStringList parts = text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts);
    for (int i = 0; i < parts.size(); ++i) {
        bool ok = false;
        const double a = parts[i].toDouble(&ok);
        if (!ok || !(a > 0) || !(a < 1))
            throw InputError("α grid", "value " + std::to_string(i + 1),
                             "\"" + parts[i].toStdString() +
                                 "\" is not a relative α in (0, 1) (scikit-matter requires α < 1)");
        alphas.push_back(a);
    }
    return alphas;
}

std::vector<long long> AnalysisSettingsPanel::readIndexFile(const QString& path) {
    if (path.endsWith(".npy", Qt::CaseInsensitive)) return readNpy(path.toStdString()).toIndices();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw InputError(path.toStdString(), "", "cannot open: " + file.errorString().toStdString());
    std::vector<long long> indices;
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QString text = QString::fromUtf8(file.readLine()).section('#', 0, 0);
        for (const QString& part : text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts)) {
            bool ok = false;
            const long long v = part.toLongLong(&ok);
            if (!ok || v < 0)
                throw InputError(path.toStdString(), "line " + std::to_string(line),
                                 "\"" + part.toStdString() + "\" is not a row index");
            indices.push_back(v);
        }
    }
    if (indices.empty()) throw InputError(path.toStdString(), "", "no index in the file");
    return indices;
}

MetricSettings AnalysisSettingsPanel::settings() const {
    MetricSettings s;
    s.measures.clear();
    if (gfre_->isChecked()) s.measures.push_back(Measure::GFRE);
    if (gfrd_->isChecked()) s.measures.push_back(Measure::GFRD);
    if (lfre_->isChecked()) s.measures.push_back(Measure::LFRE);
    const std::pair<QCheckBox*, Measure> extended[] = {
        {kgfre_, Measure::KGFRE}, {cka_, Measure::CKA}, {dcka_, Measure::DCKA},
        {procrustes_, Measure::Procrustes}, {ii_, Measure::InformationImbalance}, {id_, Measure::IntrinsicDimension}};
    for (const auto& [box, measure] : extended)
        if (box->isChecked()) s.measures.push_back(measure);
    if (s.measures.empty()) throw InputError("measures", "", "tick at least one measure");
    s.includeDiagonal = diagonal_->isChecked();
    s.split.kind = SplitKind(splitKind_->currentData().toInt());
    s.split.testSize = testSize_->value();
    s.split.stratifyBy = stratifyBy_->currentText().trimmed().toStdString();
    s.split.seed = unsigned(seed_->value());
    if (s.split.kind == SplitKind::Explicit) {
        if (trainFile_->text().trimmed().isEmpty() && testFile_->text().trimmed().isEmpty())
            throw InputError("split", "", "give a training and/or a test index file");
        if (!trainFile_->text().trimmed().isEmpty())
            s.split.trainIndices = readIndexFile(trainFile_->text().trimmed());
        if (!testFile_->text().trimmed().isEmpty())
            s.split.testIndices = readIndexFile(testFile_->text().trimmed());
    }
    if (s.split.kind == SplitKind::Stratified && s.split.stratifyBy.empty())
        throw InputError("split", "", "choose the label to stratify by");
    s.lfreK = kMode_->currentIndex() == 0 ? 0 : k_->value();
    s.estimator.kind = EstimatorKind(estimator_->currentData().toInt());
    s.estimator.regularization = Regularization(regularization_->currentData().toInt());
    s.estimator.relativeAlphas = parseAlphaGrid(alphas_->text());
    bool ok = false;
    s.estimator.fixedAlpha = fixedAlpha_->text().toDouble(&ok);
    if (!ok || !(s.estimator.fixedAlpha > 0))
        throw InputError("fixed α", "", "\"" + fixedAlpha_->text().toStdString() + "\" is not a positive number");
    s.scaler = ScalerKind(scaler_->currentData().toInt());
    s.kernel.landmarks = landmarks_->value();
    s.kernel.seed = s.split.seed; // as compare --seed: the landmark draw follows the split seed
    if (kgfre_->isChecked() && gammaMode_->currentIndex() == 1) { // a disabled field blocks nothing
        s.kernel.gamma = gamma_->text().toDouble(&ok);
        if (!ok || !(s.kernel.gamma > 0) || !std::isfinite(s.kernel.gamma))
            throw InputError("kernel GFRE γ", "", "\"" + gamma_->text().toStdString() + "\" is not a positive number");
    }
    return s;
}

QJsonObject AnalysisSettingsPanel::state() const {
    QJsonObject q;
    q["level"] = level_->currentIndex();
    q["gfre"] = gfre_->isChecked();
    q["gfrd"] = gfrd_->isChecked();
    q["lfre"] = lfre_->isChecked();
    q["kgfre"] = kgfre_->isChecked();
    q["cka"] = cka_->isChecked();
    q["dcka"] = dcka_->isChecked();
    q["procrustes"] = procrustes_->isChecked();
    q["ii"] = ii_->isChecked();
    q["id"] = id_->isChecked();
    q["landmarks"] = landmarks_->value();
    q["gammaMode"] = gammaMode_->currentIndex();
    q["gamma"] = gamma_->text();
    q["diagonal"] = diagonal_->isChecked();
    q["split"] = splitKind_->currentIndex();
    q["testSize"] = testSize_->value();
    q["stratifyBy"] = stratifyBy_->currentText();
    q["seed"] = seed_->value();
    q["repeats"] = repeats_->value();
    q["breakdownBy"] = breakdown_->currentData().toString();
    q["trainFile"] = trainFile_->text();
    q["testFile"] = testFile_->text();
    q["kMode"] = kMode_->currentIndex();
    q["k"] = k_->value();
    q["estimator"] = estimator_->currentIndex();
    q["regularization"] = regularization_->currentIndex();
    q["alphas"] = alphas_->text();
    q["fixedAlpha"] = fixedAlpha_->text();
    q["scaler"] = scaler_->currentIndex();
    return q;
}

void AnalysisSettingsPanel::setState(const QJsonObject& q) {
    restoreDefaults();
    auto index = [&](QComboBox* box, const char* key) {
        box->setCurrentIndex(std::clamp(q.value(key).toInt(box->currentIndex()), 0, box->count() - 1));
    };
    index(level_, "level");
    gfre_->setChecked(q.value("gfre").toBool(true));
    gfrd_->setChecked(q.value("gfrd").toBool(true));
    lfre_->setChecked(q.value("lfre").toBool(true));
    kgfre_->setChecked(q.value("kgfre").toBool(false));
    cka_->setChecked(q.value("cka").toBool(false));
    dcka_->setChecked(q.value("dcka").toBool(false));
    procrustes_->setChecked(q.value("procrustes").toBool(false));
    ii_->setChecked(q.value("ii").toBool(false));
    id_->setChecked(q.value("id").toBool(false));
    landmarks_->setValue(q.value("landmarks").toInt(landmarks_->value()));
    index(gammaMode_, "gammaMode");
    gamma_->setText(q.value("gamma").toString());
    updateKernelFields();
    diagonal_->setChecked(q.value("diagonal").toBool(true));
    index(splitKind_, "split");
    testSize_->setValue(q.value("testSize").toInt(testSize_->value()));
    stratifyBy_->setCurrentText(q.value("stratifyBy").toString(stratifyBy_->currentText()));
    seed_->setValue(q.value("seed").toInt(seed_->value()));
    repeats_->setValue(q.value("repeats").toInt(1));
    // A key the dataset does not have (yet) is kept as an entry, so it is not lost.
    const QString by = q.value("breakdownBy").toString();
    if (!by.isEmpty() && breakdown_->findData(by) < 0) breakdown_->addItem(by, by);
    breakdown_->setCurrentIndex(std::max(0, breakdown_->findData(by)));
    trainFile_->setText(q.value("trainFile").toString());
    testFile_->setText(q.value("testFile").toString());
    index(kMode_, "kMode");
    k_->setValue(q.value("k").toInt(k_->value()));
    k_->setEnabled(kMode_->currentIndex() == 1);
    index(estimator_, "estimator");
    index(regularization_, "regularization");
    alphas_->setText(q.value("alphas").toString());
    fixedAlpha_->setText(q.value("fixedAlpha").toString(fixedAlpha_->text()));
    index(scaler_, "scaler");
    emit changed();
}

void AnalysisSettingsPanel::save() const {
    QSettings().setValue("analysis/state",
                         QJsonDocument(state()).toJson(QJsonDocument::Compact));
}

void AnalysisSettingsPanel::restore() {
    setState(QJsonDocument::fromJson(QSettings().value("analysis/state").toByteArray()).object());
}

} // namespace le::ui
