#pragma once

#include <QFontMetricsF>
#include <QString>

namespace filterscope {

// A figure title that fits `width`. Titles read "model · stage · map" (or with " | "): the last parts say
// what the figure shows and are kept whole; words are dropped from the end of the first part (the model
// name, "…" marking the cut), never from the middle of the title. Only when the kept parts alone do not
// fit is the end of the title cut.
QString fitFigureTitle(const QString& title, const QFontMetricsF& metrics, qreal width);

}  // namespace filterscope
