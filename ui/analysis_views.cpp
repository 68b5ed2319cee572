#include "ui/analysis_views.h"

#include <QLabel>
#include <QTimer>

#include "ui/dialogs/add_descriptor_action.h"
#include "ui/main_window.h"
#include "ui/views/model_map_view.h"
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
    window.addAnalysisView(new ModelMapView(workspace), QObject::tr("Model map"));
    window.addAnalysisView(new OrderTableTab(&workspace, &window.tasks(), window.datasetPanel()), QObject::tr("Cumulant orders"));
    window.addPanel(new OutlierTable(&workspace), QObject::tr("Outliers"), Qt::BottomDockWidgetArea);
    installAddDescriptor(window);
    // A finished comparison opens on its most telling case: the worst pair, the frame of its
    // worst test atom, coloured by that pair's pointwise LFRE on every atom of the frame.
    // Queued: the views refresh for the new results in one event, for the pair in the next,
    // so neither holds the event loop for long on large data.
    QObject::connect(&window, &MainWindow::comparisonFinished, structure, [&window, &workspace, structure] {
        const auto metrics = workspace.metrics();
        QTimer::singleShot(0, structure, [&window, &workspace, structure, metrics] {
            if (workspace.metrics() != metrics) return; // replaced meanwhile
            const auto pair = showWorstPair(workspace);
            if (!pair) return;
            window.stepLabel()->setText(
                QObject::tr("%1; showing the worst pair, %2 → %3 (%4 %5)")
                    .arg(window.stepLabel()->text(), QString::fromStdString(metrics->names[std::size_t(pair->source)]),
                         QString::fromStdString(metrics->names[std::size_t(pair->target)]),
                         pair->measure == Measure::LFRE ? "LFRE" : "GFRE",
                         QString::number(metrics->matrices.at(pair->measure)(pair->source, pair->target), 'f', 2)));
            if (workspace.analysisLevel() == Level::Atom)
                structure->panel()->setColorChoice({ColorSource::LfreOnDemand, "", 0, Measure::LFRE});
            emit window.worstPairShown();
        });
    });
    // The on-demand LFRE task leaves its own step text in the status bar: name the pair instead.
    QObject::connect(structure->panel(), &StructurePanel::frameLfreShown, &window,
                     [&window, &workspace](int source, int target, int frame) {
                         if (const auto metrics = workspace.metrics())
                             window.stepLabel()->setText(frameLfreStatus(*metrics, source, target, frame));
                     });
}

QString frameLfreStatus(const AllPairsResult& metrics, int source, int target, int frame) {
    QString text = QObject::tr("Atoms of frame %1 coloured by pointwise LFRE %2 → %3")
                       .arg(frame)
                       .arg(QString::fromStdString(metrics.names[std::size_t(source)]),
                            QString::fromStdString(metrics.names[std::size_t(target)]));
    const auto worst = worstOffDiagonalPair(metrics);
    if (worst && worst->measure == Measure::LFRE && worst->source == source && worst->target == target)
        text += QObject::tr(" (worst pair, LFRE %1)")
                    .arg(metrics.matrices.at(Measure::LFRE)(source, target), 0, 'f', 2);
    return text;
}

} // namespace le::ui
