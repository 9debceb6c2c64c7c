#include "views/HeadGridView.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "session/Workbench.h"
#include "views/MapPainting.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace filterscope {
namespace {

constexpr int kRowLabel = 86;
constexpr int kHeader = 18;
constexpr int kGap = 4;

}  // namespace

HeadGridView::HeadGridView(Workbench* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto repaint = [this] { update(); };
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, repaint);
    connect(&session_->selection(), &SelectionModel::changed, this, repaint);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, repaint);
}

void HeadGridView::setSortKey(SortKey key) {
    sort_ = key;
    update();
}

std::vector<std::string> HeadGridView::attentionStages() const {
    const auto r = session_->document().result(0);
    return r ? r->attentionStages() : std::vector<std::string>{};
}

QString HeadGridView::emptyReason() const {
    if (!session_->document().plugin(0))
        return tr("Open a plugin");
    if (!session_->maps().hasAttention(0))
        return tr("%1 returns no attn.* captures, so there are no heads to show.\n"
                  "Plugins return softmax attention as attn.<stage> [1,H,N,N] (plugins/README.md).")
            .arg(QString::fromStdString(session_->document().plugin(0)->id()));
    if (!session_->document().result(0) && !session_->document().inputError(0).isEmpty())
        return tr("No heads: this input failed (the main view says why)");
    if (!session_->document().result(0))
        return tr("Waiting for a result");
    return {};
}

int HeadGridView::columnCount() const {
    int heads = 0;
    if (const auto r = session_->document().result(0))
        for (const std::string& s : attentionStages())
            heads = std::max(heads, r->attentionHeads(s));
    return 1 + heads;
}

std::vector<int> HeadGridView::headOrder(const std::string& stage) const {
    const auto r = session_->document().result(0);
    const StageMaps* m = r ? r->stage(stage) : nullptr;
    std::vector<int> order(r ? static_cast<size_t>(r->attentionHeads(stage)) : 0);
    std::iota(order.begin(), order.end(), 0);
    if (sort_ == SortKey::ModelOrder || !m || !m->attention)
        return order;
    const auto& stats = m->attention->heads;  // statistics of the CLS query, computed with the result
    auto key = [&](int h) {
        switch (sort_) {
            case SortKey::Entropy:
                return stats[h].entropy;
            case SortKey::MeanDistance:
                return stats[h].meanDistance;
            case SortKey::SinkShare:
                return -stats[h].sinkShare;  // largest sink first
            default:
                return double(h);
        }
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
    return order;
}

int HeadGridView::headAt(int row, int column) const {
    const auto stages = attentionStages();
    if (row < 0 || row >= int(stages.size()) || column <= 0)
        return -1;
    const std::vector<int> order = headOrder(stages[row]);
    return column - 1 < int(order.size()) ? order[column - 1] : -2;  // −2: no such head in this stage
}

QRectF HeadGridView::cellRect(int row, int column, const QSize& size) const {
    const int rows = std::max<int>(1, int(attentionStages().size()));
    const int cols = columnCount();
    const double w = (size.width() - kRowLabel - kGap * cols) / double(cols);
    const double h = (size.height() - kGap * rows) / double(rows) - kHeader;
    const double side = std::max(8.0, std::min(w, h));
    return {kRowLabel + column * (side + kGap), row * (side + kHeader + kGap) + kHeader, side, side};
}

void HeadGridView::paintFigure(QPainter& p, const QSize& size) const {
    paintGrid(p, size, true);
}

void HeadGridView::paintGrid(QPainter& p, const QSize& size, bool figure) const {
    p.fillRect(QRect(QPoint(), size), figure ? QBrush(Qt::white) : palette().window());
    p.setPen(figure ? QColor(Qt::black) : palette().color(QPalette::WindowText));
    const QString empty = emptyReason();
    if (!empty.isEmpty()) {
        p.drawText(QRect(QPoint(), size).adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, empty);
        return;
    }
    const auto r = session_->document().result(0);
    const ViewSelection& sel = session_->selection().state();
    const PluginManifest& manifest = session_->document().plugin(0)->manifest();
    const Colormap& cmap = Colormap::byName(sel.colormap);
    const auto stages = attentionStages();

    // Maps first, so a shared scale can span all of them.
    std::vector<std::vector<FloatArray>> maps(stages.size());
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < stages.size(); ++i) {
        const int query = session_->maps().attentionQuery(0, stages[i]);  // carried onto each stage's grid
        maps[i].push_back(r->attentionMap(stages[i], manifest, -1, query, sel.attendedBy));
        for (int h : headOrder(stages[i]))
            maps[i].push_back(r->attentionMap(stages[i], manifest, h, query, sel.attendedBy));
        for (const FloatArray& m : maps[i]) {
            const auto [a, b] = finiteRange(m);
            lo = std::min(lo, a);
            hi = std::max(hi, b);
        }
    }
    QFont small = p.font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetrics fm(small);
    for (size_t i = 0; i < stages.size(); ++i) {
        const QRectF first = cellRect(int(i), 0, size);
        p.drawText(QRectF(2, first.top(), kRowLabel - 6, first.height()),
                   Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, QString::fromStdString(stages[i]));
        const std::vector<int> order = headOrder(stages[i]);
        const StageMaps* sm = r->stage(stages[i]);
        for (size_t c = 0; c < maps[i].size(); ++c) {
            const QRectF cell = cellRect(int(i), int(c), size);
            MapPanel panel;
            panel.map = &maps[i][c];
            panel.colormap = &cmap;
            if (sel.sharedScale) {
                panel.lo = lo;
                panel.hi = hi;
            } else {
                std::tie(panel.lo, panel.hi) = finiteRange(maps[i][c]);
            }
            mappaint::paintMap(p, panel, cell);
            const int head = c == 0 ? -1 : order[c - 1];
            QString label = c == 0 ? tr("mean") : tr("h%1").arg(head);
            if (c > 0 && sm && sm->attention)  // H: the entropy of the default row; the tooltip has them all
                label += tr(" H %1").arg(sm->attention->heads[head].entropy, 0, 'f', 2);
            p.drawText(QRectF(cell.left(), cell.top() - kHeader, cell.width(), kHeader),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(label, Qt::ElideRight, int(cell.width())));
            if (!figure && sel.analysis == MapKind::Attention && stages[i] == sel.stage && head == sel.head) {
                p.setPen(QPen(palette().color(QPalette::Highlight), 3));
                p.drawRect(cell.adjusted(-2, -2, 2, 2));
                p.setPen(palette().color(QPalette::WindowText));
            }
        }
    }
}

void HeadGridView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintGrid(p, size(), false);
}

void HeadGridView::mouseReleaseEvent(QMouseEvent* e) {
    const auto stages = attentionStages();
    for (int row = 0; row < int(stages.size()); ++row)
        for (int col = 0; col < columnCount(); ++col)
            if (cellRect(row, col, size()).contains(e->position())) {
                const int head = headAt(row, col);
                if (head == -2)
                    return;
                session_->selection().setStage(stages[row]);
                session_->selection().setHead(head);
                session_->selection().setAnalysis(MapKind::Attention);
                return;
            }
}

QString HeadGridView::describeCell(const QPointF& pos) const {
    const auto r = session_->document().result(0);
    const auto stages = attentionStages();
    for (int row = 0; r && row < int(stages.size()); ++row)
        for (int col = 0; col < columnCount(); ++col) {
            if (!cellRect(row, col, size()).contains(pos))
                continue;
            const int head = headAt(row, col);
            const StageMaps* sm = r->stage(stages[row]);
            if (head == -2)
                return {};
            if (head == -1 || !sm || !sm->attention)
                return tr("%1, mean over heads: click to show it").arg(QString::fromStdString(stages[row]));
            const HeadStatistics& h = sm->attention->heads[head];
            return tr("%1, head %2: entropy %3 (of the default query's row; 1 = uniform), mean distance %4 "
                      "cells, sink share %5")
                .arg(QString::fromStdString(stages[row]))
                .arg(head)
                .arg(h.entropy, 0, 'f', 3)
                .arg(h.meanDistance, 0, 'f', 2)
                .arg(h.sinkShare, 0, 'f', 3);
        }
    return {};
}

bool HeadGridView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = describeCell(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

HeadGridPanel::HeadGridPanel(Workbench* session, QWidget* parent)
    : QWidget(parent), grid_(new HeadGridView(session, this)), sort_(new QComboBox(this)) {
    sort_->addItem(tr("model order"), int(HeadGridView::SortKey::ModelOrder));
    sort_->addItem(tr("entropy (low first)"), int(HeadGridView::SortKey::Entropy));
    sort_->addItem(tr("mean distance (short first)"), int(HeadGridView::SortKey::MeanDistance));
    sort_->addItem(tr("sink share (high first)"), int(HeadGridView::SortKey::SinkShare));
    sort_->setToolTip(tr("Order of the heads within each stage's row"));
    auto* top = new QHBoxLayout();
    top->addWidget(new QLabel(tr("Sort heads by"), this));
    top->addWidget(sort_, 1);
    auto* legend =
        new QLabel(tr("H: entropy of the query row (1 = uniform); hover a head for all its numbers"), this);
    legend->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(legend);
    layout->addWidget(grid_, 1);
    connect(sort_, &QComboBox::activated, this, [this](int i) {
        grid_->setSortKey(static_cast<HeadGridView::SortKey>(sort_->itemData(i).toInt()));
    });
}

}  // namespace filterscope
