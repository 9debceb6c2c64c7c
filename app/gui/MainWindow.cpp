#include "MainWindow.h"

#include "ExportActions.h"
#include "HelpActions.h"
#include "InputActions.h"
#include "NoticeBar.h"
#include "PluginActions.h"
#include "RunStatusWidget.h"
#include "SelectionToolBar.h"
#include "SessionActions.h"
#include "VariantMenu.h"
#include "ViewActions.h"
#include "WorkbenchStatusLabel.h"
#include "charts/ChartsPanel.h"
#include "session/Workbench.h"
#include "views/CompareView.h"
#include "views/DatasetProbePanel.h"
#include "views/HeadGridView.h"
#include "views/InputStripView.h"
#include "views/MapOverlayView.h"
#include "views/QueryPanel.h"
#include "views/StageStripView.h"
#include "views/TimelinePanel.h"
#include "vtk/PointCloudView.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace filterscope {

MainWindow::MainWindow(Workbench* workbench, QWidget* parent)
    : QMainWindow(parent),
      workbench_(workbench),
      central_(new QStackedWidget(this)),
      overlay_(new MapOverlayView(workbench, PanelSource::Primary, this)),
      compare_(new CompareView(workbench, this)),
      strip_(new StageStripView(workbench, this)),
      charts_(new ChartsPanel(workbench, this)),
      notice_(new NoticeBar(this)),
      hoverLabel_(new QLabel(this)) {
    setWindowTitle(tr("Filterscope"));
    setAcceptDrops(true);
    central_->addWidget(overlay_);
    central_->addWidget(compare_);
    // A point-cloud result is shown in 3D; images and video in the overlay. The OpenGL view is made only
    // when first needed, so image work never depends on a GL context (offscreen platforms have none).
    connect(&workbench_->document(), &WorkbenchDocument::resultsChanged, this, [this] {
        if (!compareMode())
            showCentralFor();
    });
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(2);
    centreLayout->addWidget(notice_);
    centreLayout->addWidget(central_, 1);
    setCentralWidget(centre);
    addToolBar(Qt::TopToolBarArea, new SelectionToolBar(workbench_, this));
    createDocks();

    // The menus: each an actions object; the window only wires them.
    QMenu* file = menuBar()->addMenu(tr("&File"));
    new PluginActions(this, file);
    file->addSeparator();
    inputs_ = new InputActions(this, file);
    file->addSeparator();
    sessions_ = new SessionActions(this, file);
    file->addSeparator();
    exports_ = new ExportActions(this, file);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    menuBar()->addMenu(new VariantMenu(
        workbench_, [this] { setCompareMode(true); }, this));
    new ViewActions(this, view);
    new HelpActions(this, view);

    // The status takes what the hover read-out leaves: side by side, never drawn over one another; while
    // hovering, the status's end (cache size) is what gives way.
    statusBar()->addWidget(new WorkbenchStatusLabel(workbench_, this), 1);
    statusBar()->addWidget(hoverLabel_, 0);
    statusBar()->addPermanentWidget(new RunStatusWidget(&workbench_->tasks(), this));
    connect(&workbench_->document(), &WorkbenchDocument::errorOccurred, this, &MainWindow::showError);
    for (MapOverlayView* v : {overlay_, compare_->primary(), compare_->comparison(), compare_->difference()})
        connect(v, &MapOverlayView::hoverTextChanged, hoverLabel_, &QLabel::setText);
    restoreSettings();
}

void MainWindow::createDocks() {
    auto dock = [this](const QString& title, const char* name, QWidget* content, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(QLatin1String(name));
        d->setWidget(content);
        addDockWidget(area, d);
        return d;
    };
    QDockWidget* stripDock = dock(tr("Stages"), "stagesDock", strip_, Qt::BottomDockWidgetArea);
    timeline_ = new TimelinePanel(workbench_, this);
    QDockWidget* timelineDock = dock(tr("Timeline"), "timelineDock", timeline_, Qt::BottomDockWidgetArea);
    // Side by side, not tabbed: with a clip, the stages of this frame and the timeline are both in view.
    splitDockWidget(stripDock, timelineDock, Qt::Horizontal);
    timelineDock->hide();
    // A video result shows its timeline; an image result has no time axis, and gives the room back.
    connect(&workbench_->document(), &WorkbenchDocument::resultsChanged, this,
            [this, stripDock, timelineDock] {
                const bool video = workbench_->maps().frameCount(0) > 1;
                if (video != lastResultWasVideo_) {
                    timelineDock->setVisible(video);
                    if (video) {
                        resizeDocks({stripDock, timelineDock}, {width() / 2, width() / 2}, Qt::Horizontal);
                        resizeDocks({timelineDock}, {230}, Qt::Vertical);
                    }
                }
                lastResultWasVideo_ = video;
            });
    QDockWidget* chartsDock = dock(tr("Charts"), "chartsDock", charts_, Qt::RightDockWidgetArea);
    headGrid_ = new HeadGridPanel(workbench_, this);
    QDockWidget* headsDock = dock(tr("Heads"), "headsDock", headGrid_, Qt::RightDockWidgetArea);
    tabifyDockWidget(chartsDock, headsDock);
    queryPanel_ = new QueryPanel(workbench_, this);
    QDockWidget* queriesDock = dock(tr("Queries"), "queriesDock", queryPanel_, Qt::RightDockWidgetArea);
    tabifyDockWidget(headsDock, queriesDock);
    probePanel_ = new DatasetProbePanel(workbench_, this);
    // Scrolled: its form is taller than a 1280×800 screen leaves the dock, and a dock's minimum height
    // would push the window (and its status bar) below the screen.
    auto* probeScroll = new QScrollArea(this);
    probeScroll->setWidget(probePanel_);
    probeScroll->setWidgetResizable(true);
    probeScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget* probeDock = dock(tr("Probe"), "probeDock", probeScroll, Qt::RightDockWidgetArea);
    tabifyDockWidget(queriesDock, probeDock);
    chartsDock->raise();
    QDockWidget* inputsDock =
        dock(tr("Inputs"), "inputsDock", new InputStripView(workbench_, this), Qt::LeftDockWidgetArea);
    resizeDocks({inputsDock, chartsDock}, {140, 470}, Qt::Horizontal);
    resizeDocks({stripDock}, {170}, Qt::Vertical);
}

QString MainWindow::notice() const {
    return notice_->text();
}

void MainWindow::openPaths(const QStringList& paths) {
    inputs_->openPaths(paths);
}

void MainWindow::showCentralFor() {
    const auto r = workbench_->document().result(0);
    central_->setCurrentWidget(r && r->cloud.size() > 0 ? static_cast<QWidget*>(cloudView()) : overlay_);
}

void MainWindow::setCompareMode(bool on) {
    if (on)
        central_->setCurrentWidget(compare_);
    else
        showCentralFor();
    Q_EMIT compareModeChanged(on);
}

bool MainWindow::compareMode() const {
    return central_->currentWidget() == compare_;
}

bool MainWindow::showsCloudView() const {
    return cloudView_ && central_->currentWidget() == cloudView_;
}

PointCloudView* MainWindow::cloudView() {
    if (!cloudView_) {
        cloudView_ = new PointCloudView(workbench_, this);
        connect(cloudView_, &PointCloudView::hoverTextChanged, hoverLabel_, &QLabel::setText);
        central_->addWidget(cloudView_);
        cloudView_->refresh();
    }
    return cloudView_;
}

void MainWindow::showError(const QString& message) {
    // The session (and any running task) carries on behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Filterscope"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::restoreSettings() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    SelectionModel& sel = workbench_->selection();
    sel.setColormap(
        s.value(QStringLiteral("view/colormap"), QStringLiteral("viridis")).toString().toStdString());
    sel.setAnalysis(
        static_cast<MapKind>(s.value(QStringLiteral("view/analysis"), int(MapKind::Activation)).toInt()));
    sel.setOpacity(s.value(QStringLiteral("view/opacity"), 0.6).toDouble());
    sel.setSharedScale(s.value(QStringLiteral("view/sharedScale"), false).toBool());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    const ViewSelection& sel = workbench_->selection().state();
    s.setValue(QStringLiteral("view/colormap"), QString::fromStdString(sel.colormap));
    s.setValue(QStringLiteral("view/analysis"), static_cast<int>(sel.analysis));
    s.setValue(QStringLiteral("view/opacity"), sel.opacity);
    s.setValue(QStringLiteral("view/sharedScale"), sel.sharedScale);
    if (!workbench_->document().currentInput().isEmpty())
        s.setValue(QStringLiteral("inputs/last"), workbench_->document().currentInput());
    workbench_->scheduler().cancel();
    sessions_->closeCleanly();  // waits for a running autosave, then removes the autosave file
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList paths;
    for (const QUrl& url : e->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    openPaths(paths);
    e->acceptProposedAction();
}

}  // namespace filterscope
