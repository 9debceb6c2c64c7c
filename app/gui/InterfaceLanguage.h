#pragma once

#include <QString>

namespace filterscope {

// Loads the window's translation (share/filterscope/translations/filterscope_<lang>.qm) and Qt's own for
// standard dialogs, if installed. `requested`: "en", "zh_CN", …; empty: the setting
// (View > Interface Language), else the system locale. Returns the language in use ("en" when none fits).
QString installInterfaceLanguage(const QString& requested);

}  // namespace filterscope
