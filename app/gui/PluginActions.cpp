#include "PluginActions.h"

#include "MainWindow.h"
#include "common/InstallLayout.h"
#include "session/Workbench.h"
#include "views/CompareView.h"
#include "views/MapOverlayView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace filterscope {
namespace {

const int kMaxRecent = 8;

}  // namespace

PluginActions::PluginActions(MainWindow* window, QMenu* file) : QObject(window), window_(window) {
    file->addAction(tr("Open &Plugin…"), QKeySequence(tr("Ctrl+P")), this, [this] { openInteractively(0); });
    file->addAction(tr("Open &Comparison Plugin…"), this, [this] { openInteractively(1); });
    recent_ = file->addMenu(tr("&Recent Plugins"));
    Workbench* wb = window_->workbench();
    connect(&wb->document(), &WorkbenchDocument::pluginsChanged, this, [this, wb] {
        if (const auto p = wb->document().plugin(0))
            remember(QString::fromStdString(p->manifest().directory));
    });
    CompareView* compare = window_->compareView();
    for (MapOverlayView* v :
         {window_->overlayView(), compare->primary(), compare->comparison(), compare->difference()})
        connect(v, &MapOverlayView::openPluginRequested, this, &PluginActions::openInteractively);
    rebuildRecent();
}

void PluginActions::openInteractively(int slot) {
    const QString dir = QFileDialog::getExistingDirectory(
        window_, slot == 0 ? tr("Open plugin folder") : tr("Open comparison plugin folder"), dialogFolder());
    if (dir.isEmpty())
        return;
    window_->workbench()->scheduler().loadPlugin(dir, slot);
    if (slot == 1)
        window_->setCompareMode(true);
}

QString PluginActions::dialogFolder() const {
    const QStringList recent = QSettings().value(QStringLiteral("plugins/recent")).toStringList();
    if (!recent.isEmpty())
        return QFileInfo(recent.front()).absolutePath();
    return installlayout::bundledPluginsDir();
}

void PluginActions::remember(const QString& dir) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("plugins/recent")).toStringList();
    recent.removeAll(dir);
    recent.prepend(dir);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("plugins/recent"), recent);
    rebuildRecent();
}

void PluginActions::rebuildRecent() {
    recent_->clear();
    for (const QString& dir : QSettings().value(QStringLiteral("plugins/recent")).toStringList())
        recent_->addAction(dir, this, [this, dir] { window_->workbench()->scheduler().loadPlugin(dir, 0); });
    recent_->setEnabled(!recent_->isEmpty());
}

}  // namespace filterscope
