#include "SessionActions.h"

#include "MainWindow.h"
#include "NoticeBar.h"
#include "session/SessionSnapshot.h"
#include "session/Workbench.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace filterscope {
namespace {

QString fingerprintAndWrite(SessionState state, const QString& path) {
    try {
        fingerprintSession(state);
        QDir().mkpath(QFileInfo(path).absolutePath());
        writeSessionFile(path, state);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString lastFolder() {
    const QString last = QSettings().value(QStringLiteral("sessions/last")).toString();
    return last.isEmpty() ? QDir::homePath() : QFileInfo(last).absolutePath();
}

}  // namespace

QString SessionActions::autosavePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .absoluteFilePath(QStringLiteral("autosave.fsession"));
}

SessionActions::SessionActions(MainWindow* window, QMenu* file)
    : QObject(window), window_(window), timer_(new QTimer(this)) {
    QAction* open = file->addAction(tr("Open &Session…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(window_, tr("Open session"), lastFolder(),
                                                          tr("Filterscope sessions (*.fsession *.json)"));
        if (path.isEmpty())
            return;
        const QString error = openSession(path);
        if (!error.isEmpty())
            window_->noticeBar()->showNotice(error);
    });
    open->setStatusTip(tr("Reopen saved plugins, inputs, selections and layout"));
    QAction* save = file->addAction(tr("Save Session &As…"), QKeySequence::SaveAs, this, [this] {
        QString path = QFileDialog::getSaveFileName(window_, tr("Save session"), lastFolder(),
                                                    tr("Filterscope sessions (*.fsession)"));
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".fsession");
        window_->statusBar()->showMessage(tr("Saving the session (hashing plugin and input files)…"));
        saveSessionInBackground(path, [this, path](const QString& error) {
            if (!error.isEmpty()) {
                window_->statusBar()->clearMessage();
                window_->noticeBar()->showNotice(error);
                return;
            }
            QSettings().setValue(QStringLiteral("sessions/last"), QFileInfo(path).absoluteFilePath());
            window_->statusBar()->showMessage(tr("Session saved to %1").arg(path), 5000);
        });
    });
    save->setStatusTip(tr("Save plugins (with file hashes), inputs, selections and layout to a JSON file"));

    timer_->setInterval(60 * 1000);
    connect(timer_, &QTimer::timeout, this, &SessionActions::autosave);
    timer_->start();
    Workbench* wb = window_->workbench();
    const auto dirty = [this] { dirty_ = true; };
    connect(&wb->selection(), &SelectionModel::changed, this, dirty);
    connect(&wb->document(), &WorkbenchDocument::pluginsChanged, this, dirty);
    connect(&wb->document(), &WorkbenchDocument::inputsChanged, this, dirty);
    connect(&wb->document(), &WorkbenchDocument::currentInputChanged, this, dirty);
}

SessionState SessionActions::windowState() const {
    SessionState state = snapshotSession(*window_->workbench());
    state.compareMode = window_->compareMode();
    state.windowState = window_->saveState();
    state.windowGeometry = window_->saveGeometry();
    return state;
}

QString SessionActions::saveSession(const QString& path) {
    return fingerprintAndWrite(windowState(), path);
}

struct SessionActions::Written {
    std::mutex mutex;
    std::condition_variable changed;
    bool done = false;
    void set() {
        std::lock_guard<std::mutex> lock(mutex);
        done = true;
        changed.notify_all();
    }
};

void SessionActions::saveSessionInBackground(const QString& path, std::function<void(const QString&)> done) {
    saveInBackground(path, std::move(done), std::make_shared<Written>());
}

TaskId SessionActions::saveInBackground(const QString& path, std::function<void(const QString&)> done,
                                        std::shared_ptr<Written> written) {
    auto state = std::make_shared<SessionState>(windowState());
    auto error = std::make_shared<QString>();
    TaskSpec spec;
    spec.title = "saving the session to " + path.toStdString();
    spec.lane = TaskLane::Files;
    spec.priority = TaskPriority::Asked;
    spec.run = [state, path, error, written](ProgressSink& sink) {
        sink.report(0, 1, "hashing the session's files for " + path.toStdString());
        *error = fingerprintAndWrite(*state, path);
        written->set();
    };
    QPointer<SessionActions> self(this);  // `done` reaches into the window, which may be gone
    spec.finished = [self, done = std::move(done), error, path](const TaskOutcome& out) {
        if (self)
            done(out.cancelled ? tr("%1: the session was not saved (cancelled)").arg(path) : *error);
    };
    return window_->workbench()->tasks().submit(std::move(spec));
}

QString SessionActions::openSession(const QString& path) {
    SessionState state;
    try {
        state = readSessionFile(path);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    window_->restoreGeometry(state.windowGeometry);
    window_->restoreState(state.windowState);
    restoreSession(*window_->workbench(), state);
    window_->setCompareMode(state.compareMode);
    auto changes = std::make_shared<QStringList>();
    TaskSpec spec;
    spec.title = "checking the files of " + path.toStdString();
    spec.lane = TaskLane::Files;
    spec.run = [changes, state](ProgressSink& sink) {
        sink.report(0, 1, "checking the session's files");
        *changes = sessionChanges(state);
    };
    QPointer<SessionActions> self(this);
    spec.finished = [self, changes, path](const TaskOutcome&) {
        if (!self)
            return;
        if (!changes->isEmpty())
            self->window_->noticeBar()->showNotice(
                tr("%1: the session was opened, but %n file(s) differ from when it was saved, "
                   "so its numbers may differ: %2",
                   nullptr, changes->size())
                    .arg(QFileInfo(path).fileName(), changes->join(QStringLiteral("; "))));
        Q_EMIT self->checkFinished(*changes);
    };
    window_->workbench()->tasks().submit(std::move(spec));
    QSettings().setValue(QStringLiteral("sessions/last"), QFileInfo(path).absoluteFilePath());
    return {};
}

void SessionActions::autosave() {
    if (!dirty_ || !window_->workbench()->document().plugin(0) || autosaving_)
        return;
    autosaving_ = true;
    dirty_ = false;  // a change while this save runs marks it again
    QPointer<SessionActions> self(this);
    autosaveWritten_ = std::make_shared<Written>();
    autosaveTask_ = saveInBackground(
        autosavePath(),
        [self](const QString& error) {
            if (!self)
                return;
            self->autosaving_ = false;
            if (!error.isEmpty())
                self->dirty_ = true;  // try again next minute
        },
        autosaveWritten_);
}

void SessionActions::closeCleanly() {
    timer_->stop();
    // One still hashing would otherwise write the file after its removal: wait for it (one not started
    // yet was dropped by the close's cancel).
    const auto running = [this] {
        for (const TaskInfo& t : window_->workbench()->tasks().tasks())
            if (t.id == autosaveTask_)
                return true;
        return false;
    };
    if (autosaving_) {
        std::unique_lock<std::mutex> lock(autosaveWritten_->mutex);
        while (!autosaveWritten_->done && running())
            autosaveWritten_->changed.wait_for(lock, std::chrono::milliseconds(100));
    }
    QFile::remove(autosavePath());  // a clean close: nothing to recover next time
}

void SessionActions::offerRecovery() {
    const QString path = autosavePath();
    if (!QFileInfo::exists(path))
        return;
    // Kept aside: this run's own autosave must not overwrite what the user may still want back.
    const QString kept = QFileInfo(path).absolutePath() + QStringLiteral("/recovered.fsession");
    QFile::remove(kept);
    QFile::rename(path, kept);
    window_->noticeBar()->showNotice(
        tr("Filterscope did not close normally last time. Its autosaved session (%1) can be restored.")
            .arg(QLocale().toString(QFileInfo(kept).lastModified(), QLocale::ShortFormat)),
        tr("Restore Session"), [this, kept] {
            const QString error = openSession(kept);
            if (!error.isEmpty())
                window_->noticeBar()->showNotice(error);
        });
}

}  // namespace filterscope
