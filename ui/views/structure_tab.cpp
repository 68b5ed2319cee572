#include "ui/views/structure_tab.h"

#include "ui/views/frame_navigator.h"
#include "ui/views/structure_panel.h"

namespace le::ui {

StructureTab::StructureTab(Workspace* workspace, TaskRunner* runner, QWidget* parent)
    : QSplitter(Qt::Horizontal, parent) {
    navigator_ = new FrameNavigator(workspace, this);
    panel_ = new StructurePanel(workspace, runner, this);
    addWidget(navigator_);
    addWidget(panel_);
    setStretchFactor(0, 1);
    setStretchFactor(1, 3);
    setSizes({380, 1000});
}

} // namespace le::ui
