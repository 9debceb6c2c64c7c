// File > Save Session / Open Session, autosave and recovery after a crash.
#include "MainWindow.h"
#include "NoticeBar.h"
#include "common/Error.h"
#include "session/ProbeSession.h"
#include "session/SessionSnapshot.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace filterscope {

QString MainWindow::autosavePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .absoluteFilePath(QStringLiteral("autosave.fsession"));
}

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

}  // namespace

QString MainWindow::saveSession(const QString& path) {
    SessionState state = snapshotSession(*session_);
    state.compareMode = compareMode();
    state.windowState = saveState();
    state.windowGeometry = saveGeometry();
    return fingerprintAndWrite(std::move(state), path);
}

QFuture<QString> MainWindow::saveSessionInBackground(const QString& path,
                                                     std::function<void(const QString&)> done) {
    SessionState state = snapshotSession(*session_);
    state.compareMode = compareMode();
    state.windowState = saveState();
    state.windowGeometry = saveGeometry();
    // A model of many gigabytes takes a while to hash the first time: never on the GUI thread.
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    QFuture<QString> future = QtConcurrent::run(fingerprintAndWrite, std::move(state), path);
    watcher->setFuture(future);
    return future;
}

QString MainWindow::openSession(const QString& path) {
    SessionState state;
    try {
        state = readSessionFile(path);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    restoreGeometry(state.windowGeometry);
    restoreState(state.windowState);
    restoreSession(*session_, state);
    setCompareMode(state.compareMode);
    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher, path] {
        const QStringList changes = watcher->result();
        watcher->deleteLater();
        if (!changes.isEmpty())
            notice_->showNotice(
                tr("%1: the session was opened, but %n file(s) differ from when it was saved, "
                   "so its numbers may differ: %2",
                   nullptr, changes.size())
                    .arg(QFileInfo(path).fileName(), changes.join(QStringLiteral("; "))));
        Q_EMIT sessionCheckFinished(changes);
    });
    watcher->setFuture(QtConcurrent::run(sessionChanges, state));
    QSettings().setValue(QStringLiteral("sessions/last"), QFileInfo(path).absoluteFilePath());
    return {};
}

void MainWindow::createSessionActions(QMenu* file) {
    const auto folder = [] {
        const QString last = QSettings().value(QStringLiteral("sessions/last")).toString();
        return last.isEmpty() ? QDir::homePath() : QFileInfo(last).absolutePath();
    };
    QAction* open = file->addAction(tr("Open &Session…"), this, [this, folder] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), folder(),
                                                          tr("Filterscope sessions (*.fsession *.json)"));
        if (path.isEmpty())
            return;
        const QString error = openSession(path);
        if (!error.isEmpty())
            notice_->showNotice(error);
    });
    open->setStatusTip(tr("Reopen saved plugins, inputs, selections and layout"));
    QAction* save = file->addAction(tr("Save Session &As…"), QKeySequence::SaveAs, this, [this, folder] {
        QString path = QFileDialog::getSaveFileName(this, tr("Save session"), folder(),
                                                    tr("Filterscope sessions (*.fsession)"));
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".fsession");
        statusBar()->showMessage(tr("Saving the session (hashing plugin and input files)…"));
        saveSessionInBackground(path, [this, path](const QString& error) {
            if (!error.isEmpty()) {
                statusBar()->clearMessage();
                notice_->showNotice(error);
                return;
            }
            QSettings().setValue(QStringLiteral("sessions/last"), QFileInfo(path).absoluteFilePath());
            statusBar()->showMessage(tr("Session saved to %1").arg(path), 5000);
        });
    });
    save->setStatusTip(tr("Save plugins (with file hashes), inputs, selections and layout to a JSON file"));

    autosaveTimer_ = new QTimer(this);
    autosaveTimer_->setInterval(60 * 1000);
    connect(autosaveTimer_, &QTimer::timeout, this, &MainWindow::autosave);
    autosaveTimer_->start();
    const auto dirty = [this] { sessionDirty_ = true; };
    connect(session_, &ProbeSession::selectionChanged, this, dirty);
    connect(session_, &ProbeSession::pluginsChanged, this, dirty);
    connect(session_, &ProbeSession::inputsChanged, this, dirty);
    connect(session_, &ProbeSession::currentInputChanged, this, dirty);
}

void MainWindow::autosave() {
    if (!sessionDirty_ || !session_->plugin(0) || autosaving_)
        return;
    autosaving_ = true;
    sessionDirty_ = false;  // a change while this save runs marks it again
    autosave_ = saveSessionInBackground(autosavePath(), [this](const QString& error) {
        autosaving_ = false;
        if (!error.isEmpty())
            sessionDirty_ = true;  // try again next minute
    });
}

void MainWindow::offerRecovery() {
    const QString path = autosavePath();
    if (!QFileInfo::exists(path))
        return;
    // Kept aside: this run's own autosave must not overwrite what the user may still want back.
    const QString kept = QFileInfo(path).absolutePath() + QStringLiteral("/recovered.fsession");
    QFile::remove(kept);
    QFile::rename(path, kept);
    notice_->showNotice(tr("Filterscope did not close normally last time. Its autosaved session (%1) can be "
                           "restored.")
                            .arg(QLocale().toString(QFileInfo(kept).lastModified(), QLocale::ShortFormat)),
                        tr("Restore Session"), [this, kept] {
                            const QString error = openSession(kept);
                            if (!error.isEmpty())
                                notice_->showNotice(error);
                        });
}

}  // namespace filterscope
