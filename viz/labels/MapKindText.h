#pragma once

#include "session/InputResult.h"

#include <QCoreApplication>
#include <QString>

namespace filterscope {

// What the window calls a map kind, in the interface language. Figures and the CLI keep core's English
// (mapKindLabel), so a file name or a paper's caption never depends on who exported it.
inline QString mapKindText(MapKind kind) {
    return QCoreApplication::translate("MapKind", mapKindLabel(kind));
}
inline QString mapKindFormulaText(MapKind kind) {
    return QCoreApplication::translate("MapKind", mapKindFormula(kind));
}

}  // namespace filterscope
