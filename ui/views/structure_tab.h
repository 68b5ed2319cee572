#pragma once
// The "Structure" tab: the frame navigator next to the structure panel.
#include <QSplitter>

namespace le::ui {

class FrameNavigator;
class StructurePanel;
class TaskRunner;
class Workspace;

class StructureTab : public QSplitter {
    Q_OBJECT
public:
    StructureTab(Workspace* workspace, TaskRunner* runner, QWidget* parent = nullptr);
    FrameNavigator* navigator() const { return navigator_; }
    StructurePanel* panel() const { return panel_; }

private:
    FrameNavigator* navigator_;
    StructurePanel* panel_;
};

} // namespace le::ui
