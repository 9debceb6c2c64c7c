#include "views/InputStripView.h"

#include "input/InputFileKinds.h"
#include "input/VideoLoader.h"
#include "session/Workbench.h"

#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QPointer>

#include <memory>
#include <vector>

namespace filterscope {
namespace {

constexpr int kThumb = 96;
constexpr int kThumbnailsPerTask = 32;

std::vector<QImage> loadThumbnails(const QStringList& paths, ProgressSink& progress) {
    std::vector<QImage> out;
    for (const QString& path : paths) {
        if (progress.isCancelRequested())
            throw CancelledError();
        progress.report(static_cast<int>(out.size()), static_cast<int>(paths.size()),
                        "thumbnail of " + QFileInfo(path).fileName().toStdString());
        if (hasSuffixOf(path, videoSuffixes())) {  // a clip: its first frame
            const RgbImage f = firstVideoFrame(path.toStdString());
            out.push_back(f.empty()
                              ? QImage()
                              : QImage(f.pixels.data(), f.width, f.height, f.width * 3, QImage::Format_RGB888)
                                    .scaled(kThumb, kThumb, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            continue;
        }
        QImageReader reader(path);
        reader.setAutoTransform(true);  // EXIF orientation, as the analysis sees it
        const QSize s = reader.size();
        if (s.isValid())
            reader.setScaledSize(s.scaled(kThumb, kThumb, Qt::KeepAspectRatio));
        out.push_back(reader.read());  // null for unreadable files: shown as a name only
    }
    return out;
}

}  // namespace

InputStripView::InputStripView(Workbench* session, QWidget* parent) : QListWidget(parent), session_(session) {
    setViewMode(QListView::IconMode);
    setFlow(QListView::TopToBottom);
    setWrapping(false);
    setIconSize(QSize(kThumb, kThumb));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setMinimumWidth(kThumb + 30);
    connect(&session_->document(), &WorkbenchDocument::inputsChanged, this, &InputStripView::rebuild);
    connect(&session_->document(), &WorkbenchDocument::currentInputChanged, this,
            &InputStripView::markCurrent);
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &InputStripView::markFailures);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &InputStripView::markFailures);
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        session_->scheduler().openInput(item->data(Qt::UserRole).toString());
    });
    thumbnailGroup_ = "thumbnails-" + std::to_string(reinterpret_cast<uintptr_t>(this));
    rebuild();
}

InputStripView::~InputStripView() {
    session_->tasks().cancelGroup(thumbnailGroup_);
}

void InputStripView::rebuild() {
    clear();
    const QStringList paths = session_->document().inputs();
    for (const QString& p : paths) {
        auto* it = new QListWidgetItem(QFileInfo(p).fileName(), this);
        it->setData(Qt::UserRole, p);
        it->setToolTip(p);
        it->setSizeHint(QSize(kThumb + 24, kThumb + 28));
    }
    session_->tasks().cancelGroup(thumbnailGroup_);  // the old list's thumbnails are of no use now
    for (qsizetype first = 0; first < paths.size(); first += kThumbnailsPerTask) {
        const QStringList chunk = paths.mid(first, kThumbnailsPerTask);
        auto images = std::make_shared<std::vector<QImage>>();
        TaskSpec spec;
        spec.title = "thumbnails " + std::to_string(first + 1) + "-" + std::to_string(first + chunk.size()) +
                     " of " + std::to_string(paths.size());
        spec.group = thumbnailGroup_;
        spec.lane = TaskLane::Files;
        spec.priority = TaskPriority::Background;
        spec.run = [chunk, images](ProgressSink& progress) { *images = loadThumbnails(chunk, progress); };
        QPointer<InputStripView> self(this);
        spec.finished = [self, images, chunk, first](const TaskOutcome&) {
            if (!self)
                return;
            for (size_t i = 0; i < images->size(); ++i) {
                const int row = static_cast<int>(first + static_cast<qsizetype>(i));
                QListWidgetItem* it = row < self->count() ? self->item(row) : nullptr;
                if (it && it->data(Qt::UserRole).toString() == chunk[static_cast<qsizetype>(i)] &&
                    !(*images)[i].isNull())
                    it->setIcon(QIcon(QPixmap::fromImage((*images)[i])));
            }
        };
        session_->tasks().submit(std::move(spec));
    }
    markCurrent();
    markFailures();
}

void InputStripView::markFailures() {
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem* it = item(i);
        const QString path = it->data(Qt::UserRole).toString();
        QString why;
        for (int slot = 0; slot < Workbench::kSlots; ++slot)
            if (const QString e = session_->document().inputError(slot, path); !e.isEmpty())
                why += QStringLiteral("\n⚠ ") + e;
        const QString name = QFileInfo(path).fileName();
        it->setText(why.isEmpty() ? name : QStringLiteral("⚠ ") + name);
        it->setForeground(why.isEmpty() ? palette().text() : QBrush(QColor(176, 0, 32)));
        it->setToolTip(path + why);
    }
}

bool InputStripView::isMarkedFailed(const QString& path) const {
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(Qt::UserRole).toString() == path)
            return item(i)->text().startsWith(QStringLiteral("⚠ "));
    return false;
}

void InputStripView::markCurrent() {
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(Qt::UserRole).toString() == session_->document().currentInput())
            setCurrentRow(i);
}

}  // namespace filterscope
