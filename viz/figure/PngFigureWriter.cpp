#include "figure/PngFigureWriter.h"

#include "common/Error.h"
#include "figure/MapFigurePainter.h"

#include <QBuffer>
#include <QPainter>
#include <QSaveFile>

#include <cmath>

namespace filterscope {

// Qt maps PNG "quality" to zlib effort (100 = none). Figures are mostly flat colour, so light compression
// gives nearly the smallest files in a fraction of the default effort's time.
constexpr int kPngQuality = 80;

void PngFigureWriter::writePng(const std::string& path, const MapFigureSpec& figure) {
    const MapFigurePainter painter(figure);
    const QSize logical = painter.size();
    QImage image(static_cast<int>(std::lround(logical.width() * scale_)),
                 static_cast<int>(std::lround(logical.height() * scale_)), QImage::Format_RGB32);
    image.setDotsPerMeterX(static_cast<int>(std::lround(72.0 * scale_ / 0.0254)));
    image.setDotsPerMeterY(image.dotsPerMeterX());
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        p.scale(scale_, scale_);
        painter.paint(p);
    }
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG", kPngQuality) || !file.commit())
        throw Error(path + ": cannot write PNG figure: " + file.errorString().toStdString());
}

}  // namespace filterscope
