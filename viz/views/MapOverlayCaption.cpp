#include "views/MapOverlayView.h"

#include "labels/MapKindText.h"
#include "plugin/ModelPlugin.h"
#include "session/Workbench.h"

#include <algorithm>

namespace filterscope {

// Kept apart from the painting: the words for what a panel shows (which query, which heads, which
// rollout span) follow the selection and the result, not the geometry.
QString MapOverlayView::mapCaption(int slot, const std::string& stage) const {
    const ViewSelection& sel = session_->selection().state();
    const auto result = session_->document().result(slot);
    const auto plugin = session_->document().plugin(slot);
    const int prefix = plugin->manifest().tokens.prefix;
    QString what = mapKindText(sel.analysis);
    if (sel.analysis == MapKind::Attention) {
        const int query = session_->maps().attentionQuery(slot);
        const QString heads = sel.head < 0 ? tr(", mean of heads") : tr(", head %1").arg(sel.head);
        if (query == kMeanOverQueries) {  // a model without CLS: no token speaks for the image
            what = tr("mean attention over all query tokens") + heads;
        } else {
            const TokenLayout layout = plugin->manifest().layoutOf(stage);
            const int cell = query - prefix, w = static_cast<int>(std::max<int64_t>(1, layout.width()));
            const QString token =
                query < prefix ? tr("prefix token %1 (CLS)").arg(query)
                               : tr("token %1 (row %2, col %3)").arg(query).arg(cell / w).arg(cell % w);
            what = (sel.attendedBy ? tr("who attends to %1") : tr("where %1 attends")).arg(token) + heads;
        }
    }
    if (sel.analysis == MapKind::Rollout && result->rollout)
        what = (prefix > 0 ? tr("attention rollout %1 to %2, from CLS")
                           : tr("attention rollout %1 to %2, mean over query tokens"))
                   .arg(QString::fromStdString(result->rollout->stages.front()),
                        QString::fromStdString(result->rollout->stages.back()));
    if (sel.analysis == MapKind::Relevance && result->relevance)  // the method names the target
        what = tr("relevance of query %1, %2")
                   .arg(sel.query)
                   .arg(QString::fromStdString(result->relevanceMethod));
    if (sel.analysis == MapKind::Query)
        what = tr("cross-attention of query %1").arg(sel.query);
    return what;
}

}  // namespace filterscope
