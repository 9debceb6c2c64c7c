#include "ExportActions.h"

#include "ExportDialog.h"
#include "MainWindow.h"
#include "common/Error.h"
#include "figure/FigureExport.h"
#include "session/Workbench.h"
#include "views/StageStripView.h"
#include "vtk/PointCloudView.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QMenu>
#include <QPainter>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>

namespace filterscope {

ExportActions::ExportActions(MainWindow* window, QMenu* file) : QObject(window), window_(window) {
    file->addAction(tr("&Export View…"), QKeySequence(tr("Ctrl+E")), this,
                    [this] { exportInteractively(false); });
    file->addAction(tr("Export &Stage Strip Figure…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                    [this] { exportInteractively(true); });
    file->addAction(tr("C&opy View"), QKeySequence::Copy, this, [this] {
        QImage image;
        if (window_->showsCloudView()) {  // the 3D view's own frame: QPainter cannot draw VTK's points
            image = window_->cloudView()->grabFramebuffer();
        } else {
            try {
                const auto figure = currentFigure({});
                const QSize size = figure->painter().size();
                image = QImage(size * 2, QImage::Format_RGB32);  // 144 DPI: sharp in a document
                image.fill(Qt::white);
                QPainter p(&image);
                p.setRenderHint(QPainter::Antialiasing);
                p.scale(2, 2);
                figure->painter().paint(p);
            } catch (const Error& e) {
                window_->statusBar()->showMessage(QString::fromUtf8(e.what()), 5000);
                return;
            }
        }
        QApplication::clipboard()->setImage(image);
        window_->statusBar()->showMessage(tr("View copied to the clipboard"), 3000);
    });
    connect(this, &ExportActions::exported, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty())
            window_->statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
        else
            window_->showError(error);
    });
}

std::shared_ptr<const ViewFigure> ExportActions::currentFigure(const ViewFigureOptions& options) const {
    const Workbench& wb = *window_->workbench();
    return window_->compareMode() ? ViewFigure::ofComparison(wb, options)
                                  : ViewFigure::ofSlot(wb, 0, options);
}

QString ExportActions::exportCurrentView(const QString& path, int dpi, const ViewFigureOptions& options) {
    try {
        if (window_->showsCloudView())
            return exportCloudFrame(path, dpi);
        currentFigure(options)->write(path, dpi);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void ExportActions::exportInBackground(const QString& path, int dpi, const ViewFigureOptions& options) {
    if (window_->showsCloudView()) {  // the frame is the GUI's: grabbed here
        Q_EMIT exported(path, exportCloudFrame(path, dpi));
        return;
    }
    std::shared_ptr<const ViewFigure> figure;
    try {
        figure = currentFigure(options);  // a copy of what is shown now: the view may change meanwhile
    } catch (const Error& e) {
        Q_EMIT exported(path, QString::fromUtf8(e.what()));
        return;
    }
    TaskSpec spec;
    spec.title = "exporting " + path.toStdString();
    spec.lane = TaskLane::Files;
    spec.run = [figure, path, dpi](ProgressSink& sink) {
        sink.report(0, 1, "exporting " + path.toStdString());
        figure->write(path, dpi);
    };
    QPointer<ExportActions> self(this);
    spec.finished = [self, path](const TaskOutcome& out) {
        if (self && !out.cancelled)
            Q_EMIT self->exported(path, QString::fromStdString(out.error));
    };
    window_->workbench()->tasks().submit(std::move(spec));
}

QString ExportActions::exportCloudFrame(const QString& path, int dpi) {
    // What is on screen: VTK's frame (points, camera and all), embedded losslessly in PDF and SVG.
    PointCloudView* view = window_->cloudView();
    const QImage frame = view->grabFramebuffer();
    if (frame.isNull())
        return tr("%1: the 3D view has no frame to export").arg(path);
    try {
        exportFigure(
            path, view->size(),
            [frame](QPainter& p, const QSize& s) {
                p.setRenderHint(QPainter::SmoothPixmapTransform);
                p.drawImage(QRect(QPoint(), s), frame);
            },
            dpi);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString ExportActions::exportStageStrip(const QString& path, int dpi) {
    StageStripView* strip = window_->stageStrip();
    try {
        exportFigure(
            path, strip->figureSize(), [strip](QPainter& p, const QSize& s) { strip->paintFigure(p, s); },
            dpi);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString ExportActions::exportPointCloudView(const QString& path) {
    const QImage image = window_->cloudView()->grabFramebuffer();
    if (image.isNull() || !image.save(path))
        return tr("%1: cannot write the 3D view").arg(path);
    return {};
}

void ExportActions::exportInteractively(bool strip) {
    QSettings settings;
    const QString path =
        QFileDialog::getSaveFileName(window_, strip ? tr("Export stage strip") : tr("Export view"),
                                     settings.value(QStringLiteral("export/last")).toString(),
                                     tr("PNG image (*.png);;SVG vector (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/last"), path);
    ExportDialog dialog(path, !strip && !window_->showsCloudView(), window_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (strip) {
        const QString error = exportStageStrip(path, dialog.dpi());
        Q_EMIT exported(path, error);
    } else {
        exportInBackground(path, dialog.dpi(), dialog.options());
    }
}

}  // namespace filterscope
