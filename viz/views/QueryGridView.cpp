#include "views/QueryGridView.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "session/Workbench.h"
#include "views/MapPainting.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

constexpr int kColumns = 8;
constexpr int kLabel = 14;
constexpr int kGap = 4;

}  // namespace

QColor QueryGridView::groupColour(int group) {
    static const QColor palette[] = {QColor(230, 25, 75),  QColor(60, 180, 75),  QColor(0, 130, 200),
                                     QColor(245, 130, 48), QColor(145, 30, 180), QColor(240, 50, 230)};
    return palette[group % 6];
}

QueryGridView::QueryGridView(Workbench* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto repaint = [this] { update(); };
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, repaint);
    connect(&session_->selection(), &SelectionModel::changed, this, repaint);
}

std::string QueryGridView::shownStage() const {
    const auto plugin = session_->document().plugin(0);
    if (!plugin || plugin->crossAttentionStages().empty())
        return {};
    const auto& cross = plugin->crossAttentionStages();
    const std::string& sel = session_->selection().state().stage;
    return std::find(cross.begin(), cross.end(), sel) != cross.end() ? sel : cross.back();
}

const QueryStageMaps* QueryGridView::shown() const {
    const auto r = session_->document().result(0);
    return r ? r->queryStage(shownStage()) : nullptr;
}

QRectF QueryGridView::cellRect(int query, const QSize& size) const {
    const QueryStageMaps* q = shown();
    const int m = q ? static_cast<int>(q->maps.shape[0]) : 1;
    const int rows = (m + kColumns - 1) / kColumns;
    const double w = (size.width() - kGap * (kColumns + 1)) / double(kColumns);
    const double h = (size.height() - kGap) / double(rows) - kLabel - kGap;
    const double side = std::max(8.0, std::min(w, h));
    return {kGap + (query % kColumns) * (side + kGap),
            kGap + (query / kColumns) * (side + kLabel + kGap) + kLabel, side, side};
}

int QueryGridView::queryAt(const QPointF& pos) const {
    const QueryStageMaps* q = shown();
    if (!q)
        return -1;
    for (int i = 0; i < q->maps.shape[0]; ++i)
        if (cellRect(i, size()).contains(pos))
            return i;
    return -1;
}

void QueryGridView::paintFigure(QPainter& p, const QSize& size) const {
    p.fillRect(QRect(QPoint(), size), palette().window());
    p.setPen(palette().color(QPalette::WindowText));
    const QueryStageMaps* q = shown();
    const auto r = session_->document().result(0);
    if (!q || !r)
        return;
    const ViewSelection& sel = session_->selection().state();
    const Colormap& cmap = Colormap::byName(sel.colormap);
    const int64_t m = q->maps.shape[0];
    const std::vector<int64_t> shape(q->maps.shape.begin() + 1, q->maps.shape.end());
    const size_t cells = static_cast<size_t>(elementCountOf(shape));
    const auto [lo, hi] = finiteRange(q->maps);
    QFont small = p.font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p.setFont(small);
    for (int i = 0; i < m; ++i) {
        const FloatArray map(shape, std::vector<float>(q->maps.data.begin() + i * cells,
                                                       q->maps.data.begin() + (i + 1) * cells));
        const QRectF cell = cellRect(i, size);
        MapPanel panel;
        panel.map = &map;
        panel.image = &r->modelInput;
        panel.colormap = &cmap;
        panel.opacity = std::max(0.75, sel.opacity);  // sparse maps need the colour to show over the photo
        if (sel.sharedScale) {
            panel.lo = lo;
            panel.hi = hi;
        } else {
            std::tie(panel.lo, panel.hi) = finiteRange(map);
        }
        mappaint::paintMap(p, panel, cell);
        p.drawText(QRectF(cell.left(), cell.top() - kLabel, cell.width(), kLabel),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("q%1").arg(i));
        const int group = q->groupOf(i);
        if (group >= 0) {
            p.save();
            p.setPen(QPen(groupColour(group), 3));
            p.drawRect(cell.adjusted(-1.5, -1.5, 1.5, 1.5));
            p.restore();
        }
        if (sel.analysis == MapKind::Query && sel.query == i && sel.stage == q->stage) {
            p.save();
            p.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
            p.drawRect(cell.adjusted(-3, -3, 3, 3));
            p.restore();
        }
    }
}

void QueryGridView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintFigure(p, size());
}

void QueryGridView::mouseReleaseEvent(QMouseEvent* e) {
    const int query = queryAt(e->position());
    if (query < 0)
        return;
    session_->selection().setStage(shownStage());
    session_->selection().setQuery(query);
    session_->selection().setAnalysis(MapKind::Query);
}

SimilarityMatrixView::SimilarityMatrixView(Workbench* session, QueryGridView* grid, QWidget* parent)
    : QWidget(parent), session_(session), grid_(grid) {
    setMouseTracking(true);
    auto repaint = [this] { update(); };
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, repaint);
    connect(&session_->selection(), &SelectionModel::changed, this, repaint);
}

std::vector<int> SimilarityMatrixView::order() const {
    std::vector<int> out;
    const QueryStageMaps* q = grid_->shown();
    if (!q)
        return out;
    for (const auto& g : q->groups)
        out.insert(out.end(), g.begin(), g.end());
    for (int i = 0; i < q->maps.shape[0]; ++i)
        if (q->groupOf(i) < 0)
            out.push_back(i);
    return out;
}

// Wrapped rather than cut when the dock is narrow: the matrix moves down by the lines it takes.
QRect SimilarityMatrixView::titleRect() const {
    const QFontMetrics fm(font());
    const QRect room(4, 0, std::max(10, width() - 8), 4 * fm.height());
    return fm.boundingRect(room, Qt::AlignLeft | Qt::TextWordWrap,
                           tr("Pearson r of query maps (groups first)"));
}

QRect SimilarityMatrixView::matrixRect() const {
    const QFontMetrics fm(font());
    const int left = fm.horizontalAdvance(QStringLiteral("000")) + 6,
              top = titleRect().bottom() + fm.height() + 6;
    const int bar = 12 + 6 + fm.horizontalAdvance(QStringLiteral("−1.0")) + 6;
    const int side = std::max(10, std::min(width() - left - bar - 4, height() - top - 4));
    return {left, top, side, side};
}

QString SimilarityMatrixView::describeCell(const QPoint& pos) const {
    const QueryStageMaps* q = grid_->shown();
    const QRect r = matrixRect();
    if (!q || !r.contains(pos))
        return {};
    const std::vector<int> ord = order();
    const int m = static_cast<int>(ord.size());
    const int row = std::min(m - 1, (pos.y() - r.top()) * m / r.height());
    const int col = std::min(m - 1, (pos.x() - r.left()) * m / r.width());
    return tr("query %1 × query %2: r = %3")
        .arg(ord[row])
        .arg(ord[col])
        .arg(q->similarity.data[ord[row] * m + ord[col]], 0, 'f', 3);
}

void SimilarityMatrixView::mouseMoveEvent(QMouseEvent* e) {
    const QString text = describeCell(e->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(e->globalPosition().toPoint(), text, this);
}

void SimilarityMatrixView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QueryStageMaps* q = grid_->shown();
    if (!q)
        return;
    const std::vector<int> ord = order();
    const int m = static_cast<int>(ord.size());
    // Correlation spans −1..1: a diverging map keeps "unrelated" (0) neutral and anti-correlated apart.
    const Colormap& cmap = Colormap::byName("rdbu-diverging");
    QImage img(m, m, QImage::Format_RGB32);
    for (int a = 0; a < m; ++a)
        for (int b = 0; b < m; ++b) {
            const Rgb c = cmap.at(0.5 + 0.5 * q->similarity.data[ord[a] * m + ord[b]]);
            img.setPixel(b, a, qRgb(c.r, c.g, c.b));
        }
    const QFontMetrics fm(font());
    const QRect target = matrixRect();
    p.drawText(titleRect(), Qt::AlignLeft | Qt::TextWordWrap, tr("Pearson r of query maps (groups first)"));
    p.drawImage(target, img);
    const double cell = double(target.width()) / m;
    // Query ids on both axes: every one when they fit, else every k-th.
    const int step = std::max(1, static_cast<int>(std::ceil(1.3 * fm.height() / cell)));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p.setFont(small);
    for (int i = 0; i < m; i += step) {
        const QString id = QString::number(ord[i]);
        p.drawText(
            QRectF(0, target.top() + (i + 0.5) * cell - fm.height() / 2.0, target.left() - 3, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, id);
        p.drawText(
            QRectF(target.left() + i * cell - 10, target.top() - fm.height() - 2, cell + 20, fm.height()),
            Qt::AlignHCenter | Qt::AlignBottom, id);
    }
    // The colorbar: −1 (bottom) to 1 (top), ticks at −1, 0, 1.
    const QRect bar(target.right() + 8, target.top(), 12, target.height());
    for (int y = 0; y < bar.height(); ++y) {
        const Rgb c = cmap.at(1.0 - double(y) / std::max(1, bar.height() - 1));
        p.fillRect(QRect(bar.left(), bar.top() + y, bar.width(), 1), QColor(c.r, c.g, c.b));
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    for (const auto& [value, label] : {std::pair<double, const char*>{1.0, "1"}, {0.0, "0"}, {-1.0, "−1"}}) {
        const double y = bar.top() + (1.0 - value) / 2.0 * bar.height();
        p.drawText(QRectF(bar.right() + 3, y - fm.height() / 2.0, 40, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, QString::fromUtf8(label));
    }
    p.setFont(font());
    int start = 0;
    for (size_t g = 0; g < q->groups.size(); ++g) {
        const int n = static_cast<int>(q->groups[g].size());
        p.setPen(QPen(QueryGridView::groupColour(static_cast<int>(g)), 2));
        p.drawRect(QRectF(target.left() + start * cell, target.top() + start * cell, n * cell, n * cell));
        start += n;
    }
}
}  // namespace filterscope
