#include "figure/FigureTitle.h"

#include <QStringList>

namespace filterscope {

QString fitFigureTitle(const QString& title, const QFontMetricsF& metrics, qreal width) {
    if (metrics.horizontalAdvance(title) <= width)
        return title;
    for (const QString& separator : {QStringLiteral(" · "), QStringLiteral(" | ")}) {
        const qsizetype cut = title.indexOf(separator);
        if (cut < 0)
            continue;
        const QString kept = title.mid(cut);  // separator, stage, map…
        QStringList words = title.left(cut).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        while (!words.isEmpty()) {
            words.removeLast();
            const QString candidate = words.join(QLatin1Char(' ')) + QStringLiteral("…") + kept;
            if (!words.isEmpty() && metrics.horizontalAdvance(candidate) <= width)
                return candidate;
        }
        if (metrics.horizontalAdvance(kept.mid(separator.size())) <= width)
            return kept.mid(separator.size());
        break;
    }
    return metrics.elidedText(title, Qt::ElideRight, width);
}

}  // namespace filterscope
