#include "ui/analysis_views.h"

#include <QLabel>

#include "ui/dialogs/add_descriptor_action.h"
#include "ui/main_window.h"
#include "ui/views/order_table_tab.h"
#include "ui/views/outlier_table.h"
#include "ui/views/projection_panel.h"
#include "ui/views/structure_panel.h"
#include "ui/views/structure_tab.h"
#include "ui/workspace/worst_pair.h"
#include "ui/workspace/workspace.h"

namespace le::ui {

void installAnalysisViews(MainWindow& window, Workspace& workspace) {
    auto* structure = new StructureTab(&workspace, &window.tasks());
    window.addAnalysisView(structure, QObject::tr("Structure"));
    window.addAnalysisView(new ProjectionPanel(&workspace, &window.tasks()), QObject::tr("Projection"));
    window.addAnalysisView(new OrderTableTab(&workspace, &window.tasks(), window.datasetPanel()), QObject::tr("Cumulant orders"));
    window.addPanel(new OutlierTable(&workspace), QObject::tr("Outliers"), Qt::BottomDockWidgetArea);
    installAddDescriptor(window);
    // A finished comparison opens on its most telling case: the worst pair, the frame of its
    // worst test atom, coloured by that pair's pointwise LFRE on every atom of the frame.
    QObject::connect(&window, &MainWindow::comparisonFinished, structure, [&window, &workspace, structure] {
        const auto pair = showWorstPair(workspace);
        if (!pair) return;
        const auto& names = workspace.metrics()->names;
        window.stepLabel()->setText(
            QObject::tr("%1; showing the worst pair, %2 → %3 (%4 %5)")
                .arg(window.stepLabel()->text(), QString::fromStdString(names[std::size_t(pair->source)]),
                     QString::fromStdString(names[std::size_t(pair->target)]),
                     pair->measure == Measure::LFRE ? "LFRE" : "GFRE",
                     QString::number(workspace.metrics()->matrices.at(pair->measure)(pair->source, pair->target), 'f', 2)));
        if (workspace.analysisLevel() == Level::Atom)
            structure->panel()->setColorChoice({ColorSource::LfreOnDemand, "", 0, Measure::LFRE});
    });
}

} // namespace le::ui
