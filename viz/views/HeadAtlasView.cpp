#include "views/HeadAtlasView.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "labels/LocalizedNames.h"
#include "session/Workbench.h"
#include "views/HeadGridView.h"
#include "views/MapPainting.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

constexpr int kCaption = 28;
constexpr int kLabel = 18;
constexpr int kGap = 8;

}  // namespace

HeadAtlasView::HeadAtlasView(Workbench* session, std::string stage, QWidget* parent)
    : QWidget(parent), session_(session), stage_(std::move(stage)) {
    setMouseTracking(true);
    auto repaint = [this] { update(); };
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, repaint);
    connect(&session_->selection(), &SelectionModel::changed, this, repaint);
}

int HeadAtlasView::heads() const {
    const auto r = session_->document().result(0);
    return r ? r->attentionHeads(stage_) : 0;
}

int HeadAtlasView::columns() const {
    return std::max(1, static_cast<int>(std::ceil(std::sqrt(double(std::max(1, heads()))))));
}

QRectF HeadAtlasView::headRect(int head, const QSize& size) const {
    const int cols = columns(), rows = (std::max(1, heads()) + cols - 1) / cols;
    const double w = (size.width() - kGap * (cols + 1)) / double(cols);
    const double h = (size.height() - kCaption - kGap - rows * (kLabel + kGap)) / double(rows);
    const double side = std::max(16.0, std::min(w, h));
    const int row = head / cols, col = head % cols;
    return {kGap + col * (side + kGap), kCaption + kLabel + row * (side + kLabel + kGap), side, side};
}

int HeadAtlasView::tokenAt(const QPointF& pos) const {
    const auto plugin = session_->document().plugin(0);
    if (!plugin)
        return -1;
    const TokenLayout layout = plugin->manifest().layoutOf(stage_);
    if (layout.grid.size() != 2)
        return -1;
    const int gh = static_cast<int>(layout.grid[0]), gw = static_cast<int>(layout.grid[1]);
    for (int h = 0; h < heads(); ++h) {
        const QRectF r = headRect(h, size());
        if (!r.contains(pos))
            continue;
        const int x = std::clamp(int((pos.x() - r.left()) / r.width() * gw), 0, gw - 1);
        const int y = std::clamp(int((pos.y() - r.top()) / r.height() * gh), 0, gh - 1);
        return y * gw + x;
    }
    return -1;
}

int HeadAtlasView::shownQuery() const {
    const auto plugin = session_->document().plugin(0);
    if (!plugin)
        return 0;
    if (hovered_ >= 0)
        return plugin->manifest().layoutOf(stage_).prefix + hovered_;
    return session_->maps().attentionQuery(0, stage_);
}

FloatArray HeadAtlasView::headMap(int head) const {
    const auto r = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    if (!r || !plugin || head >= heads())
        return {};
    return r->attentionMap(stage_, plugin->manifest(), head, shownQuery(),
                           session_->selection().state().attendedBy);
}

QString HeadAtlasView::caption() const {
    const auto plugin = session_->document().plugin(0);
    if (!plugin || heads() == 0)
        return tr("No attention at this stage for this input");
    const TokenLayout layout = plugin->manifest().layoutOf(stage_);
    const int q = shownQuery();
    const int w = static_cast<int>(std::max<int64_t>(1, layout.width()));
    const QString token = q == kMeanOverQueries ? tr("the mean over query tokens")
                          : q < layout.prefix   ? tr("prefix token %1 (CLS)").arg(q)
                                                : tr("token %1 (row %2, col %3)")
                                                    .arg(q - layout.prefix)
                                                    .arg((q - layout.prefix) / w)
                                                    .arg((q - layout.prefix) % w);
    const QString what =
        session_->selection().state().attendedBy ? tr("who attends to %1") : tr("where %1 attends");
    return tr("%1, every head: %2%3")
        .arg(stageLabelText(plugin->manifest(), stage_), what.arg(token),
             hovered_ >= 0 ? QString() : tr(" (hover a token to see its row in all heads)"));
}

void HeadAtlasView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.setPen(palette().color(QPalette::WindowText));
    QFont bold = p.font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(kGap, 0, width() - 2 * kGap, kCaption), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(bold).elidedText(caption(), Qt::ElideRight, width() - 2 * kGap));
    p.setFont(font());
    const auto r = session_->document().result(0);
    const ViewSelection& sel = session_->selection().state();
    const StageMaps* sm = r ? r->stage(stage_) : nullptr;
    std::vector<FloatArray> maps;
    double lo = INFINITY, hi = -INFINITY;
    for (int h = 0; h < heads(); ++h) {
        maps.push_back(headMap(h));
        const auto [a, b] = finiteRange(maps.back());
        lo = std::min(lo, a);
        hi = std::max(hi, b);
    }
    const Colormap& cmap = Colormap::byName(sel.colormap);
    const int prefix = session_->document().plugin(0)
                           ? session_->document().plugin(0)->manifest().layoutOf(stage_).prefix
                           : 0;
    std::vector<double> entropies;
    if (sm && sm->attention)
        for (const HeadStatistics& s : sm->attention->heads)
            entropies.push_back(s.entropy);
    const int decimals = std::max(3, HeadGridView::entropyDecimals(entropies));
    for (int h = 0; h < heads(); ++h) {
        const QRectF cell = headRect(h, size());
        MapPanel panel;
        panel.image = sel.analysis == MapKind::Spectrum ? nullptr : session_->maps().frameImage(0);
        panel.opacity = sel.opacity;
        panel.map = &maps[h];
        panel.colormap = &cmap;
        if (sel.sharedScale)
            panel.lo = lo, panel.hi = hi;
        else
            std::tie(panel.lo, panel.hi) = finiteRange(maps[h]);
        const int q = shownQuery();
        panel.selectedToken = q >= prefix ? q - prefix : -1;
        mappaint::paintMap(p, panel, cell);
        QString label = tr("head %1").arg(h);
        if (sm && sm->attention && h < int(sm->attention->heads.size()))
            label += tr(", entropy %1").arg(sm->attention->heads[h].entropy, 0, 'f', decimals);
        p.drawText(QRectF(cell.left(), cell.top() - kLabel, cell.width(), kLabel),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void HeadAtlasView::mouseMoveEvent(QMouseEvent* e) {
    const int t = tokenAt(e->position());
    if (t != hovered_) {
        hovered_ = t;
        update();
    }
}

void HeadAtlasView::leaveEvent(QEvent*) {
    hovered_ = -1;
    update();
}

void HeadAtlasView::mouseReleaseEvent(QMouseEvent* e) {
    // A click keeps the token: it becomes the session's, so the central view and the dock follow.
    const int t = tokenAt(e->position());
    if (t >= 0) {
        session_->selection().setStage(stage_);
        session_->selection().setToken(t);
        session_->selection().setAnalysis(MapKind::Attention);
    }
}

}  // namespace filterscope
