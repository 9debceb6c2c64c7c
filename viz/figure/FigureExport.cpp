#include "figure/FigureExport.h"

#include "common/Error.h"

#include <QFile>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace filterscope {

namespace {

int dotsPerMeter(double dpi) {
    return qRound(dpi / 0.0254);
}

}  // namespace

QImage renderFigure(const QSize& size, const FigurePaintFunction& paint, int dpi) {
    const double scale = dpi / 96.0;
    QImage image(qRound(size.width() * scale), qRound(size.height() * scale), QImage::Format_RGB32);
    image.fill(Qt::white);
    // Painted as a 96-DPI device scaled up: a font given in points (the views' fonts) must turn into the
    // same logical pixels as on screen, or text grows dpi/96 times while the layout does not. The
    // image's real resolution is set once painting is done.
    image.setDotsPerMeterX(dotsPerMeter(96));
    image.setDotsPerMeterY(dotsPerMeter(96));
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.scale(scale, scale);
        paint(p, size);
    }
    image.setDotsPerMeterX(dotsPerMeter(dpi));
    image.setDotsPerMeterY(dotsPerMeter(dpi));
    return image;
}

void exportFigure(const QString& path, const QSize& size, const FigurePaintFunction& paint, int dpi,
                  int logicalDpi) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const std::string where = path.toStdString();
    if (suffix == QLatin1String("png")) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !renderFigure(size, paint, dpi).save(&file, "PNG") ||
            !file.commit())
            throw Error(where + ": cannot write PNG: " + file.errorString().toStdString());
        return;
    }
    // QSvgGenerator and QPdfWriter write to a path themselves: give them a temporary one, then rename.
    const QString temp = path + QStringLiteral(".part");
    QFile::remove(temp);
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(temp);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(), size));
        svg.setResolution(logicalDpi);
        svg.setTitle(QFileInfo(path).completeBaseName());
        QPainter p;
        if (!p.begin(&svg))
            throw Error(where + ": cannot write SVG");
        paint(p, size);
        p.end();
    } else if (suffix == QLatin1String("pdf")) {
        // Vector: the page is the figure's size at `logicalDpi` units per inch, and so is the writer's
        // resolution, so fonts in points and in pixels keep their proportions (`dpi` is for rasters).
        QPdfWriter pdf(temp);
        pdf.setResolution(logicalDpi);
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / logicalDpi, size.height() * 72.0 / logicalDpi),
                                  QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf))
            throw Error(where + ": cannot write PDF");
        // Photos go in losslessly (Qt would otherwise store them as JPEG, shifting their colours).
        p.setRenderHint(QPainter::LosslessImageRendering);
        paint(p, size);
        p.end();
    } else {
        throw Error(where + ": unknown figure format \"" + suffix.toStdString() +
                    "\" (use .png, .svg or .pdf)");
    }
    if (!QFileInfo::exists(temp))
        throw Error(where + ": the figure could not be written");
    QFile::remove(path);
    if (!QFile::rename(temp, path))
        throw Error(where + ": cannot move the finished figure into place");
}

}  // namespace filterscope
