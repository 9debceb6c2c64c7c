#include "views/MapOverlayView.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "figure/FigureTitle.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "labels/VariantText.h"
#include "plugin/ModelPlugin.h"
#include "session/Workbench.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace filterscope {

namespace {

// Two variants of one "llm" plugin differ only in the variant: that is what the compare titles lead with.
QString shortName(const ModelPlugin& plugin) {
    if (!plugin.hasVariants())
        return QString::fromStdString(plugin.id());
    return variantText(plugin.variant(), plugin.manifest().llm.layer);
}

constexpr int kTitleHeight = 22;
constexpr int kMargin = 6;

}  // namespace

MapOverlayView::MapOverlayView(Workbench* session, PanelSource source, QWidget* parent)
    : QWidget(parent), session_(session), source_(source) {
    setMouseTracking(true);
    setMinimumSize(200, 160);
    setFocusPolicy(Qt::ClickFocus);
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &MapOverlayView::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, &MapOverlayView::refresh);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &MapOverlayView::refresh);
    connect(&session_->selection(), &SelectionModel::hoverChanged, this, [this](int token) {
        panel_.hoveredToken = token;
        update();
    });
    refresh();
}

void MapOverlayView::refresh() {
    const ViewSelection& sel = session_->selection().state();
    panel_ = MapPanel{};
    panel_.opacity = sel.opacity;
    panel_.hoveredToken = session_->selection().hoveredToken();
    emptyReason_.clear();
    const int slot = source_ == PanelSource::Comparison ? 1 : 0;
    const auto result = session_->document().result(slot);
    const auto plugin = session_->document().plugin(slot);
    if (!plugin) {
        emptyReason_ = slot == 0 ? tr("Open a plugin… (click, or File > Open Plugin)")
                                 : tr("Open a comparison plugin… (click)");
    } else if (!result && !session_->document().inputError(slot).isEmpty()) {
        // The current input failed: its error, in place of any earlier input's maps.
        emptyReason_ = QStringLiteral("⚠ ") + session_->document().inputError(slot);
    } else if (!result) {
        emptyReason_ = session_->scheduler().isBusy()
                           ? tr("Running %1…").arg(QString::fromStdString(plugin->id()))
                           : tr("Open an image (File > Open Images)");
    }
    if (!emptyReason_.isEmpty()) {
        update();
        return;
    }
    const std::string stage = session_->maps().stageFor(slot);
    if (stage.empty() && slot == 1) {  // never "waiting" for a map that cannot come
        emptyReason_ = tr("B (%1) has no %2 map at any stage")
                           .arg(QString::fromStdString(plugin->id()), mapKindText(sel.analysis));
        update();
        return;
    }
    panel_.selectedToken = session_->maps().selectedTokenOn(slot, stage);
    const QString what = mapCaption(slot, stage);
    prefix_ = plugin->manifest().tokens.prefix;
    // Image grids: a pick here is on this stage's grid. Video cubes keep the session's default (A's stage).
    pickGrid_ = plugin->manifest().layoutOf(stage).grid.size() == 2 ? plugin->manifest().layoutOf(stage).grid
                                                                    : std::vector<int64_t>{};
    panel_.image = sel.analysis == MapKind::Spectrum ? nullptr : session_->maps().frameImage(slot);
    if (source_ == PanelSource::Difference) {
        const ShownMaps::ComparedMaps maps = session_->maps().comparedMaps();
        if (!maps.a || !maps.b || maps.incompatible) {
            emptyReason_ =
                !session_->document().plugin(1) ? tr("Open a comparison plugin")
                : maps.waiting                  ? tr("Waiting for both results")
                : !maps.a || !maps.b
                    ? tr("No difference: %1 has no %2 map to compare")
                          .arg(!maps.a ? QStringLiteral("A") : QStringLiteral("B"), mapKindText(sel.analysis))
                    : tr("The two maps have different grids");
            update();
            return;
        }
        const auto& a = maps.a;
        const auto& b = maps.b;
        const QString resampled =
            maps.resampled ? tr(" on %1×%2").arg(a->shape[0]).arg(a->shape[1]) : QString();
        difference_ = FloatArray(a->shape);
        pickGrid_ = a->shape;  // the grid drawn here (the finer one across grids)
        double extent = 0;
        for (size_t i = 0; i < a->data.size(); ++i) {
            difference_.data[i] = a->data[i] - b->data[i];
            if (std::isfinite(difference_.data[i]))
                extent = std::max(extent, std::abs(double(difference_.data[i])));
        }
        panel_.map = &difference_;
        panel_.colormap = &Colormap::byName("rdbu-diverging");
        panel_.lo = -(extent > 0 ? extent : 1.0);  // symmetric, so white means "no change"
        panel_.hi = -panel_.lo;
        panel_.title = tr("A − B%1: %2, %3 − %4")  // the grid first: a long title is cut at its end
                           .arg(resampled, what, QString::fromStdString(session_->maps().stageFor(0)),
                                QString::fromStdString(session_->maps().stageFor(1)));
        panel_.valueLabel = tr("difference of %1").arg(mapKindInSentence(sel.analysis));
    } else {
        held_ = session_->maps().currentMap(slot);
        panel_.map = held_.get();
        panel_.colormap = &Colormap::byName(sel.colormap);
        // Compare mode: A and B on one range (with a range each, any two maps look alike) unless the choice
        // is a range each, or automatic and B stands in with another stage.
        const bool joint = jointScale_ && session_->maps().jointCompareScale() &&
                           session_->document().result(1 - slot) != nullptr;
        const auto [lo, hi] = jointScale_ ? session_->maps().compareColourRange(slot)
                                          : session_->maps().colourRange(slot, stage);
        panel_.lo = lo;
        panel_.hi = hi;
        // In compare mode the short id leads, so A and B stay tellable apart when the title is elided. B
        // without A's stage shows another one: said first, so it is never mistaken for the same stage.
        const bool substituted = slot == 1 && stage != sel.stage && stage != sel.comparisonStage;
        const auto& bStages = plugin->gridStages();
        const bool hasStage = std::find(bStages.begin(), bStages.end(), sel.stage) != bStages.end();
        panel_.title = jointScale_
                           ? QStringLiteral("%1: %2 · %3")
                                 .arg(slot == 0 ? QStringLiteral("A") : QStringLiteral("B"),
                                      shortName(*plugin) + QStringLiteral(" · ") +
                                          (!substituted ? QString::fromStdString(stage)
                                           : hasStage   ? tr("%1 (nearest with this map: its %2 has none)")
                                                            .arg(QString::fromStdString(stage),
                                                                 QString::fromStdString(sel.stage))
                                                      : tr("%1 (it has no %2)")
                                                            .arg(QString::fromStdString(stage),
                                                                 QString::fromStdString(sel.stage))),
                                      what)
                           : QStringLiteral("%1 · %2 · %3")
                                 .arg(pluginNameText(plugin->manifest()),
                                      stageLabelText(plugin->manifest(), stage), what);
        panel_.valueLabel = mapKindFormulaText(sel.analysis) + (joint ? tr(", A and B joint scale")
                                                                : sel.sharedScale ? tr(", shared scale")
                                                                                  : tr(", per-map scale"));
    }
    if (!panel_.map)
        emptyReason_ = tr("No %1 map for stage %2").arg(what, QString::fromStdString(stage));
    update();
}

void MapOverlayView::setView(double zoom, QPointF pan) {
    zoom = std::clamp(zoom, 1.0, 40.0);
    if (zoom == zoom_ && pan == pan_)
        return;
    zoom_ = zoom;
    pan_ = zoom == 1.0 ? QPointF() : pan;
    update();
    Q_EMIT viewChanged(zoom_, pan_);
}

QStringList MapOverlayView::titleLines(const QSize& size) const {
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF fm(bold);
    const double width = size.width() - 2 * kMargin;
    if (fm.horizontalAdvance(panel_.title) <= width)
        return {panel_.title};
    // Too long for one line: the model on the first, stage and map on the second, each fitted alone, so the
    // stage and the map are never what is cut.
    const int cut = panel_.title.indexOf(QStringLiteral(" · "));
    if (cut < 0)
        return {fitFigureTitle(panel_.title, fm, width)};
    return {fm.elidedText(panel_.title.left(cut), Qt::ElideMiddle, width),
            fitFigureTitle(panel_.title.mid(cut + 3), fm, width)};
}

QRectF MapOverlayView::mapArea(const QSize& size) const {
    // The colorbar takes what its labels need; the map the rest.
    const double title =
        titleLines(size).size() > 1 ? kTitleHeight + QFontMetricsF(font()).lineSpacing() : kTitleHeight;
    const double height = size.height() - title - kMargin;
    const double bar = mappaint::colorbarWidth(fontMetrics(), panel_, height) + 4;
    return QRectF(kMargin, title, size.width() - 2 * kMargin - bar, height);
}

QRectF MapOverlayView::fittedRect(const QSize& size) const {
    const QRectF area = mapArea(size);
    double aspect = 1.0;
    if (panel_.image && !panel_.image->empty())
        aspect = double(panel_.image->width) / panel_.image->height;
    else if (panel_.map && panel_.map->dim() == 2)
        aspect = double(panel_.map->shape[1]) / panel_.map->shape[0];
    double w = area.width(), h = w / aspect;
    if (h > area.height()) {
        h = area.height();
        w = h * aspect;
    }
    return QRectF(area.center().x() - w / 2, area.center().y() - h / 2, w, h);
}

QRectF MapOverlayView::mapRect(const QSize& size) const {
    const QRectF f = fittedRect(size);
    const QPointF centre = f.center() + pan_;
    return QRectF(centre.x() - f.width() * zoom_ / 2, centre.y() - f.height() * zoom_ / 2, f.width() * zoom_,
                  f.height() * zoom_);
}

int MapOverlayView::tokenAt(const QPointF& pos) const {
    if (!panel_.map || panel_.map->dim() != 2)
        return -1;
    const QRectF r = mapRect(size());
    if (!r.contains(pos))
        return -1;
    const int h = static_cast<int>(panel_.map->shape[0]), w = static_cast<int>(panel_.map->shape[1]);
    const int col = std::min(w - 1, static_cast<int>((pos.x() - r.left()) / r.width() * w));
    const int row = std::min(h - 1, static_cast<int>((pos.y() - r.top()) / r.height() * h));
    return row * w + col;
}

QPointF MapOverlayView::tokenCentre(int token) const {
    if (!panel_.map || panel_.map->dim() != 2)
        return {};
    const QRectF r = mapRect(size());
    const int h = static_cast<int>(panel_.map->shape[0]), w = static_cast<int>(panel_.map->shape[1]);
    return {r.left() + (token % w + 0.5) * r.width() / w, r.top() + (token / w + 0.5) * r.height() / h};
}

float MapOverlayView::valueAt(int token) const {
    if (!panel_.map || token < 0 || token >= static_cast<int>(panel_.map->data.size()))
        return NAN;
    return panel_.map->data[token];
}

QString MapOverlayView::describeToken(int token) const {
    if (!panel_.map || token < 0)
        return {};
    // One numbering everywhere: the token's index in the model's sequence (prefix tokens first), with its
    // grid cell; a query map also names its query.
    const int w = static_cast<int>(panel_.map->shape[1]);
    const QString query = session_->selection().state().analysis == MapKind::Query ||
                                  session_->selection().state().analysis == MapKind::Relevance
                              ? tr(" of query %1").arg(session_->selection().state().query)
                              : QString();
    // In compare mode the read-out names its panel: three panels show three different numbers.
    const QString panel = source_ == PanelSource::Difference ? tr("A − B, ")
                          : !jointScale_                     ? QString()
                          : source_ == PanelSource::Primary  ? tr("A, ")
                                                             : tr("B, ");
    return tr("%7token %1 (row %2, col %3): %4%5 = %6")
        .arg(prefix_ + token)
        .arg(token / w)
        .arg(token % w)
        .arg(panel_.valueLabel.section(QLatin1Char(','), 0, 0), query)
        .arg(QString::number(valueAt(token), 'g', 7), panel);
}

void MapOverlayView::paintInto(QPainter& p, const QSize& size) const {
    p.fillRect(QRect(QPoint(), size), palette().window());
    p.setPen(palette().color(QPalette::WindowText));
    if (!emptyReason_.isEmpty()) {
        const bool button = source_ != PanelSource::Difference &&
                            !session_->document().plugin(source_ == PanelSource::Comparison ? 1 : 0);
        if (emptyReason_.startsWith(QStringLiteral("⚠ ")))
            p.setPen(QColor(176, 0, 32));
        if (button) {  // drawn as a link: clicking it opens the plugin dialog
            QFont f = p.font();
            f.setUnderline(true);
            p.setFont(f);
            p.setPen(palette().color(QPalette::Link));
        }
        p.drawText(QRect(QPoint(), size).adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                   emptyReason_);
        return;
    }
    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setFont(bold);
    const QStringList lines = titleLines(size);
    const double lineHeight = QFontMetricsF(bold, p.device()).lineSpacing();
    const double top = lines.size() > 1 ? (kTitleHeight - lineHeight) / 2 : 0;
    for (int i = 0; i < lines.size(); ++i)
        p.drawText(QRectF(kMargin, top + i * lineHeight, size.width() - 2 * kMargin,
                          lines.size() > 1 ? lineHeight : kTitleHeight),
                   Qt::AlignLeft | Qt::AlignVCenter, lines[i]);
    p.restore();
    const QRectF area = mapArea(size);
    p.save();
    p.setClipRect(area);
    mappaint::paintMap(p, panel_, mapRect(size));
    p.restore();
    // The colorbar stands beside the unzoomed map, as tall as it but never shorter than 160 px.
    const QRectF fitted = fittedRect(size);
    const double barHeight = std::min(area.height(), std::max(160.0, fitted.height()));
    const double barTop =
        std::clamp(fitted.center().y() - barHeight / 2, area.top(), area.bottom() - barHeight);
    mappaint::paintColorbar(
        p, panel_, QRectF(area.right() + 4, barTop, size.width() - kMargin - area.right() - 4, barHeight));
}

void MapOverlayView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintInto(p, size());
}

void MapOverlayView::paintFigure(QPainter& p, const QSize& size) const {
    paintInto(p, size);
}

void MapOverlayView::wheelEvent(QWheelEvent* e) {
    const double factor = std::pow(1.0015, e->angleDelta().y());
    const double newZoom = std::clamp(zoom_ * factor, 1.0, 40.0);
    // Keep the point under the cursor fixed while zooming.
    const QRectF area = mapArea(size());
    const QPointF c = area.center() + pan_;
    const QPointF cursor = e->position();
    setView(newZoom, pan_ + (cursor - c) * (1 - newZoom / zoom_));
    e->accept();
}

void MapOverlayView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    dragging_ = true;
    dragged_ = false;
    dragStart_ = e->position();
    panAtDragStart_ = pan_;
}

void MapOverlayView::mouseMoveEvent(QMouseEvent* e) {
    if (dragging_ && zoom_ > 1.0 && (e->position() - dragStart_).manhattanLength() > 3) {
        dragged_ = true;
        setView(zoom_, panAtDragStart_ + (e->position() - dragStart_));
    }
    const int token = tokenAt(e->position());
    session_->selection().setHoveredToken(token);
    const QString text = describeToken(token);
    setToolTip(text);
    Q_EMIT hoverTextChanged(text);
}

void MapOverlayView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    const int slot = source_ == PanelSource::Comparison ? 1 : 0;
    if (!dragged_ && source_ != PanelSource::Difference && !session_->document().plugin(slot)) {
        dragging_ = false;
        Q_EMIT openPluginRequested(slot);  // the placeholder is a button: "Open a (comparison) plugin"
        return;
    }
    if (!dragged_) {
        const int token = tokenAt(e->position());
        if (token >= 0)
            session_->selection().setToken(token,
                                           pickGrid_);  // on this view's grid (B's may differ from A's)
    }
    dragging_ = false;
}

void MapOverlayView::mouseDoubleClickEvent(QMouseEvent*) {
    resetView();
}

void MapOverlayView::leaveEvent(QEvent*) {
    session_->selection().setHoveredToken(-1);
    Q_EMIT hoverTextChanged(QString());
}

}  // namespace filterscope
