#include "ui/panels/dataset_panel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <map>
#include <set>

#include "core/dataset/elements.h"

namespace le::ui {

namespace {

constexpr int kMaxLabelValues = 50; // more distinct values is not a label but a number

enum Column { ColEnabled, ColName, ColLevel, ColShape, ColDtype, ColCount };

std::set<std::string> distinct(const std::vector<std::string>& values) {
    return {values.begin(), values.end()};
}

} // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent), summary_(new QLabel(this)), features_(new QTableWidget(this)),
      properties_(new QListWidget(this)), species_(new QListWidget(this)),
      labelKey_(new QComboBox(this)), labelValues_(new QListWidget(this)) {
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    features_->setColumnCount(ColCount);
    features_->setHorizontalHeaderLabels({"", tr("name"), tr("level"), tr("shape"), tr("dtype")});
    features_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    features_->horizontalHeader()->setSectionResizeMode(ColName, QHeaderView::Stretch);
    features_->verticalHeader()->setVisible(false);
    features_->setSelectionBehavior(QAbstractItemView::SelectRows);
    features_->setSelectionMode(QAbstractItemView::SingleSelection);
    features_->setToolTip(tr("Tick the feature sets that take part; double-click a name to rename"));
    connect(features_, &QTableWidget::cellChanged, this, &DatasetPanel::onFeatureItemChanged);

    auto* up = new QPushButton(tr("Up"), this);
    auto* down = new QPushButton(tr("Down"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(up, &QPushButton::clicked, this, [this] { moveFeature(features_->currentRow(), -1); });
    connect(down, &QPushButton::clicked, this, [this] { moveFeature(features_->currentRow(), +1); });
    connect(remove, &QPushButton::clicked, this, [this] { removeFeature(features_->currentRow()); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(up);
    buttons->addWidget(down);
    buttons->addStretch();
    buttons->addWidget(remove);

    features_->setMinimumHeight(168);
    species_->setMaximumHeight(44);
    species_->setFlow(QListView::LeftToRight);
    species_->setWrapping(true);
    labelValues_->setMaximumHeight(72);
    properties_->setMaximumHeight(64);
    connect(species_, &QListWidget::itemChanged, this, [this] {
        if (!filling_) emit subsetChanged();
    });
    connect(labelValues_, &QListWidget::itemChanged, this, [this] {
        if (!filling_) emit subsetChanged();
    });
    connect(labelKey_, &QComboBox::currentIndexChanged, this, [this] {
        if (filling_) return;
        fillLabelValues();
        emit subsetChanged();
    });

    auto* featureBox = new QGroupBox(tr("Feature sets"), this);
    auto* featureLayout = new QVBoxLayout(featureBox);
    featureLayout->addWidget(features_);
    featureLayout->addLayout(buttons);
    auto* filterBox = new QGroupBox(tr("Subset used by every analysis"), this);
    auto* filterLayout = new QVBoxLayout(filterBox);
    filterLayout->addWidget(new QLabel(tr("Species:"), this));
    filterLayout->addWidget(species_);
    filterLayout->addWidget(new QLabel(tr("Frames by label:"), this));
    filterLayout->addWidget(labelKey_);
    filterLayout->addWidget(labelValues_);
    auto* propertyBox = new QGroupBox(tr("Properties"), this);
    auto* propertyLayout = new QVBoxLayout(propertyBox);
    propertyLayout->addWidget(properties_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(featureBox, 3);
    layout->addWidget(filterBox, 1);
    layout->addWidget(propertyBox, 1);
    layout->addStretch(0);
    setDataset(nullptr);
}

QString DatasetPanel::summaryText() const { return summary_->text(); }

void DatasetPanel::setDataset(std::shared_ptr<const Dataset> dataset) {
    dataset_ = std::move(dataset);
    choices_.clear();
    filling_ = true;
    species_->clear();
    labelKey_->clear();
    properties_->clear();
    if (!dataset_) {
        summary_->setText(tr("No data loaded. Use File › Open or drop files here."));
        filling_ = false;
        fillFeatureTable();
        fillLabelValues();
        return;
    }
    const Dataset& d = *dataset_;
    for (int i = 0; i < int(d.featureSets().size()); ++i)
        choices_.push_back({i, d.featureSets()[i].name, d.featureSets()[i].enabled});

    std::map<int, long long> composition;
    for (int z : d.atomSpecies()) composition[z]++;
    QStringList parts;
    for (const auto& [z, count] : composition) {
        parts << QString("%1 %2").arg(elementSymbol(z)).arg(count);
        auto* item = new QListWidgetItem(elementSymbol(z), species_);
        item->setData(Qt::UserRole, z);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    const QStringList keys = labelKeys();
    summary_->setText(tr("<b>%1 frames</b>, %2 atoms<br>Composition: %3<br>Labels: %4")
                          .arg(d.frameCount())
                          .arg(d.atomCount())
                          .arg(parts.join(", "))
                          .arg(keys.isEmpty() ? tr("none") : keys.join(", ")));
    labelKey_->addItem(tr("(all frames)"), QString());
    for (const QString& key : keys) labelKey_->addItem(key, key);
    for (const Property& p : d.properties())
        properties_->addItem(QString("%1  (%2, %3)")
                                 .arg(QString::fromStdString(p.name), levelName(p.level),
                                      p.isText ? tr("text") : tr("width %1").arg(p.width())));
    filling_ = false;
    fillFeatureTable();
    fillLabelValues();
}

QStringList DatasetPanel::labelKeys() const {
    QStringList keys;
    if (!dataset_) return keys;
    std::set<std::string> candidates;
    for (const Frame& f : dataset_->frames())
        for (const auto& [key, value] : f.info)
            if (value.size() == 1) candidates.insert(key);
    for (const Property& p : dataset_->properties())
        if (p.level == Level::Structure && p.width() == 1) candidates.insert(p.name);
    for (const std::string& key : candidates) {
        const auto labels = dataset_->frameLabels(key);
        if (!labels) continue;
        const auto values = distinct(*labels);
        if (values.size() >= 2 && int(values.size()) <= kMaxLabelValues)
            keys << QString::fromStdString(key);
    }
    return keys;
}

void DatasetPanel::fillLabelValues() {
    const bool wasFilling = filling_;
    filling_ = true;
    labelValues_->clear();
    const QString key = labelKey_->currentData().toString();
    labelValues_->setEnabled(!key.isEmpty());
    if (dataset_ && !key.isEmpty())
        if (const auto labels = dataset_->frameLabels(key.toStdString()))
            for (const std::string& value : distinct(*labels)) {
                auto* item = new QListWidgetItem(QString::fromStdString(value), labelValues_);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Checked);
            }
    filling_ = wasFilling;
}

Subset DatasetPanel::subset() const {
    Subset s;
    bool allSpecies = true;
    for (int i = 0; i < species_->count(); ++i) {
        if (species_->item(i)->checkState() == Qt::Checked)
            s.species.push_back(species_->item(i)->data(Qt::UserRole).toInt());
        else
            allSpecies = false;
    }
    if (allSpecies) s.species.clear();
    const QString key = labelKey_->currentData().toString();
    if (!key.isEmpty()) {
        bool allValues = true;
        std::vector<std::string> values;
        for (int i = 0; i < labelValues_->count(); ++i) {
            if (labelValues_->item(i)->checkState() == Qt::Checked)
                values.push_back(labelValues_->item(i)->text().toStdString());
            else
                allValues = false;
        }
        if (!allValues) {
            s.labelKey = key.toStdString();
            s.labelValues = values;
        }
    }
    return s;
}

void DatasetPanel::fillFeatureTable() {
    filling_ = true;
    features_->setRowCount(int(choices_.size()));
    for (int r = 0; r < int(choices_.size()); ++r) {
        const FeatureChoice& c = choices_[std::size_t(r)];
        const FeatureSet& f = dataset_->featureSets()[std::size_t(c.index)];
        auto* check = new QTableWidgetItem;
        check->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        check->setCheckState(c.enabled ? Qt::Checked : Qt::Unchecked);
        features_->setItem(r, ColEnabled, check);
        auto* name = new QTableWidgetItem(QString::fromStdString(c.name));
        name->setToolTip(QString::fromStdString(f.origin));
        features_->setItem(r, ColName, name);
        auto readOnly = [&](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            features_->setItem(r, column, item);
        };
        readOnly(ColLevel, levelName(f.level));
        readOnly(ColShape, QString("%1 × %2").arg(f.rows()).arg(f.cols()));
        readOnly(ColDtype, f.dtypeName());
    }
    filling_ = false;
}

void DatasetPanel::onFeatureItemChanged(int row, int column) {
    if (filling_ || row < 0 || row >= int(choices_.size())) return;
    if (column == ColEnabled)
        setFeatureEnabled(row, features_->item(row, column)->checkState() == Qt::Checked);
    else if (column == ColName)
        renameFeature(row, features_->item(row, column)->text());
}

void DatasetPanel::setFeatureChoices(std::vector<FeatureChoice> choices) {
    choices_ = std::move(choices);
    fillFeatureTable();
    emit featureChoicesChanged();
}

void DatasetPanel::renameFeature(int row, const QString& name) {
    if (row < 0 || row >= int(choices_.size())) return;
    const std::string wanted = name.trimmed().toStdString();
    bool taken = wanted.empty();
    for (int i = 0; i < int(choices_.size()); ++i)
        if (i != row && choices_[std::size_t(i)].name == wanted) taken = true;
    if (!taken) choices_[std::size_t(row)].name = wanted;
    // Update the cell in place (this may run inside the table's own cellChanged signal);
    // it shows the old name again when the new one was empty or taken.
    filling_ = true;
    if (auto* item = features_->item(row, ColName))
        item->setText(QString::fromStdString(choices_[std::size_t(row)].name));
    filling_ = false;
    if (!taken) emit featureChoicesChanged();
}

void DatasetPanel::moveFeature(int row, int delta) {
    const int to = row + delta;
    if (row < 0 || to < 0 || row >= int(choices_.size()) || to >= int(choices_.size())) return;
    std::swap(choices_[std::size_t(row)], choices_[std::size_t(to)]);
    fillFeatureTable();
    features_->selectRow(to);
    emit featureChoicesChanged();
}

void DatasetPanel::removeFeature(int row) {
    if (row < 0 || row >= int(choices_.size())) return;
    choices_.erase(choices_.begin() + row);
    fillFeatureTable();
    emit featureChoicesChanged();
}

void DatasetPanel::setFeatureEnabled(int row, bool enabled) {
    if (row < 0 || row >= int(choices_.size())) return;
    choices_[std::size_t(row)].enabled = enabled;
    filling_ = true;
    if (auto* item = features_->item(row, ColEnabled))
        item->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    filling_ = false;
    emit featureChoicesChanged();
}

} // namespace le::ui
