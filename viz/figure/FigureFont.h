#pragma once

#include <QFont>

namespace filterscope {

// The figures' typeface (DejaVu Sans: installed everywhere Filterscope is, with the maths signs the value
// labels use), sized in the layout's units (points), so text is the same size at any resolution.
inline QFont figureFont(int size, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(size);
    f.setBold(bold);
    return f;
}

}  // namespace filterscope
