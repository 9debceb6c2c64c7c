#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

class QPainter;

namespace filterscope {

// Paints a figure of `size` logical units with its top-left at the origin.
using FigurePaintFunction = std::function<void(QPainter&, const QSize&)>;

// Raster copy at dpi/96 times the logical size, with DPI metadata (for PNG and the clipboard).
QImage renderFigure(const QSize& size, const FigurePaintFunction& paint, int dpi);

// Writes PNG (at `dpi`), SVG or PDF (vector, by the path's suffix), through a temporary file renamed
// into place. `size` is in logical units of `logicalDpi` per inch: 96 for the window's views (pixels), 72
// for the batch figures (points). Throws Error naming the path on an unknown suffix or a failed write.
void exportFigure(const QString& path, const QSize& size, const FigurePaintFunction& paint, int dpi = 300,
                  int logicalDpi = 96);

}  // namespace filterscope
