#include "ui/analysis_views.h"

#include "ui/dialogs/add_descriptor_action.h"
#include "ui/main_window.h"
#include "ui/views/model_map_view.h"
#include "ui/views/order_table_tab.h"
#include "ui/views/outlier_table.h"
#include "ui/views/projection_panel.h"
#include "ui/views/structure_tab.h"

namespace le::ui {

void installAnalysisViews(MainWindow& window, Workspace& workspace) {
    window.addAnalysisView(new ModelMapView(workspace), QObject::tr("Model map"));
    window.addAnalysisView(new StructureTab(&workspace, &window.tasks()), QObject::tr("Structure"));
    window.addAnalysisView(new ProjectionPanel(&workspace, &window.tasks()), QObject::tr("Projection"));
    window.addAnalysisView(new OrderTableTab(&workspace, &window.tasks(), window.datasetPanel()), QObject::tr("Cumulant orders"));
    window.addPanel(new OutlierTable(&workspace), QObject::tr("Outliers"), Qt::BottomDockWidgetArea);
    installAddDescriptor(window);
}

} // namespace le::ui
