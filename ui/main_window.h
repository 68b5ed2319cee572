#pragma once
// The desktop window: dataset panel and analysis settings in docks, analysis views in
// tabs (the "Comparison" heatmaps first; more views are added by installAnalysisViews),
// one background task runner with progress and Cancel in the status bar.
#include <QMainWindow>
#include <QStringList>

#include <memory>

#include "ui/tasks/analysis_jobs.h"
#include "ui/workspace/workspace.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace le::ui {

class AnalysisSettingsPanel;
class ComparisonView;
class DatasetPanel;
class PairDetailsDialog;
class RecentFiles;
class TaskRunner;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Workspace& workspace() { return workspace_; }
    TaskRunner& tasks() { return *tasks_; }

    // Extension points for analysis views (see analysis_views.h).
    void addAnalysisView(QWidget* view, const QString& title);
    void addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area);
    QTabWidget* viewTabs() const { return tabs_; }

    // Loading runs in the background; on failure the previous workspace stays.
    void openFiles(const QStringList& paths);
    // A dataset of the bundled demo (empty id = the default one), descriptors included.
    void openDemo(const QString& id = {});
    // Shows an already loaded dataset (e.g. built by a test or a project reader).
    void openDataset(std::shared_ptr<const Dataset> dataset, const QStringList& paths = {},
                     const std::vector<std::string>& warnings = {});
    // Saves the dataset as arranged, the settings and the latest comparison as a project
    // (.h5) in the background; reopening the file restores all three.
    void saveWorkspaceTo(const QString& path);
    // Compares the ticked feature sets on the current subset with the current settings.
    void compare();
    void cancelTasks();

    // Non-interactive mode (tests, --screenshot): errors are reported through the
    // signals and lastError() instead of dialogs.
    void setInteractive(bool interactive) { interactive_ = interactive; }
    QString lastError() const { return lastError_; }
    QStringList recentFiles() const;

    DatasetPanel* datasetPanel() const { return datasetPanel_; }
    AnalysisSettingsPanel* settingsPanel() const { return settingsPanel_; }
    ComparisonView* comparisonView() const { return comparison_; }
    PairDetailsDialog* pairDetails();
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* cancelButton() const { return cancel_; }
    QLabel* stepLabel() const { return step_; }
    QAction* compareAction() const { return compareAction_; }

signals:
    void datasetLoaded();
    void loadFailed(const QString& message);
    void comparisonFinished();
    void comparisonFailed(const QString& message);
    // After a comparison: the worst pair is current and its worst atom selected (the
    // structure view's pointwise LFRE may still be computing).
    void worstPairShown();
    void workspaceSaved(const QString& path);
    void saveFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void chooseFilesToOpen();
    void saveWorkspace();
    void showAboutDemo();
    void addRecent(const QStringList& paths);
    void refreshRecentMenu();
    void fillDemoMenu(QMenu* menu);
    void showLoaded(const LoadedData& loaded);
    void reportError(const QString& title, const QString& message);

    Workspace workspace_;
    std::unique_ptr<RecentFiles> recent_;
    TaskRunner* tasks_;
    QTabWidget* tabs_;
    DatasetPanel* datasetPanel_;
    AnalysisSettingsPanel* settingsPanel_;
    ComparisonView* comparison_;
    PairDetailsDialog* pairDetails_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* step_ = nullptr;
    QAction* compareAction_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    bool interactive_ = true;
    QString lastError_;
    QString demoId_; // the demo dataset on screen, empty for the user's own files
};

} // namespace le::ui
