#pragma once

#include <QObject>

class QMenu;

namespace filterscope {

class MainWindow;

// The View menu and the window's shortcuts: stepping through stages, the map kinds (Ctrl+1…8), the next
// colormap, float16 attention, the result cache's budget, one colour scale across stages, the 3D view's
// points and camera, compare mode, zoom, the docks, and Esc to cancel every background task.
class ViewActions : public QObject {
    Q_OBJECT
public:
    ViewActions(MainWindow* window, QMenu* view);

private:
    void addMemoryActions(QMenu* view);
    void add3dActions(QMenu* view);

    MainWindow* window_;
    double pointSize_ = 5.0;
};

}  // namespace filterscope
