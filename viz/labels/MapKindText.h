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
// The same inside a sentence: "activation", "token norm", but "Q-Former query" as it is.
inline QString mapKindInSentence(MapKind kind) {
    QString text = mapKindText(kind);
    if (text.size() > 1 && text[1].isLower())
        text[0] = text[0].toLower();
    return text;
}
inline QString mapKindFormulaText(MapKind kind) {
    return QCoreApplication::translate("MapKind", mapKindFormula(kind));
}

}  // namespace filterscope
