#include "views/InputStripView.h"

#include "input/VideoLoader.h"
#include "session/ProbeSession.h"

#include <QFileInfo>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

namespace filterscope {
namespace {

constexpr int kThumb = 96;

const QStringList kVideoSuffixes = {QStringLiteral("mp4"),  QStringLiteral("avi"), QStringLiteral("mkv"),
                                    QStringLiteral("webm"), QStringLiteral("mov"), QStringLiteral("gif")};

QVector<QImage> loadThumbnails(const QStringList& paths) {
    QVector<QImage> out;
    for (const QString& path : paths) {
        if (kVideoSuffixes.contains(QFileInfo(path).suffix().toLower())) {  // a clip: its first frame
            const RgbImage f = firstVideoFrame(path.toStdString());
            out.append(f.empty()
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
        out.append(reader.read());  // null for unreadable files: shown as a name only
    }
    return out;
}

}  // namespace

InputStripView::InputStripView(ProbeSession* session, QWidget* parent)
    : QListWidget(parent), session_(session) {
    setViewMode(QListView::IconMode);
    setFlow(QListView::TopToBottom);
    setWrapping(false);
    setIconSize(QSize(kThumb, kThumb));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setMinimumWidth(kThumb + 30);
    connect(session_, &ProbeSession::inputsChanged, this, &InputStripView::rebuild);
    connect(session_, &ProbeSession::currentInputChanged, this, &InputStripView::markCurrent);
    connect(session_, &ProbeSession::resultsChanged, this, &InputStripView::markFailures);
    connect(session_, &ProbeSession::pluginsChanged, this, &InputStripView::markFailures);
    connect(this, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { session_->openInput(item->data(Qt::UserRole).toString()); });
    connect(&thumbnails_, &QFutureWatcher<QVector<QImage>>::finished, this, [this] {
        const QVector<QImage> images = thumbnails_.result();
        for (int i = 0; i < std::min(count(), static_cast<int>(images.size())); ++i)
            if (!images[i].isNull())
                item(i)->setIcon(QIcon(QPixmap::fromImage(images[i])));
    });
    rebuild();
}

InputStripView::~InputStripView() {
    thumbnails_.waitForFinished();
}

void InputStripView::rebuild() {
    clear();
    const QStringList paths = session_->inputs();
    for (const QString& p : paths) {
        auto* it = new QListWidgetItem(QFileInfo(p).fileName(), this);
        it->setData(Qt::UserRole, p);
        it->setToolTip(p);
        it->setSizeHint(QSize(kThumb + 24, kThumb + 28));
    }
    thumbnails_.waitForFinished();
    thumbnails_.setFuture(QtConcurrent::run(loadThumbnails, paths));
    markCurrent();
    markFailures();
}

void InputStripView::markFailures() {
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem* it = item(i);
        const QString path = it->data(Qt::UserRole).toString();
        QString why;
        for (int slot = 0; slot < ProbeSession::kSlots; ++slot)
            if (const QString e = session_->inputError(slot, path); !e.isEmpty())
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
        if (item(i)->data(Qt::UserRole).toString() == session_->currentInput())
            setCurrentRow(i);
}

}  // namespace filterscope
