#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace filterscope {

class MainWindow;
struct InputFolderListing;

// File > Open Inputs and Open Input Folder, and the paths dropped or given on the command line. A folder
// is listed as a background task (reading every file's signature takes a while for tens of thousands) and
// said once in the notice: what it opened, found unreadable and skipped. An input chosen for the user that
// fails makes way for the next one that does not; one the user picks stays, failed or not.
class InputActions : public QObject {
    Q_OBJECT
public:
    InputActions(MainWindow* window, QMenu* file);

    // Plugin folders load as the primary plugin, input files open, input folders are listed.
    void openPaths(const QStringList& paths);
    // Adds the folder's readable inputs of the plugin's kind and selects the first that does not fail.
    void openFolder(const QString& folder);

private:
    void addListedFolder(const QString& folder, const InputFolderListing& listing);
    void skipFailedAutoSelection();

    MainWindow* window_;
    QString autoSelected_;  // an input chosen for the user: if it fails, the next one is chosen instead
};

}  // namespace filterscope
