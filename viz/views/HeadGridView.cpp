#include "views/HeadGridView.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "labels/LocalizedNames.h"
#include "session/Workbench.h"
#include "views/HeadAtlasView.h"
#include "views/MapPainting.h"

#include <QComboBox>
#include <QDialog>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace filterscope {
namespace {

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

int HeadGridView::entropyDecimals(const std::vector<double>& entropies) {
    for (int d = 2; d < 4; ++d) {
        bool apart = true;
        for (size_t i = 0; i < entropies.size() && apart; ++i)
            for (size_t j = i + 1; j < entropies.size() && apart; ++j)
                apart = entropies[i] == entropies[j] ||
                        QString::number(entropies[i], 'f', d) != QString::number(entropies[j], 'f', d);
        if (apart)
            return d;
    }
    return 4;
}

double HeadGridView::rowLabelWidth(double width) const {
    const auto plugin = session_->document().plugin(0);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetricsF fm(small);
    double widest = 0;
    for (const std::string& s : attentionStages()) {
        const QString label = plugin ? stageLabelText(plugin->manifest(), s) : QString::fromStdString(s);
        // Wrapped at a space when it has one: the longer half decides.
        const int space = label.lastIndexOf(QLatin1Char(' '), label.size() / 2 + 4);
        widest = std::max(widest, space > 0 ? std::max(fm.horizontalAdvance(label.left(space)),
                                                       fm.horizontalAdvance(label.mid(space + 1)))
                                            : fm.horizontalAdvance(label));
    }
    return std::min(std::ceil(widest) + 8, width / 5.0);
}

QRectF HeadGridView::cellRect(int row, int column, const QSize& size) const {
    const int rows = std::max<int>(1, int(attentionStages().size()));
    const int cols = columnCount();
    const double label = rowLabelWidth(size.width());
    const double w = (size.width() - label - kGap * cols) / double(cols);
    const double h = (size.height() - kGap * rows) / double(rows) - kHeader;
    const double side = std::max(8.0, std::min(w, h));
    return {label + column * (side + kGap), row * (side + kHeader + kGap) + kHeader, side, side};
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
        p.drawText(QRectF(2, first.top(), first.left() - 6, first.height()),
                   Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, stageLabelText(manifest, stages[i]));
        const std::vector<int> order = headOrder(stages[i]);
        const StageMaps* sm = r->stage(stages[i]);
        std::vector<double> entropies;
        if (sm && sm->attention)
            for (const HeadStatistics& h : sm->attention->heads)
                entropies.push_back(h.entropy);
        const int decimals = entropyDecimals(entropies);
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
                label += tr(" H %1").arg(sm->attention->heads[head].entropy, 0, 'f', decimals);
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

void HeadGridView::mouseDoubleClickEvent(QMouseEvent* e) {
    const auto stages = attentionStages();
    for (int row = 0; row < int(stages.size()); ++row) {
        const QRectF first = cellRect(row, 0, size());
        if (e->position().y() >= first.top() - kHeader && e->position().y() <= first.bottom()) {
            Q_EMIT openLargeRequested(stages[row]);
            return;
        }
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
    : QWidget(parent), session_(session), grid_(new HeadGridView(session, this)), sort_(new QComboBox(this)) {
    sort_->addItem(tr("model order"), int(HeadGridView::SortKey::ModelOrder));
    sort_->addItem(tr("entropy (low first)"), int(HeadGridView::SortKey::Entropy));
    sort_->addItem(tr("mean distance (short first)"), int(HeadGridView::SortKey::MeanDistance));
    sort_->addItem(tr("sink share (high first)"), int(HeadGridView::SortKey::SinkShare));
    sort_->setToolTip(tr("Order of the heads within each stage's row"));
    auto* top = new QHBoxLayout();
    top->addWidget(new QLabel(tr("Sort heads by"), this));
    top->addWidget(sort_, 1);
    auto* large = new QPushButton(tr("Open Large"), this);
    large->setToolTip(
        tr("Every head of the shown stage in a window of its own: hover a token to see its row in "
           "all heads at once (or double-click a row)"));
    top->addWidget(large);
    connect(large, &QPushButton::clicked, this, [this] {
        const auto stages = grid_->attentionStages();
        if (stages.empty())
            return;
        const std::string shown = session_->selection().state().stage;
        openLarge(std::find(stages.begin(), stages.end(), shown) != stages.end() ? shown : stages.back());
    });
    connect(grid_, &HeadGridView::openLargeRequested, this, [this](const std::string& s) { openLarge(s); });
    auto* legend = new QLabel(tr("H: entropy of the query row (1 = uniform); hover a head for all its "
                                 "numbers; double-click a row to "
                                 "open its heads large"),
                              this);
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

HeadAtlasView* HeadGridPanel::openLarge(const std::string& stage) {
    for (HeadAtlasView* open : findChildren<HeadAtlasView*>())
        if (open->stage() == stage) {
            open->window()->raise();
            open->window()->activateWindow();
            return open;
        }
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto plugin = session_->document().plugin(0);
    dialog->setWindowTitle(
        tr("Heads of %1")
            .arg(plugin ? stageLabelText(plugin->manifest(), stage) : QString::fromStdString(stage)));
    auto* atlas = new HeadAtlasView(session_, stage, dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(atlas);
    dialog->resize(atlas->sizeHint());
    dialog->show();
    return atlas;
}

}  // namespace filterscope
