#pragma once
// The one place where analysis views (structure view, projection map, outlier table...)
// are added to the main window. Each view observes the Workspace; the window calls this
// once after building its own "Comparison" tab.
namespace le::ui {

class MainWindow;
class Workspace;

void installAnalysisViews(MainWindow& window, Workspace& workspace);

} // namespace le::ui
