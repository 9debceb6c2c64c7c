#include "vtk/TextFont.h"

#include <QFile>
#include <QStringList>

#include <vtkTextProperty.h>

namespace filterscope {

namespace {

// Where distributions install Noto Sans CJK; the .ttc's first face covers simplified Chinese.
QString cjkFontFile(bool bold) {
    const QString name =
        bold ? QStringLiteral("NotoSansCJK-Bold.ttc") : QStringLiteral("NotoSansCJK-Regular.ttc");
    const QStringList dirs = {QStringLiteral("/usr/share/fonts/opentype/noto"),     // Debian, Ubuntu
                              QStringLiteral("/usr/share/fonts/noto-cjk"),          // Arch
                              QStringLiteral("/usr/share/fonts/google-noto-cjk")};  // Fedora
    for (const QString& dir : dirs)
        if (QFile::exists(dir + QLatin1Char('/') + name))
            return dir + QLatin1Char('/') + name;
    return {};
}

// CJK ideographs and punctuation, kana, hangul, full-width forms: what VTK's own fonts lack.
bool needsCjkFont(const QString& text) {
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
            (c >= 0xFF00 && c <= 0xFFEF))
            return true;
    }
    return false;
}

}  // namespace

void chooseFontFor(vtkTextProperty* property, const QString& text) {
    const QString file = needsCjkFont(text) ? cjkFontFile(property->GetBold()) : QString();
    if (file.isEmpty()) {
        property->SetFontFamilyToArial();
        return;
    }
    property->SetFontFamily(VTK_FONT_FILE);
    property->SetFontFile(QFile::encodeName(file).constData());
}

}  // namespace filterscope
