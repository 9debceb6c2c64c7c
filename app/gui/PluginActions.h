#pragma once

#include <QObject>
#include <QString>

class QMenu;

namespace filterscope {

class MainWindow;

// File > Open Plugin, Open Comparison Plugin and Recent Plugins: the dialogs open in the bundled plugins
// folder for a new user, later where the last plugin came from; the map views' "Open a plugin…"
// placeholders ask here too.
class PluginActions : public QObject {
    Q_OBJECT
public:
    PluginActions(MainWindow* window, QMenu* file);
    void openInteractively(int slot);

private:
    QString dialogFolder() const;
    void remember(const QString& dir);
    void rebuildRecent();

    MainWindow* window_;
    QMenu* recent_;
};

}  // namespace filterscope
