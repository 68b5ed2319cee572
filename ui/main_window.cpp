#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "ui/analysis_views.h"
#include "ui/dialogs/pair_details_dialog.h"
#include "ui/panels/analysis_settings_panel.h"
#include "ui/panels/dataset_panel.h"
#include "ui/recent_files.h"
#include "ui/resource_locator.h"
#include "ui/tasks/task_runner.h"
#include "ui/views/comparison_view.h"

namespace le::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), recent_(std::make_unique<RecentFiles>()), tasks_(new TaskRunner(this)),
      tabs_(new QTabWidget(this)),
      datasetPanel_(new DatasetPanel(this)), settingsPanel_(new AnalysisSettingsPanel(this)),
      comparison_(new ComparisonView(workspace_, this)) {
    setWindowTitle(tr("Latent Explorer"));
    setAcceptDrops(true);
    resize(1500, 900); // the default geometry (also that of --screenshot)
    tabs_->setDocumentMode(true);
    tabs_->addTab(comparison_, tr("Comparison"));
    setCentralWidget(tabs_);

    buildMenus();
    buildStatusBar();
    // The left column (Dataset | Analysis settings) runs the full height of the window and the
    // bottom docks (Outliers) sit under the tabs only: otherwise the Dataset panel's minimum
    // height (~650 px) leaves the Outliers dock a couple of rows at the default window size.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    addPanel(datasetPanel_, tr("Dataset"), Qt::LeftDockWidgetArea);
    auto* settingsScroll = new QScrollArea(this);
    settingsScroll->setWidget(settingsPanel_);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    addPanel(settingsScroll, tr("Analysis settings"), Qt::LeftDockWidgetArea);
    // Dataset and settings share the left column as tabs; the dataset comes first.
    const auto docks = findChildren<QDockWidget*>();
    if (docks.size() == 2) {
        tabifyDockWidget(docks[0], docks[1]);
        docks[0]->raise();
    }
    settingsPanel_->restore();

    connect(comparison_, &ComparisonView::pairActivated, this, [this] {
        PairDetailsDialog* details = pairDetails();
        details->refresh();
        details->show();
        details->raise();
    });
    connect(&workspace_, &Workspace::datasetChanged, this, [this] {
        tasks_->clearCache(); // cache keys refer to a dataset snapshot
    });
    installAnalysisViews(*this, workspace_);
}

MainWindow::~MainWindow() { tasks_->shutdown(); }

void MainWindow::addAnalysisView(QWidget* view, const QString& title) { tabs_->addTab(view, title); }

void MainWindow::addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName("dock-" + title);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    if (viewMenu_) viewMenu_->addAction(dock->toggleViewAction());
}

PairDetailsDialog* MainWindow::pairDetails() {
    if (!pairDetails_) pairDetails_ = new PairDetailsDialog(workspace_, this);
    return pairDetails_;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFilesToOpen);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    fillDemoMenu(file->addMenu(tr("Open &Demo")));
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save Workspace…"), this, &MainWindow::saveWorkspace);
    save->setShortcut(QKeySequence::Save);
    file->addSeparator();
    file->addAction(tr("Export &Figure…"), comparison_, &ComparisonView::exportFigure);
    file->addAction(tr("Export &Data…"), comparison_, &ComparisonView::exportData);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    compareAction_ = analysis->addAction(tr("&Compare"), this, &MainWindow::compare);
    compareAction_->setShortcut(Qt::CTRL | Qt::Key_R);
    compareAction_->setToolTip(tr("Compute GFRE, GFRD and LFRE between the ticked feature sets (Ctrl+R)"));
    analysis->addAction(tr("Ca&ncel"), this, &MainWindow::cancelTasks);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About this &demo"), this, &MainWindow::showAboutDemo);
    help->addAction(tr("&About Latent Explorer"), this, [this] {
        QMessageBox::about(this, tr("About Latent Explorer"),
                           tr("<b>Latent Explorer</b><br>Compares the per-atom latent features "
                              "of machine-learning interatomic potentials with GFRE, GFRD and "
                              "LFRE (scikit-matter definitions)."));
    });

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("toolbar-main");
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(open);
    toolbar->addSeparator();
    toolbar->addAction(compareAction_);
    if (QWidget* button = toolbar->widgetForAction(compareAction_)) {
        button->setObjectName("compareButton");
        button->setStyleSheet("QToolButton#compareButton { font-weight: bold; padding: 4px 18px;"
                              " background: #3b528b; color: white; border-radius: 4px; }"
                              "QToolButton#compareButton:disabled { background: #9a9ab0; }");
    }
    refreshRecentMenu();
}

void MainWindow::buildStatusBar() {
    step_ = new QLabel(tr("Ready"), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(260);
    progress_->setTextVisible(false);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, this, &MainWindow::cancelTasks);
    statusBar()->addWidget(step_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);

    connect(tasks_, &TaskRunner::busyChanged, this, [this](bool busy) {
        progress_->setVisible(busy);
        cancel_->setVisible(busy);
        if (!busy) progress_->setValue(0);
    });
    connect(tasks_, &TaskRunner::taskStarted, this, [this](int, const QString& title) {
        step_->setText(title);
        progress_->setValue(0);
    });
    connect(tasks_, &TaskRunner::progressChanged, this, [this](double fraction, const QString& message) {
        progress_->setValue(int(fraction * 1000));
        if (!message.isEmpty()) step_->setText(message);
    });
    connect(tasks_, &TaskRunner::taskCancelled, this, [this] { step_->setText(tr("Cancelled")); });
}

void MainWindow::cancelTasks() { tasks_->cancelAll(); }

void MainWindow::closeEvent(QCloseEvent* event) {
    // Stop the computation first: its results would arrive in a closing window.
    tasks_->shutdown();
    QSettings().setValue("window/state", saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    if (paths.isEmpty()) return;
    event->acceptProposedAction();
    openFiles(paths);
}

void MainWindow::reportError(const QString& title, const QString& message) {
    lastError_ = message;
    step_->setText(title + ": " + message);
    if (interactive_) QMessageBox::critical(this, title, message);
}

void MainWindow::fillDemoMenu(QMenu* menu) {
    const DemoCatalog catalog = demoCatalog();
    for (const DemoEntry& demo : catalog.entries) {
        const QString id = demo.id;
        QAction* action = menu->addAction(demo.title, this, [this, id] { openDemo(id); });
        action->setToolTip(demo.about);
    }
    menu->setToolTipsVisible(true);
    menu->setEnabled(!catalog.entries.isEmpty());
}

void MainWindow::showAboutDemo() {
    const DemoCatalog catalog = demoCatalog();
    const DemoEntry* demo = catalog.find(demoId_.isEmpty() ? catalog.defaultId : demoId_);
    QString text = demo ? QString("<h3>%1</h3><p>%2</p>")
                              .arg(demo->title.toHtmlEscaped(), demo->about.toHtmlEscaped())
                        : tr("No demo data is bundled with this build.");
    if (demo && demoId_.isEmpty())
        text += tr("<p><i>File › Open Demo opens this dataset and the other demo datasets.</i></p>");
    QMessageBox box(this);
    box.setWindowTitle(tr("About this demo"));
    box.setTextFormat(Qt::RichText);
    box.setText(text);
    box.exec();
}

} // namespace le::ui
