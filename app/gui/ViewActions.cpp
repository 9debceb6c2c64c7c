#include "ViewActions.h"

#include "MainWindow.h"
#include "labels/MapKindText.h"
#include "plugin/MapAvailability.h"
#include "session/Workbench.h"
#include "views/CompareView.h"
#include "views/MapOverlayView.h"
#include "vtk/PointCloudView.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QMenu>
#include <QSettings>

namespace filterscope {

ViewActions::ViewActions(MainWindow* window, QMenu* view) : QObject(window), window_(window) {
    SelectionModel* selection = &window_->workbench()->selection();
    view->addAction(tr("&Next Stage"), QKeySequence(Qt::Key_PageDown), this,
                    [selection] { selection->stepStage(1); });
    view->addAction(tr("&Previous Stage"), QKeySequence(Qt::Key_PageUp), this,
                    [selection] { selection->stepStage(-1); });
    view->addSeparator();
    int key = Qt::Key_1;
    std::vector<std::pair<QAction*, MapKind>> kinds;
    for (MapKind k : {MapKind::Norm, MapKind::Activation, MapKind::Frequency, MapKind::Spectrum,
                      MapKind::Attention, MapKind::Query, MapKind::Rollout, MapKind::Relevance})
        kinds.emplace_back(view->addAction(mapKindText(k), QKeySequence(Qt::CTRL | Qt::Key(key++)), this,
                                           [selection, k] { selection->setAnalysis(k); }),
                           k);
    // A kind the plugin has at no stage is disabled, its shortcut with it (as in the Map combo).
    const WorkbenchDocument* document = &window_->workbench()->document();
    connect(document, &WorkbenchDocument::pluginsChanged, this, [document, kinds] {
        const auto plugin = document->plugin(0);
        for (const auto& [action, k] : kinds)
            action->setEnabled(!plugin || offersMap(*plugin, k));
    });
    view->addSeparator();
    view->addAction(tr("Next &Colormap"), QKeySequence(tr("Ctrl+M")), this, [selection] {
        static const char* cycle[] = {"viridis", "magma", "inferno", "turbo", "gray"};
        int i = 0;
        while (i < 5 && selection->state().colormap != cycle[i])
            ++i;
        selection->setColormap(cycle[(i + 1) % 5]);
    });
    addMemoryActions(view);
    QAction* shared = view->addAction(tr("&Shared Scale Across Stages"));
    shared->setShortcut(QKeySequence(tr("Ctrl+K")));
    shared->setCheckable(true);
    connect(shared, &QAction::toggled, selection, &SelectionModel::setSharedScale);
    connect(selection, &SelectionModel::appearanceChanged, shared,
            [selection, shared] { shared->setChecked(selection->state().sharedScale); });
    add3dActions(view);
    QAction* compare = view->addAction(tr("Co&mpare Mode"));
    compare->setShortcut(QKeySequence(tr("Ctrl+D")));
    compare->setCheckable(true);
    connect(compare, &QAction::toggled, window_, &MainWindow::setCompareMode);
    connect(window_, &MainWindow::compareModeChanged, compare, [compare](bool on) {
        if (compare->isChecked() != on)
            compare->setChecked(on);
    });
    view->addAction(tr("&Reset Zoom"), QKeySequence(tr("Ctrl+0")), this, [this] {
        window_->overlayView()->resetView();
        window_->compareView()->primary()->resetView();
    });
    view->addSeparator();
    for (QDockWidget* d : window_->findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());

    auto* cancel = new QAction(tr("Cancel Run"), window_);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(cancel, &QAction::triggered, &window_->workbench()->tasks(), &BackgroundTasks::cancelAll);
    window_->addAction(cancel);
}

void ViewActions::addMemoryActions(QMenu* view) {
    WorkbenchScheduler* scheduler = &window_->workbench()->scheduler();
    WorkbenchDocument* document = &window_->workbench()->document();
    QAction* half = view->addAction(tr("Keep Attention in &Float16"));
    half->setCheckable(true);
    half->setToolTip(
        tr("New results keep attn.* captures in float16: half the memory, ~3 significant digits"));
    connect(half, &QAction::toggled, this, [scheduler](bool on) {
        scheduler->setHalfAttention(on);
        QSettings().setValue(QStringLiteral("memory/halfAttention"), on);
    });
    half->setChecked(QSettings().value(QStringLiteral("memory/halfAttention"), false).toBool());
    // Results are cached up to a memory budget (default: a quarter of physical memory), oldest out first.
    const qulonglong budgetMb = QSettings().value(QStringLiteral("memory/cacheBudgetMB"), 0).toULongLong();
    if (budgetMb > 0)  // 0: the default
        document->setCacheBudget(static_cast<size_t>(budgetMb) << 20);
    view->addAction(tr("Result Cache &Budget…"), this, [this, document] {
        bool ok = false;
        const int mb = QInputDialog::getInt(
            window_, tr("Result cache budget"),
            tr("Memory for cached results, in MB (least recently used results are dropped first):"),
            static_cast<int>(document->cacheBudget() >> 20), 64, 1 << 30, 64, &ok);
        if (!ok)
            return;
        document->setCacheBudget(static_cast<size_t>(mb) << 20);
        QSettings().setValue(QStringLiteral("memory/cacheBudgetMB"), mb);
    });
}

void ViewActions::add3dActions(QMenu* view) {
    view->addAction(tr("Larger 3D Points"), QKeySequence(tr("Ctrl+]")), this, [this] {
        pointSize_ = std::min(20.0, pointSize_ + 1);
        window_->cloudView()->setPointSize(pointSize_);
    });
    view->addAction(tr("Smaller 3D Points"), QKeySequence(tr("Ctrl+[")), this, [this] {
        pointSize_ = std::max(1.0, pointSize_ - 1);
        window_->cloudView()->setPointSize(pointSize_);
    });
    view->addAction(tr("Reset 3D Camera"), this, [this] { window_->cloudView()->resetCamera(); });
}

}  // namespace filterscope
