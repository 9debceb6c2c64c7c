#pragma once

#include <QObject>

class QMenu;

namespace filterscope {

class MainWindow;

// The Help menu (Getting Started, the user guide, About with the versions --version prints) and the
// View menu's Interface Language.
class HelpActions : public QObject {
    Q_OBJECT
public:
    HelpActions(MainWindow* window, QMenu* view);

private:
    void showGettingStarted();
    void showUserGuide(const QString& path);  // the Markdown guide in a window of the app
    void showAbout();

    MainWindow* window_;
};

}  // namespace filterscope
