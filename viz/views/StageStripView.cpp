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
#include <cmath>

namespace filterscope {
namespace {

constexpr int kGap = 8;
constexpr int kLabelHeight = 34;

// How one stage's name and range are set under a cell `pitch` px wide. Never cut: the name wraps at words,
// in a smaller font (down to 6 pt) when one word is wider than the cell ("embedding" under a video's nine
// stages), anywhere as a last resort; the range breaks after its dash when one line is too wide.
struct StripLabel {
    QFont font;
    int nameFlags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    QString range;
    double width = 0, nameHeight = 0, rangeHeight = 0;
};

StripLabel setStripLabel(const QString& name, const QString& range, bool bold, double pitch, QFont font) {
    font.setBold(bold);
    StripLabel out;
    out.width = std::max(8.0, pitch - 4);
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto widest = [&](const QFont& f) {
        double w = 0;
        for (const QString& word : words)
            w = std::max(w, QFontMetricsF(f).horizontalAdvance(word));
        return w;
    };
    while (font.pointSizeF() > 6.0 && widest(font) > out.width)  // hinted widths are not linear in size
        font.setPointSizeF(std::max(6.0, font.pointSizeF() - 0.5));
    const QFontMetricsF fm(font);
    if (widest(font) > out.width)
        out.nameFlags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWrapAnywhere;
    out.font = font;
    out.range = range;
    if (fm.horizontalAdvance(range) > out.width)
        out.range.replace(QStringLiteral(" – "), QStringLiteral(" –\n"));
    const QRectF room(0, 0, out.width, 1e4);
    out.nameHeight = fm.boundingRect(room, out.nameFlags, name).height();
    out.rangeHeight = range.isEmpty() ? 0 : fm.boundingRect(room, Qt::AlignHCenter, out.range).height();
    return out;
}

bool isFrozenStage(const std::string& stage) {
    // The frozen LLM layer stands out; its adapters are trained, not frozen, and stay plain.
    return stage.rfind("llm.", 0) == 0 && stage.find("adapter") == std::string::npos;
}

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
    return cellRectWithLabels(index, size, labelHeight(size));
}

int StageStripView::labelHeight(const QSize& size) const {
    // At least two lines of name and the range; more when a narrow strip wraps names onto more lines.
    int height = kLabelHeight + fontMetrics().height();
    const auto result = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    if (!result || !plugin || result->maps.empty())
        return height;
    const double pitch = (size.width() - kGap) / double(result->maps.size());
    for (const StageMaps& m : result->maps) {
        const StripLabel l = setStripLabel(stageLabelText(plugin->manifest(), m.stage), rangeText(m.stage),
                                           isFrozenStage(m.stage), pitch, font());
        height = std::max(height, int(std::ceil(l.nameHeight + l.rangeHeight)) + 5);
    }
    return height;
}

QString StageStripView::rangeText(const std::string& stage) const {
    if (!session_->maps().mapFor(0, stage))
        return {};
    const auto [lo, hi] = session_->maps().colourRange(0, stage);
    return compactRangeText(lo, hi);
}

QRectF StageStripView::cellRectWithLabels(int index, const QSize& size, int labelHeight) const {
    const int n = std::max(1, stageCount());
    const double cellW = (size.width() - kGap * (n + 1)) / double(n);
    const double side = std::max(8.0, std::min(cellW, double(size.height() - labelHeight - 2 * kGap)));
    const double x = kGap + index * (cellW + kGap) + (cellW - side) / 2;
    return {x, double(kGap), side, side};
}

int StageStripView::stageAt(const QPointF& pos) const {
    const int labels = labelHeight(size());  // lays out every label: once, not once per cell
    for (int i = 0; i < stageCount(); ++i)
        if (cellRectWithLabels(i, size(), labels).adjusted(-kGap / 2, 0, kGap / 2, labels).contains(pos))
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
    const int labelHeight = this->labelHeight(size);
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
        p.setFont(font());  // the last cell's label may have left it bold or smaller
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
        const QString range = rangeText(m.stage);  // the text labelHeight() made room for
        const StripLabel set = setStripLabel(label, range, isFrozenStage(m.stage), pitch, font());
        const QRectF labelRect(cell.center().x() - set.width / 2, cell.bottom() + 3, set.width,
                               labelHeight - 3);
        p.setFont(set.font);
        // The whole name, wrapped, then the range on the strip's last lines (on screen as in the figure).
        p.drawText(labelRect, set.nameFlags, label);
        p.drawText(labelRect, Qt::AlignHCenter | Qt::AlignBottom, set.range);
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
