#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "tasks/TaskSpec.h"

#include <functional>
#include <memory>

class QMenu;
class QTimer;

namespace filterscope {

class MainWindow;
struct SessionState;

// File > Open Session and Save Session As (core/session/SessionFile, plus the window's layout and compare
// mode), the autosave every minute while something changed, and the recovery of an autosave a crash left.
// Hashing a model of many gigabytes takes a while: saving and the check of a session's files run as
// background tasks on the files lane.
class SessionActions : public QObject {
    Q_OBJECT
public:
    SessionActions(MainWindow* window, QMenu* file);

    // Hashes and writes on the calling thread; an error or "".
    QString saveSession(const QString& path);
    // The same as a background task; `done` (an error or "") comes on the GUI thread.
    void saveSessionInBackground(const QString& path, std::function<void(const QString& error)> done);
    // Restores at once and checks the files' hashes as a task, naming changed ones in the notice when that
    // is done (checkFinished). An error (an unreadable or broken session file) or "".
    QString openSession(const QString& path);
    // Written every minute while something changed, removed on a clean close: one left at start means
    // the last run ended without closing, and the window offers to restore it.
    static QString autosavePath();
    void offerRecovery();
    // On close: waits for a running autosave (hashing: seconds at most), then removes the autosave file.
    void closeCleanly();

Q_SIGNALS:
    void checkFinished(const QStringList& changes);

private:
    struct Written;  // set by the task's body when the file is written (or failed to be)
    TaskId saveInBackground(const QString& path, std::function<void(const QString&)> done,
                            std::shared_ptr<Written> written);
    SessionState windowState() const;
    void autosave();

    MainWindow* window_;
    QTimer* timer_;
    bool dirty_ = false;
    bool autosaving_ = false;
    TaskId autosaveTask_ = 0;
    std::shared_ptr<Written> autosaveWritten_;
};

}  // namespace filterscope
