#include "MainWindow.h"

#include "NoticeBar.h"
#include "RunStatusWidget.h"
#include "SelectionToolBar.h"
#include "charts/ChartsPanel.h"
#include "common/Error.h"
#include "export/FigureExport.h"
#include "session/ProbeSession.h"
#include "views/CompareView.h"
#include "views/HeadGridView.h"
#include "views/InputStripView.h"
#include "views/MapKindText.h"
#include "views/MapOverlayView.h"
#include "views/ProbePanel.h"
#include "views/QueryPanel.h"
#include "views/StageStripView.h"
#include "views/TimelinePanel.h"
#include "vtk/PointCloudView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace filterscope {
namespace {

const int kMaxRecent = 8;

}  // namespace

MainWindow::MainWindow(ProbeSession* session, QWidget* parent)
    : QMainWindow(parent),
      session_(session),
      central_(new QStackedWidget(this)),
      overlay_(new MapOverlayView(session, PanelSource::Primary, this)),
      compare_(new CompareView(session, this)),
      strip_(new StageStripView(session, this)),
      charts_(new ChartsPanel(session, this)),
      notice_(new NoticeBar(this)),
      statusLabel_(new QLabel(this)),
      hoverLabel_(new QLabel(this)) {
    setWindowTitle(tr("Filterscope"));
    setAcceptDrops(true);
    central_->addWidget(overlay_);
    central_->addWidget(compare_);
    // A point-cloud result is shown in 3D; images and video in the overlay. The OpenGL view is made only
    // when first needed, so image work never depends on a GL context (offscreen platforms have none).
    connect(session_, &ProbeSession::resultsChanged, this, [this] {
        if (compareMode())
            return;
        const auto r = session_->result(0);
        central_->setCurrentWidget(r && r->cloud.size() > 0 ? static_cast<QWidget*>(cloudView()) : overlay_);
    });
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(2);
    centreLayout->addWidget(notice_);
    centreLayout->addWidget(central_, 1);
    setCentralWidget(centre);
    connect(session_, &ProbeSession::resultsChanged, this, &MainWindow::skipFailedAutoSelection);
    addToolBar(Qt::TopToolBarArea, new SelectionToolBar(session_, this));
    createDocks();
    createActions();
    // The status takes what the hover read-out leaves: side by side, never drawn over one another; while
    // hovering, the status's end (cache size) is what gives way.
    statusLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(statusLabel_, 1);
    statusBar()->addWidget(hoverLabel_, 0);
    statusBar()->addPermanentWidget(new RunStatusWidget(session_, this));

    connect(session_, &ProbeSession::errorOccurred, this, &MainWindow::showError);
    for (auto signal : {&ProbeSession::resultsChanged, &ProbeSession::selectionChanged,
                        &ProbeSession::pluginsChanged, &ProbeSession::currentInputChanged})
        connect(session_, signal, this, &MainWindow::updateStatus);
    connect(session_, &ProbeSession::pluginsChanged, this, [this] {
        if (const auto p = session_->plugin(0))
            rememberPlugin(QString::fromStdString(p->manifest().directory));
    });
    for (MapOverlayView* v :
         {overlay_, compare_->primary(), compare_->comparison(), compare_->difference()}) {
        connect(v, &MapOverlayView::hoverTextChanged, hoverLabel_, &QLabel::setText);
        connect(v, &MapOverlayView::openPluginRequested, this, &MainWindow::openPluginInteractively);
    }
    restoreSettings();
    updateStatus();
}

void MainWindow::createDocks() {
    auto* stripDock = new QDockWidget(tr("Stages"), this);
    stripDock->setObjectName(QStringLiteral("stagesDock"));
    stripDock->setWidget(strip_);
    addDockWidget(Qt::BottomDockWidgetArea, stripDock);
    auto* timelineDock = new QDockWidget(tr("Timeline"), this);
    timelineDock->setObjectName(QStringLiteral("timelineDock"));
    timeline_ = new TimelinePanel(session_, this);
    timelineDock->setWidget(timeline_);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    // Side by side, not tabbed: with a clip, the stages of this frame and the timeline are both in view.
    splitDockWidget(stripDock, timelineDock, Qt::Horizontal);
    timelineDock->hide();
    // A video result shows its timeline; an image result has no time axis, and gives the room back.
    connect(session_, &ProbeSession::resultsChanged, this, [this, stripDock, timelineDock] {
        const bool video = session_->frameCount(0) > 1;
        if (video != lastResultWasVideo_) {
            timelineDock->setVisible(video);
            if (video)
                resizeDocks({stripDock, timelineDock}, {width() / 2, width() / 2}, Qt::Horizontal);
            if (video)
                resizeDocks({timelineDock}, {230}, Qt::Vertical);
        }
        lastResultWasVideo_ = video;
    });
    auto* chartsDock = new QDockWidget(tr("Charts"), this);
    chartsDock->setObjectName(QStringLiteral("chartsDock"));
    chartsDock->setWidget(charts_);
    addDockWidget(Qt::RightDockWidgetArea, chartsDock);
    auto* headsDock = new QDockWidget(tr("Heads"), this);
    headsDock->setObjectName(QStringLiteral("headsDock"));
    headGrid_ = new HeadGridPanel(session_, this);
    headsDock->setWidget(headGrid_);
    addDockWidget(Qt::RightDockWidgetArea, headsDock);
    tabifyDockWidget(chartsDock, headsDock);
    auto* queriesDock = new QDockWidget(tr("Queries"), this);
    queriesDock->setObjectName(QStringLiteral("queriesDock"));
    queryPanel_ = new QueryPanel(session_, this);
    queriesDock->setWidget(queryPanel_);
    addDockWidget(Qt::RightDockWidgetArea, queriesDock);
    tabifyDockWidget(headsDock, queriesDock);
    auto* probeDock = new QDockWidget(tr("Probe"), this);
    probeDock->setObjectName(QStringLiteral("probeDock"));
    probePanel_ = new ProbePanel(session_, this);
    probeDock->setWidget(probePanel_);
    addDockWidget(Qt::RightDockWidgetArea, probeDock);
    tabifyDockWidget(queriesDock, probeDock);
    chartsDock->raise();
    auto* inputsDock = new QDockWidget(tr("Inputs"), this);
    inputsDock->setObjectName(QStringLiteral("inputsDock"));
    inputsDock->setWidget(new InputStripView(session_, this));
    addDockWidget(Qt::LeftDockWidgetArea, inputsDock);
    resizeDocks({inputsDock, chartsDock}, {140, 470}, Qt::Horizontal);
    resizeDocks({stripDock}, {170}, Qt::Vertical);
}

void MainWindow::setCompareMode(bool on) {
    const auto r = session_->result(0);
    QWidget* single = r && r->cloud.size() > 0 ? static_cast<QWidget*>(cloudView()) : overlay_;
    central_->setCurrentWidget(on ? static_cast<QWidget*>(compare_) : single);
    if (compareAction_ && compareAction_->isChecked() != on)
        compareAction_->setChecked(on);
    updateStatus();
}

bool MainWindow::compareMode() const {
    return central_->currentWidget() == compare_;
}

QString MainWindow::exportCurrentView(const QString& path, int dpi) {
    try {
        if (cloudView_ && central_->currentWidget() == cloudView_) {
            // What is on screen: VTK's frame (points, camera and all), embedded losslessly in PDF and SVG.
            const QImage frame = cloudView_->grabFramebuffer();
            if (frame.isNull())
                return tr("%1: the 3D view has no frame to export").arg(path);
            exportFigure(
                path, cloudView_->size(),
                [frame](QPainter& p, const QSize& s) {
                    p.setRenderHint(QPainter::SmoothPixmapTransform);
                    p.drawImage(QRect(QPoint(), s), frame);
                },
                dpi);
        } else if (compareMode())
            exportFigure(
                path, compare_->size(), [this](QPainter& p, const QSize& s) { compare_->paintFigure(p, s); },
                dpi);
        else
            exportFigure(
                path, overlay_->size(), [this](QPainter& p, const QSize& s) { overlay_->paintFigure(p, s); },
                dpi);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString MainWindow::exportStageStrip(const QString& path, int dpi) {
    try {
        exportFigure(
            path, strip_->figureSize(), [this](QPainter& p, const QSize& s) { strip_->paintFigure(p, s); },
            dpi);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void MainWindow::exportViewInteractively(bool strip) {
    QSettings settings;
    const QString path =
        QFileDialog::getSaveFileName(this, strip ? tr("Export stage strip") : tr("Export view"),
                                     settings.value(QStringLiteral("export/last")).toString(),
                                     tr("PNG image (*.png);;SVG vector (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    int dpi = 300;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        bool ok = false;
        dpi =
            QInputDialog::getInt(this, tr("PNG resolution"), tr("Dots per inch:"),
                                 settings.value(QStringLiteral("export/dpi"), 300).toInt(), 72, 1200, 1, &ok);
        if (!ok)
            return;
        settings.setValue(QStringLiteral("export/dpi"), dpi);
    }
    settings.setValue(QStringLiteral("export/last"), path);
    const QString error = strip ? exportStageStrip(path, dpi) : exportCurrentView(path, dpi);
    if (error.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    else
        showError(error);
}

void MainWindow::showError(const QString& message) {
    // Plugins and exports only (an input's failure is shown in place). Window-modal and non-blocking: the
    // session (and any running job) carries on behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Filterscope"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::rememberPlugin(const QString& dir) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("plugins/recent")).toStringList();
    recent.removeAll(dir);
    recent.prepend(dir);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("plugins/recent"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    if (!recentMenu_)
        return;
    recentMenu_->clear();
    for (const QString& dir : QSettings().value(QStringLiteral("plugins/recent")).toStringList())
        recentMenu_->addAction(dir, this, [this, dir] { session_->loadPlugin(dir, 0); });
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

void MainWindow::updateStatus() {
    const auto plugin = session_->plugin(0);
    const auto result = session_->result(0);
    QString text = plugin ? QString::fromStdString(plugin->id()) : tr("no plugin");
    if (const auto cmp = session_->plugin(1))
        text += tr(" vs %1").arg(QString::fromStdString(cmp->id()));
    if (!session_->currentInput().isEmpty())
        text += QStringLiteral(" | ") + QFileInfo(session_->currentInput()).fileName();
    if (!result && !session_->inputError(0).isEmpty())
        text += tr(" | ⚠ failed: %1").arg(session_->inputError(0));
    // What the user must know about these numbers (damaged input data, fallbacks taken): said in place.
    QString notes;
    if (result)
        for (const std::string& n : result->notes)
            notes += QStringLiteral("\n⚠ ") + QString::fromStdString(n);
    if (result && !result->notes.empty())
        text += result->notes.size() == 1 ? tr(" | ⚠ 1 note, hover to read")
                                          : tr(" | ⚠ %1 notes, hover to read").arg(result->notes.size());
    if (result) {
        const ProbeSelection& sel = session_->selection();
        const auto [lo, hi] = session_->colourRange(0, sel.stage);
        text += tr(" | %1, %2 | range %3 to %4 | forward %5 ms on %6")
                    .arg(QString::fromStdString(sel.stage), mapKindText(sel.analysis))
                    .arg(lo, 0, 'g', 5)
                    .arg(hi, 0, 'g', 5)
                    .arg(result->forwardMs, 0, 'f', 1)
                    .arg(QString::fromStdString(plugin->deviceName()));
        text += tr(" | cache %1 of %2 MB")
                    .arg(session_->cachedBytes() / 1048576.0, 0, 'f', 1)
                    .arg(session_->cacheBudget() / 1048576.0, 0, 'f', 0);
    }
    statusLabel_->setText(text);
    // Which model file made these numbers: a plugin is code, and its hash is what a reader can cite.
    QString tip;
    for (int slot = 0; slot < ProbeSession::kSlots; ++slot)
        if (const auto p = session_->plugin(slot))
            tip += tr("%1: %2\nmodel file SHA-256 %3\n")
                       .arg(QString::fromStdString(p->id()), QString::fromStdString(p->manifest().modelFile),
                            QString::fromStdString(p->modelHash()));
    statusLabel_->setToolTip((tip + notes).trimmed());
}

void MainWindow::restoreSettings() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    session_->setColormap(
        s.value(QStringLiteral("view/colormap"), QStringLiteral("viridis")).toString().toStdString());
    session_->setAnalysis(
        static_cast<MapKind>(s.value(QStringLiteral("view/analysis"), int(MapKind::Activation)).toInt()));
    session_->setOpacity(s.value(QStringLiteral("view/opacity"), 0.6).toDouble());
    session_->setSharedScale(s.value(QStringLiteral("view/sharedScale"), false).toBool());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    const ProbeSelection& sel = session_->selection();
    s.setValue(QStringLiteral("view/colormap"), QString::fromStdString(sel.colormap));
    s.setValue(QStringLiteral("view/analysis"), static_cast<int>(sel.analysis));
    s.setValue(QStringLiteral("view/opacity"), sel.opacity);
    s.setValue(QStringLiteral("view/sharedScale"), sel.sharedScale);
    if (!session_->currentInput().isEmpty())
        s.setValue(QStringLiteral("inputs/last"), session_->currentInput());
    session_->cancel();
    autosave_.waitForFinished();    // one still hashing would otherwise write the file after its removal
    QFile::remove(autosavePath());  // a clean close: nothing to recover next time
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

PointCloudView* MainWindow::cloudView() {
    if (!cloudView_) {
        cloudView_ = new PointCloudView(session_, this);
        connect(cloudView_, &PointCloudView::hoverTextChanged, hoverLabel_, &QLabel::setText);
        central_->addWidget(cloudView_);
        cloudView_->refresh();
    }
    return cloudView_;
}

QString MainWindow::exportPointCloudView(const QString& path) {
    const QImage image = cloudView()->grabFramebuffer();
    if (image.isNull() || !image.save(path))
        return tr("%1: cannot write the 3D view").arg(path);
    return {};
}

}  // namespace filterscope
