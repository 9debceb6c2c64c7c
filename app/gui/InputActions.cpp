#include "InputActions.h"

#include "FolderNotice.h"
#include "MainWindow.h"
#include "NoticeBar.h"
#include "batch/InputFolderListing.h"
#include "common/Error.h"
#include "input/InputFileKinds.h"
#include "session/Workbench.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QPointer>

#include <memory>

namespace filterscope {
namespace {

bool isPluginFolder(const QString& path) {
    return QFileInfo(path + QStringLiteral("/plugin.json")).isFile();
}

}  // namespace

InputActions::InputActions(MainWindow* window, QMenu* file) : QObject(window), window_(window) {
    file->addAction(tr("Open &Inputs (Images, Videos, Point Clouds)…"), QKeySequence::Open, this, [this] {
        const QString images = suffixPatterns(imageSuffixes()), videos = suffixPatterns(videoSuffixes()),
                      clouds = suffixPatterns(pointCloudSuffixes());
        const QStringList files = QFileDialog::getOpenFileNames(
            window_, tr("Open inputs"), QString(),
            tr("Images, videos and point clouds (%1 %2 %3);;Images (%1);;Videos (%2);;Point clouds (%3)")
                .arg(images, videos, clouds));
        if (!files.isEmpty())
            openPaths(files);
    });
    file->addAction(tr("Open Input &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(window_, tr("Open input folder"));
        if (!dir.isEmpty())
            openFolder(dir);
    });
    connect(&window_->workbench()->document(), &WorkbenchDocument::resultsChanged, this,
            &InputActions::skipFailedAutoSelection);
}

void InputActions::openPaths(const QStringList& paths) {
    Workbench* wb = window_->workbench();
    QStringList files;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir() && isPluginFolder(p))
            wb->scheduler().loadPlugin(info.absoluteFilePath(), 0);
        else if (info.isDir())
            openFolder(p);
        else
            files << info.absoluteFilePath();
    }
    if (files.isEmpty())
        return;
    QStringList all = wb->document().inputs();
    for (const QString& f : files)
        if (!all.contains(f))
            all << f;
    wb->document().setInputs(all);
    wb->scheduler().openInput(files.front());
}

void InputActions::openFolder(const QString& folder) {
    Workbench* wb = window_->workbench();
    const auto plugin = wb->document().plugin(0);
    const Modality modality = plugin ? plugin->manifest().modality : Modality::Image;
    auto listing = std::make_shared<InputFolderListing>();
    TaskSpec spec;
    spec.title = "listing " + folder.toStdString();
    spec.lane = TaskLane::Files;
    spec.run = [listing, folder, modality](ProgressSink& sink) {
        sink.report(0, 1, "listing " + folder.toStdString());
        *listing = listInputFolder(folder.toStdString(), modality);
    };
    QPointer<InputActions> self(this);
    spec.finished = [self, listing, folder](const TaskOutcome& out) {
        if (!self)
            return;
        if (!out.error.empty())
            self->window_->noticeBar()->showNotice(
                QString::fromStdString(namingInput(folder.toStdString(), out.error)));
        else if (!out.cancelled)
            self->addListedFolder(folder, *listing);
    };
    wb->tasks().submit(std::move(spec));
}

void InputActions::addListedFolder(const QString& folder, const InputFolderListing& listing) {
    window_->noticeBar()->showNotice(FolderNotice::text(listing, folder));
    if (listing.inputs.empty())
        return;
    Workbench* wb = window_->workbench();
    QStringList all = wb->document().inputs();  // added to what is open, not replacing it
    for (const std::string& p : listing.inputs)
        if (!all.contains(QString::fromStdString(p)))
            all << QString::fromStdString(p);
    wb->document().setInputs(all);
    autoSelected_ = QString::fromStdString(listing.inputs.front());
    wb->scheduler().openInput(autoSelected_);
}

void InputActions::skipFailedAutoSelection() {
    const WorkbenchDocument& doc = window_->workbench()->document();
    if (autoSelected_.isEmpty() || doc.currentInput() != autoSelected_)
        return;
    if (doc.inputError(0).isEmpty()) {
        if (doc.result(0))
            autoSelected_.clear();
        return;
    }
    const QStringList inputs = doc.inputs();
    for (qsizetype i = inputs.indexOf(autoSelected_) + 1; i < inputs.size(); ++i)
        if (!doc.inputFailed(inputs[i])) {
            autoSelected_ = inputs[i];
            window_->workbench()->scheduler().openInput(autoSelected_);
            return;
        }
    autoSelected_.clear();
}

}  // namespace filterscope
