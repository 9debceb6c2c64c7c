// The main window's menus and shortcuts: what each action asks of the session or the window.
#include "MainWindow.h"
#include "VariantMenu.h"

#include "common/Error.h"
#include "common/InstallLayout.h"
#include "export/FigureExport.h"
#include "session/ProbeSession.h"
#include "views/CompareView.h"
#include "views/MapKindText.h"
#include "views/MapOverlayView.h"
#include "vtk/PointCloudView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace filterscope {

void MainWindow::openPluginInteractively(int slot) {
    // The bundled plugins are where a new user starts; later, where the last plugin came from.
    const QString dir = QFileDialog::getExistingDirectory(
        this, slot == 0 ? tr("Open plugin folder") : tr("Open comparison plugin folder"),
        pluginDialogFolder());
    if (dir.isEmpty())
        return;
    session_->loadPlugin(dir, slot);
    if (slot == 1)
        setCompareMode(true);
}

QString MainWindow::pluginDialogFolder() const {
    const QStringList recent = QSettings().value(QStringLiteral("plugins/recent")).toStringList();
    if (!recent.isEmpty())
        return QFileInfo(recent.front()).absolutePath();
    return installlayout::bundledPluginsDir();
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &Plugin…"), QKeySequence(tr("Ctrl+P")), this,
                    [this] { openPluginInteractively(0); });
    file->addAction(tr("Open &Comparison Plugin…"), this, [this] { openPluginInteractively(1); });
    recentMenu_ = file->addMenu(tr("&Recent Plugins"));
    file->addSeparator();
    file->addAction(tr("Open &Inputs (Images, Videos, Point Clouds)…"), QKeySequence::Open, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Open inputs"), QString(),
            tr("Images, videos and point clouds (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.mp4 *.avi "
               "*.mkv *.webm *.mov *.gif *.ply *.pcd *.xyz *.txt *.npy);;Images (*.png *.jpg *.jpeg *.bmp "
               "*.tif "
               "*.tiff *.webp);;Videos (*.mp4 *.avi *.mkv *.webm *.mov *.gif);;Point clouds (*.ply *.pcd "
               "*.xyz "
               "*.txt *.npy)"));
        if (!files.isEmpty())
            openPaths(files);
    });
    file->addAction(tr("Open Input &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open input folder"));
        if (!dir.isEmpty())
            openImageFolder(dir);
    });
    file->addSeparator();
    createSessionActions(file);
    file->addSeparator();
    file->addAction(tr("&Export View…"), QKeySequence(tr("Ctrl+E")), this,
                    [this] { exportViewInteractively(false); });
    file->addAction(tr("Export &Stage Strip Figure…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                    [this] { exportViewInteractively(true); });
    file->addAction(tr("C&opy View"), QKeySequence::Copy, this, [this] {
        const QWidget* w = central_->currentWidget();
        if (cloudView_ && w == cloudView_) {  // the 3D view's own frame: QPainter cannot draw VTK's points
            QApplication::clipboard()->setImage(cloudView_->grabFramebuffer());
            statusBar()->showMessage(tr("View copied to the clipboard"), 3000);
            return;
        }
        QApplication::clipboard()->setImage(renderFigure(
            w->size(),
            [this](QPainter& p, const QSize& s) {
                if (compareMode())
                    compare_->paintFigure(p, s);
                else
                    overlay_->paintFigure(p, s);
            },
            192));
        statusBar()->showMessage(tr("View copied to the clipboard"), 3000);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    menuBar()->addMenu(new VariantMenu(
        session_, [this] { setCompareMode(true); }, this));
    view->addAction(tr("&Next Stage"), QKeySequence(Qt::Key_PageDown), this,
                    [this] { session_->stepStage(1); });
    view->addAction(tr("&Previous Stage"), QKeySequence(Qt::Key_PageUp), this,
                    [this] { session_->stepStage(-1); });
    view->addSeparator();
    int key = Qt::Key_1;
    for (MapKind k : {MapKind::Norm, MapKind::Activation, MapKind::Frequency, MapKind::Spectrum,
                      MapKind::Attention, MapKind::Query, MapKind::Rollout, MapKind::Relevance})
        view->addAction(mapKindText(k), QKeySequence(Qt::CTRL | Qt::Key(key++)), this,
                        [this, k] { session_->setAnalysis(k); });
    view->addSeparator();
    view->addAction(tr("Next &Colormap"), QKeySequence(tr("Ctrl+M")), this, [this] {
        static const char* cycle[] = {"viridis", "magma", "inferno", "turbo", "gray"};
        int i = 0;
        while (i < 5 && session_->selection().colormap != cycle[i])
            ++i;
        session_->setColormap(cycle[(i + 1) % 5]);
    });
    QAction* half = view->addAction(tr("Keep Attention in &Float16"));
    half->setCheckable(true);
    half->setToolTip(
        tr("New results keep attn.* captures in float16: half the memory, ~3 significant digits"));
    connect(half, &QAction::toggled, this, [this](bool on) {
        session_->setHalfAttention(on);
        QSettings().setValue(QStringLiteral("memory/halfAttention"), on);
    });
    half->setChecked(QSettings().value(QStringLiteral("memory/halfAttention"), false).toBool());
    // Results are cached up to a memory budget (default: a quarter of physical memory), oldest out first.
    const qulonglong budgetMb =
        QSettings().value(QStringLiteral("memory/cacheBudgetMB"), 0).toULongLong();  // 0: the default
    if (budgetMb > 0)
        session_->setCacheBudget(static_cast<size_t>(budgetMb) << 20);
    view->addAction(tr("Result Cache &Budget…"), this, [this] {
        bool ok = false;
        const int mb = QInputDialog::getInt(
            this, tr("Result cache budget"),
            tr("Memory for cached results, in MB (least recently used results are dropped first):"),
            static_cast<int>(session_->cacheBudget() >> 20), 64, 1 << 30, 64, &ok);
        if (!ok)
            return;
        session_->setCacheBudget(static_cast<size_t>(mb) << 20);
        QSettings().setValue(QStringLiteral("memory/cacheBudgetMB"), mb);
    });
    QAction* shared = view->addAction(tr("&Shared Scale Across Stages"));
    shared->setShortcut(QKeySequence(tr("Ctrl+K")));
    shared->setCheckable(true);
    connect(shared, &QAction::toggled, session_, &ProbeSession::setSharedScale);
    connect(session_, &ProbeSession::selectionChanged, shared,
            [this, shared] { shared->setChecked(session_->selection().sharedScale); });
    view->addAction(tr("Larger 3D Points"), QKeySequence(tr("Ctrl+]")), this, [this] {
        pointSize_ = std::min(20.0, pointSize_ + 1);
        cloudView()->setPointSize(pointSize_);
    });
    view->addAction(tr("Smaller 3D Points"), QKeySequence(tr("Ctrl+[")), this, [this] {
        pointSize_ = std::max(1.0, pointSize_ - 1);
        cloudView()->setPointSize(pointSize_);
    });
    view->addAction(tr("Reset 3D Camera"), this, [this] { cloudView()->resetCamera(); });
    compareAction_ = view->addAction(tr("Co&mpare Mode"));
    compareAction_->setShortcut(QKeySequence(tr("Ctrl+D")));
    compareAction_->setCheckable(true);
    connect(compareAction_, &QAction::toggled, this, &MainWindow::setCompareMode);
    view->addAction(tr("&Reset Zoom"), QKeySequence(tr("Ctrl+0")), this, [this] {
        overlay_->resetView();
        compare_->primary()->resetView();
    });
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());

    auto* cancel = new QAction(tr("Cancel Run"), this);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(cancel, &QAction::triggered, session_, &ProbeSession::cancel);
    addAction(cancel);
    createHelpMenu(view);
    rebuildRecentMenu();
}

}  // namespace filterscope
