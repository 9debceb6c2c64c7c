#include "input/ImageSignature.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>

namespace filterscope {

std::string imageSignatureProblem(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return "cannot be opened";
    const QByteArray head = f.read(12);
    if (head.isEmpty())
        return "empty file";
    const QString suffix = QFileInfo(f.fileName()).suffix().toLower();
    auto starts = [&](const char* magic, int n) { return head.left(n) == QByteArray(magic, n); };
    bool ok = true;
    const char* format = "";
    if (suffix == QLatin1String("png"))
        ok = starts("\x89PNG\r\n\x1a\n", 8), format = "PNG";
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ok = starts("\xff\xd8\xff", 3), format = "JPEG";
    else if (suffix == QLatin1String("bmp"))
        ok = starts("BM", 2), format = "BMP";
    else if (suffix == QLatin1String("tif") || suffix == QLatin1String("tiff"))
        ok = starts("II*\0", 4) || starts("MM\0*", 4), format = "TIFF";
    else if (suffix == QLatin1String("webp"))
        ok = starts("RIFF", 4) && head.mid(8, 4) == "WEBP", format = "WebP";
    return ok ? std::string() : std::string("not a ") + format + " file";
}

}  // namespace filterscope
