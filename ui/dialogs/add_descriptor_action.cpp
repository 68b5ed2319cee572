#include "ui/dialogs/add_descriptor_action.h"

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>

#include "core/util/error.h"
#include "ui/dialogs/add_descriptor_dialog.h"
#include "ui/main_window.h"
#include "ui/panels/dataset_panel.h"
#include "ui/tasks/task_runner.h"

namespace le::ui {

namespace {

const char* kLastSpecKey = "descriptors/lastSpec";

// The menu that holds the window's Compare action (the Analysis menu).
QMenu* analysisMenu(MainWindow& window) {
    for (QObject* owner : window.compareAction()->associatedObjects())
        if (auto* menu = qobject_cast<QMenu*>(owner)) return menu;
    return nullptr;
}

// In the row of Up/Down/Remove buttons under the feature table (an extra row would raise
// the panel's minimum height), else below the table.
void placeUnderFeatureTable(MainWindow& window, QPushButton* button) {
    QWidget* featureBox = window.datasetPanel()->featureTable()->parentWidget();
    auto* boxLayout = qobject_cast<QBoxLayout*>(featureBox->layout());
    if (!boxLayout) {
        button->setParent(featureBox);
        return;
    }
    for (int i = 0; i < boxLayout->count(); ++i)
        if (auto* row = qobject_cast<QHBoxLayout*>(boxLayout->itemAt(i)->layout())) {
            row->insertWidget(2, button); // after Up and Down
            return;
        }
    boxLayout->addWidget(button);
}

// The subset filters of the dataset panel (species ticks, label key and value ticks), kept
// across the dataset swap: the grown dataset has the same frames, so the same subset.
struct PanelFilters {
    QHash<int, Qt::CheckState> species; // by Z
    QString labelKey;
    QHash<QString, Qt::CheckState> labelValues;

    explicit PanelFilters(const DatasetPanel& panel) {
        for (int i = 0; i < panel.speciesList()->count(); ++i) {
            const QListWidgetItem* item = panel.speciesList()->item(i);
            species[item->data(Qt::UserRole).toInt()] = item->checkState();
        }
        labelKey = panel.labelKeyBox()->currentText();
        for (int i = 0; i < panel.labelValueList()->count(); ++i) {
            const QListWidgetItem* item = panel.labelValueList()->item(i);
            labelValues[item->text()] = item->checkState();
        }
    }

    void restore(DatasetPanel& panel) const {
        for (int i = 0; i < panel.speciesList()->count(); ++i) {
            QListWidgetItem* item = panel.speciesList()->item(i);
            item->setCheckState(species.value(item->data(Qt::UserRole).toInt(), Qt::Checked));
        }
        const int key = panel.labelKeyBox()->findText(labelKey);
        if (key >= 0) panel.labelKeyBox()->setCurrentIndex(key);
        for (int i = 0; i < panel.labelValueList()->count(); ++i) {
            QListWidgetItem* item = panel.labelValueList()->item(i);
            item->setCheckState(labelValues.value(item->text(), Qt::Checked));
        }
    }
};

} // namespace

std::shared_ptr<const Dataset> datasetWithDescriptor(const Dataset& dataset,
                                                     const DescriptorSpec& spec,
                                                     const TaskContext& ctx) {
    FeatureSet features = computeDescriptorFeatureSet(dataset, spec, ctx);
    ctx.throwIfCancelled();
    auto grown = std::make_shared<Dataset>(dataset);
    grown->addFeatureSet(std::move(features));
    return grown;
}

void addDescriptorInBackground(MainWindow& window, const DescriptorSpec& spec) {
    const auto dataset = window.workspace().dataset();
    if (!dataset) return;
    const QString name = QString::fromStdString(spec.displayName());
    window.tasks().submit(
        QObject::tr("Computing %1").arg(name), QString(),
        [dataset, spec](const TaskContext& ctx) -> std::any {
            return datasetWithDescriptor(*dataset, spec, ctx);
        },
        [&window, dataset](const std::any& value) {
            Workspace& workspace = window.workspace();
            if (workspace.dataset() != dataset) return; // another dataset was opened meanwhile
            const auto grown = std::any_cast<const std::shared_ptr<const Dataset>&>(value);
            const bool hadResults = workspace.metrics() != nullptr;
            DatasetPanel& panel = *window.datasetPanel();
            std::vector<FeatureChoice> choices = panel.featureChoices();
            const PanelFilters filters(panel);
            const int added = int(grown->featureSets().size()) - 1;
            choices.push_back({added, grown->featureSets().back().name, true});
            workspace.setDataset(grown);
            panel.setDataset(grown);
            panel.setFeatureChoices(choices);
            filters.restore(panel);
            window.stepLabel()->setText(
                QObject::tr("Added %1 (%2 × %3)")
                    .arg(QString::fromStdString(grown->featureSets().back().name))
                    .arg(grown->featureSets().back().rows())
                    .arg(grown->featureSets().back().cols()));
            if (hadResults) window.compare(); // the heatmaps on screen now miss the new set
        },
        [&window](const QString& message) {
            window.stepLabel()->setText(QObject::tr("Cannot add the descriptor: %1").arg(message));
            // Non-modal: never blocks a test or the --screenshot mode.
            auto* box = new QMessageBox(QMessageBox::Warning, QObject::tr("Add reference descriptor"),
                                        message, QMessageBox::Ok, &window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

void showAddDescriptorDialog(MainWindow& window) {
    AddDescriptorDialog dialog(&window);
    QSettings settings;
    try {
        const QString last = settings.value(kLastSpecKey).toString();
        if (!last.isEmpty()) dialog.setSpec(parseDescriptorSpec(last.toStdString()));
    } catch (const std::exception&) {
        // A stale or hand-edited setting: keep the defaults.
    }
    if (dialog.exec() != QDialog::Accepted) return;
    try {
        const DescriptorSpec spec = dialog.spec();
        settings.setValue(kLastSpecKey, dialog.specText());
        addDescriptorInBackground(window, spec);
    } catch (const std::exception& e) {
        QMessageBox::warning(&window, QObject::tr("Add reference descriptor"), e.what());
    }
}

QPushButton* installAddDescriptor(MainWindow& window) {
    auto* button = new QPushButton(QObject::tr("Add reference descriptor…"));
    button->setObjectName("addDescriptorButton");
    button->setToolTip(QObject::tr("Compute a SOAP power spectrum or ACSF for these structures "
                                   "and add it as a feature set"));
    placeUnderFeatureTable(window, button);

    auto* action = new QAction(QObject::tr("Add reference &descriptor…"), &window);
    action->setToolTip(button->toolTip());
    if (QMenu* menu = analysisMenu(window)) {
        menu->addSeparator();
        menu->addAction(action);
    }
    else window.addAction(action);

    auto open = [&window] { showAddDescriptorDialog(window); };
    QObject::connect(button, &QPushButton::clicked, &window, open);
    QObject::connect(action, &QAction::triggered, &window, open);
    auto enable = [&window, button, action] {
        const bool loaded = window.workspace().dataset() != nullptr;
        button->setEnabled(loaded);
        action->setEnabled(loaded);
    };
    QObject::connect(&window.workspace(), &Workspace::datasetChanged, button, enable);
    enable();
    return button;
}

} // namespace le::ui
