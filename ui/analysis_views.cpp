#include "ui/analysis_views.h"

#include "ui/main_window.h"

namespace le::ui {

void installAnalysisViews(MainWindow& window, Workspace& workspace) {
    // Views add themselves here, e.g.
    //   window.addAnalysisView(new StructureView(workspace), QObject::tr("Structure"));
    //   window.addPanel(new OutlierTable(workspace), QObject::tr("Outliers"), Qt::BottomDockWidgetArea);
    (void)window;
    (void)workspace;
}

} // namespace le::ui
