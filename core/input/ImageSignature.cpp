#include "input/ImageSignature.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>

namespace filterscope {

std::string ImageSignatureCheck::text() const {
    switch (problem) {
        case Problem::None:
            return {};
        case Problem::CannotOpen:
            return "cannot be opened";
        case Problem::Empty:
            return "empty file";
        case Problem::WrongSignature:
            return "not a " + format + " file";
    }
    return {};
}

ImageSignatureCheck checkImageSignature(const std::string& path) {
    ImageSignatureCheck check;
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        check.problem = ImageSignatureCheck::Problem::CannotOpen;
        return check;
    }
    const QByteArray head = f.read(12);
    if (head.isEmpty()) {
        check.problem = ImageSignatureCheck::Problem::Empty;
        return check;
    }
    const QString suffix = QFileInfo(f.fileName()).suffix().toLower();
    auto starts = [&](const char* magic, int n) { return head.left(n) == QByteArray(magic, n); };
    bool ok = true;
    if (suffix == QLatin1String("png"))
        ok = starts("\x89PNG\r\n\x1a\n", 8), check.format = "PNG";
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ok = starts("\xff\xd8\xff", 3), check.format = "JPEG";
    else if (suffix == QLatin1String("bmp"))
        ok = starts("BM", 2), check.format = "BMP";
    else if (suffix == QLatin1String("tif") || suffix == QLatin1String("tiff"))
        ok = starts("II*\0", 4) || starts("MM\0*", 4), check.format = "TIFF";
    else if (suffix == QLatin1String("webp"))
        ok = starts("RIFF", 4) && head.mid(8, 4) == "WEBP", check.format = "WebP";
    if (!ok)
        check.problem = ImageSignatureCheck::Problem::WrongSignature;
    return check;
}

std::string imageSignatureProblem(const std::string& path) {
    return checkImageSignature(path).text();
}

}  // namespace filterscope
