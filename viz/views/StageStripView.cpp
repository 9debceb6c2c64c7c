#include "views/StageStripView.h"

#include "color/Colormap.h"
#include "figure/ColorbarTicks.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "session/Workbench.h"
#include "views/MapPainting.h"
#include "views/PointThumbnail.h"

#include "pointcloud/PointSampling.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace filterscope {
namespace {

constexpr int kGap = 8;
constexpr int kLabelHeight = 34;

}  // namespace

StageStripView::StageStripView(Workbench* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto repaint = [this] { update(); };
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, repaint);
    connect(&session_->selection(), &SelectionModel::changed, this, repaint);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, repaint);
}

int StageStripView::stageCount() const {
    const auto r = session_->document().result(0);
    return r ? static_cast<int>(r->maps.size()) : 0;
}

QRectF StageStripView::cellRect(int index, const QSize& size) const {
    return cellRectWithLabels(index, size, labelHeight());
}

int StageStripView::labelHeight() const {
    // Room for a stage name on two lines and the range: names wrap, never cut ("Adapter out (256 to …").
    return kLabelHeight + fontMetrics().height();
}

QRectF StageStripView::cellRectWithLabels(int index, const QSize& size, int labelHeight) const {
    const int n = std::max(1, stageCount());
    const double cellW = (size.width() - kGap * (n + 1)) / double(n);
    const double side = std::max(8.0, std::min(cellW, double(size.height() - labelHeight - 2 * kGap)));
    const double x = kGap + index * (cellW + kGap) + (cellW - side) / 2;
    return {x, double(kGap), side, side};
}

int StageStripView::stageAt(const QPointF& pos) const {
    for (int i = 0; i < stageCount(); ++i)
        if (cellRect(i, size()).adjusted(-kGap / 2, 0, kGap / 2, labelHeight()).contains(pos))
            return i;
    return -1;
}

QSize StageStripView::figureSize() const {
    return size() + QSize(0, fontMetrics().height());  // a second line for long stage names
}

void StageStripView::paintFigure(QPainter& p, const QSize& size) const {
    paintStrip(p, size, true);
}

void StageStripView::paintStrip(QPainter& p, const QSize& size, bool figure) const {
    p.fillRect(QRect(QPoint(), size), figure ? QBrush(Qt::white) : palette().window());
    p.setPen(figure ? QColor(Qt::black) : palette().color(QPalette::WindowText));
    const int labelHeight = this->labelHeight();
    const auto result = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    if (!result || !plugin) {
        p.drawText(QRect(QPoint(), size), Qt::AlignCenter,
                   plugin && !session_->document().inputError(0).isEmpty()
                       ? tr("No stages: this input failed (the main view says why)")
                       : tr("Stages appear here once a plugin has run on an image"));
        return;
    }
    const ViewSelection& sel = session_->selection().state();
    const Colormap& cmap = Colormap::byName(sel.colormap);
    // One sentence for the whole strip when no cell can show a map here, not the same words in every cell.
    int pointMaps = 0, missing = 0;
    for (const StageMaps& m : result->maps) {
        const auto map = session_->maps().mapFor(0, m.stage);
        pointMaps += map && map->dim() == 1;
        missing += !map;
    }
    const int cells = static_cast<int>(result->maps.size());
    const bool oneMessage = missing == cells;
    // Point maps: each stage's values on the scan, drawn as the 3D view's points from the figure's camera.
    const PointThumbnail points(pointMaps > 0 ? result->cloud : PointCloud());
    const FloatArray* groupIndex = result->captures.find("group_index");
    for (int i = 0; i < static_cast<int>(result->maps.size()); ++i) {
        const StageMaps& m = result->maps[i];
        const QRectF cell = cellRectWithLabels(i, size, labelHeight);
        QFont plain = p.font();  // the last cell's label may have left it bold
        plain.setBold(false);
        p.setFont(plain);
        MapPanel panel;
        const auto map = session_->maps().mapFor(0, m.stage);
        panel.map = map.get();
        panel.image = sel.analysis == MapKind::Spectrum ? nullptr : session_->maps().frameImage(0);
        panel.colormap = &cmap;
        panel.opacity = sel.opacity;
        std::tie(panel.lo, panel.hi) = session_->maps().colourRange(0, m.stage);
        if (panel.map && panel.map->dim() == 1) {  // point clouds: per-group values scattered to points
            const FloatArray perPoint = groupIndex ? scatterToPoints(*panel.map, *groupIndex, points.size())
                                                   : FloatArray({points.size()}, panel.map->data);
            points.paint(p, perPoint.data, panel.lo, panel.hi, cmap, cell);
        } else if (!panel.map) {  // e.g. attention of a stage without attn.*
            p.drawRect(cell);
            if (!oneMessage)
                p.drawText(cell, Qt::AlignCenter | Qt::TextWordWrap,
                           tr("no %1 map").arg(mapKindText(sel.analysis).toLower()));
        }
        mappaint::paintMap(p, panel, cell);
        if (m.stage == sel.stage && !figure) {  // the selection is the window's state, not the figure's
            p.setPen(QPen(palette().color(QPalette::Highlight), 3));
            p.drawRect(cell.adjusted(-2, -2, 2, 2));
            p.setPen(palette().color(QPalette::WindowText));
        }
        const QString label = stageLabelText(plugin->manifest(), m.stage);
        const double pitch = (size.width() - kGap) / double(result->maps.size());  // a cell and its gap
        const QRectF labelRect(cell.center().x() - pitch / 2, cell.bottom() + 3, pitch, labelHeight - 3);
        // The frozen LLM layer stands out; its adapters are trained, not frozen, and stay plain.
        const bool frozen = m.stage.rfind("llm.", 0) == 0 && m.stage.find("adapter") == std::string::npos;
        QFont f = p.font();
        f.setBold(frozen);
        p.setFont(f);
        const QFontMetrics fm(f);
        const QString range = panel.map ? compactRangeText(panel.lo, panel.hi) : QString();
        // The whole name, wrapped onto two lines, then the range (on screen as in the figure).
        p.drawText(labelRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, label);
        p.drawText(labelRect, Qt::AlignHCenter | Qt::AlignBottom,
                   fm.elidedText(range, Qt::ElideRight, int(labelRect.width())));
    }
    if (oneMessage) {
        QFont f = p.font();
        f.setBold(false);
        p.setFont(f);
        const QRectF band(0, cellRectWithLabels(0, size, labelHeight).top(), size.width(),
                          cellRectWithLabels(0, size, labelHeight).height());
        p.fillRect(band.adjusted(0, band.height() / 3, 0, -band.height() / 3),
                   figure ? QColor(Qt::white) : palette().window().color());
        p.drawText(band, Qt::AlignCenter | Qt::TextWordWrap,
                   sel.analysis == MapKind::Query || sel.analysis == MapKind::Relevance
                       ? tr("%1 maps belong to the query stages: see the central view and the Queries dock")
                             .arg(mapKindText(sel.analysis))
                       : tr("No %1 map for these stages").arg(mapKindText(sel.analysis)));
    }
}

void StageStripView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintStrip(p, size(), false);
}

bool StageStripView::event(QEvent* e) {
    if (e->type() != QEvent::ToolTip)
        return QWidget::event(e);
    auto* help = static_cast<QHelpEvent*>(e);
    const int i = stageAt(help->pos());
    const auto r = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    if (i < 0 || !r || !plugin) {
        QToolTip::hideText();
        return true;
    }
    const std::string& stage = r->maps[i].stage;
    const auto [lo, hi] = session_->maps().colourRange(0, stage);
    QToolTip::showText(help->globalPos(),
                       tr("%1 (%2): %3 to %4; click to show it")
                           .arg(stageLabelText(plugin->manifest(), stage), QString::fromStdString(stage))
                           .arg(lo, 0, 'g', 5)
                           .arg(hi, 0, 'g', 5),
                       this);
    return true;
}

void StageStripView::mouseReleaseEvent(QMouseEvent* e) {
    const int i = stageAt(e->position());
    const auto r = session_->document().result(0);
    if (i >= 0 && r)
        session_->selection().setStage(r->maps[i].stage);
}

}  // namespace filterscope
