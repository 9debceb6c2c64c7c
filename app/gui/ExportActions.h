#pragma once

#include "export/ViewFigure.h"

#include <QObject>
#include <QString>

#include <memory>

class QMenu;

namespace filterscope {

class MainWindow;

// File > Export View, Export Stage Strip Figure and Copy View. Export View writes the figure of what the
// central view shows (export/ViewFigure: the batch's painter, tight, white, at the size and resolution
// asked for, whatever the window's size), as a background task; compare mode as A, B and A − B in one
// figure. The 3D view exports the frame on screen: VTK draws its points, not QPainter.
class ExportActions : public QObject {
    Q_OBJECT
public:
    ExportActions(MainWindow* window, QMenu* file);

    // By suffix (.png at `dpi`, .svg, .pdf), on the calling thread; an error naming the path, or "".
    QString exportCurrentView(const QString& path, int dpi, const ViewFigureOptions& options = {});
    // The same as a background task (shown in the status bar, stopped by Cancel before it starts).
    void exportInBackground(const QString& path, int dpi, const ViewFigureOptions& options);
    QString exportStageStrip(const QString& path, int dpi);
    QString exportPointCloudView(const QString& path);  // PNG of the 3D view as shown

Q_SIGNALS:
    void exported(const QString& path, const QString& error);  // after exportInBackground

private:
    std::shared_ptr<const ViewFigure> currentFigure(const ViewFigureOptions& options) const;
    QString exportCloudFrame(const QString& path, int dpi);
    void exportInteractively(bool strip);

    MainWindow* window_;
};

}  // namespace filterscope
