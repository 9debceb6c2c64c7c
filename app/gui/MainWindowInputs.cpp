// The main window's inputs: paths given or dropped, folders reported once, and an auto-selected input that
// fails making way for the next.
#include "MainWindow.h"
#include "NoticeBar.h"
#include "batch/InputFolderListing.h"
#include "plugin/ModelPlugin.h"
#include "session/ProbeSession.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace filterscope {
namespace {

bool isPluginFolder(const QString& path) {
    return QFileInfo(path + QStringLiteral("/plugin.json")).isFile();
}

}  // namespace

void MainWindow::openPaths(const QStringList& paths) {
    QStringList images;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir() && isPluginFolder(p))
            session_->loadPlugin(info.absoluteFilePath(), 0);
        else if (info.isDir())
            openImageFolder(p);
        else
            images << info.absoluteFilePath();
    }
    if (images.isEmpty())
        return;
    QStringList all = session_->inputs();
    for (const QString& i : images)
        if (!all.contains(i))
            all << i;
    session_->setInputs(all);
    session_->openInput(images.front());
}

void MainWindow::openImageFolder(const QString& folder) {
    const auto plugin = session_->plugin(0);
    const Modality modality = plugin ? plugin->manifest().modality : Modality::Image;
    // Reading every file's signature takes a while for a folder of tens of thousands: on a worker.
    statusBar()->showMessage(tr("Listing %1…").arg(folder));
    auto* watcher = new QFutureWatcher<InputFolderListing>(this);
    connect(watcher, &QFutureWatcher<InputFolderListing>::finished, this, [this, watcher, folder] {
        watcher->deleteLater();
        statusBar()->clearMessage();
        addListedFolder(folder, watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([folder, modality] { return listInputFolder(folder.toStdString(), modality); }));
}

void MainWindow::addListedFolder(const QString& folder, const InputFolderListing& listing) {
    notice_->showNotice(QString::fromStdString(listing.summary(folder.toStdString())));
    if (listing.inputs.empty())
        return;
    QStringList all = session_->inputs();  // added to what is open, not replacing it
    for (const std::string& p : listing.inputs)
        if (!all.contains(QString::fromStdString(p)))
            all << QString::fromStdString(p);
    session_->setInputs(all);
    autoSelected_ = QString::fromStdString(listing.inputs.front());
    session_->openInput(autoSelected_);
}

QString MainWindow::notice() const {
    return notice_->text();
}

// An input chosen for the user that turns out to fail makes way for the next one that has not failed; the
// failed one keeps its mark in the Inputs list. An input the user picks stays, failed or not.
void MainWindow::skipFailedAutoSelection() {
    if (autoSelected_.isEmpty() || session_->currentInput() != autoSelected_)
        return;
    if (session_->inputError(0).isEmpty()) {
        if (session_->result(0))
            autoSelected_.clear();
        return;
    }
    const QStringList inputs = session_->inputs();
    for (qsizetype i = inputs.indexOf(autoSelected_) + 1; i < inputs.size(); ++i)
        if (!session_->inputFailed(inputs[i])) {
            autoSelected_ = inputs[i];
            session_->openInput(autoSelected_);
            return;
        }
    autoSelected_.clear();
}

}  // namespace filterscope
