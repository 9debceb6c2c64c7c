#include "charts/CkaHeatmapView.h"

#include "color/Colormap.h"
#include "labels/LocalizedNames.h"
#include "session/Workbench.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace filterscope {

namespace {
constexpr int kLabelWidth = 110, kBarWidth = 14;

QStringList labelsOf(const Workbench& s, int slot, const std::vector<std::string>& stages) {
    QStringList out;
    for (const std::string& stage : stages)
        out << stageLabelText(s.document().plugin(slot)->manifest(), stage);
    return out;
}
}  // namespace

CkaHeatmapView::CkaHeatmapView(Workbench* session, QWidget* parent) : QWidget(parent), session_(session) {
    setMouseTracking(true);
    setToolTip(tr("Linear CKA between stages: 1 = the same representation up to rotation and scale"));
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &CkaHeatmapView::refresh);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &CkaHeatmapView::refresh);
    refresh();
}

void CkaHeatmapView::refresh() {
    matrix_ = FloatArray();
    rows_.clear();
    columns_.clear();
    message_.clear();
    const auto a = session_->document().result(0);
    const auto b = session_->document().plugin(1) ? session_->document().result(1) : nullptr;
    if (!a || !a->layers.cka) {
        message_ = a ? tr("Layer similarity needs at least two token stages")
                     : tr("Layer similarity: no result yet");
    } else if (b && b->layers.cka && !a->layers.grams.empty() && !b->layers.grams.empty()) {
        // Sa·Sb Frobenius products of N² each: recomputed only for a new pair of results, not on every
        // resultsChanged of the session (weak pointers: a result that left the cache never matches).
        if (crossA_.lock() != a || crossB_.lock() != b) {
            cross_ = crossCka(a->layers.grams, b->layers.grams);
            crossA_ = a;
            crossB_ = b;
        }
        matrix_ = cross_;
        rows_ = labelsOf(*session_, 0, a->layers.cka->stages);
        columns_ = labelsOf(*session_, 1, b->layers.cka->stages);
        title_ = tr("CKA: A's stages (rows) against B's (columns)");
    } else {
        matrix_ = a->layers.cka->values;
        rows_ = columns_ = labelsOf(*session_, 0, a->layers.cka->stages);
        title_ = b ? tr("CKA between the stages of A (B has too many tokens to compare across models)")
                   : tr("CKA between the stages of %1")
                         .arg(QString::fromStdString(session_->document().plugin(0)->id()));
    }
    update();
}

QRect CkaHeatmapView::cellArea() const {
    const int top = fontMetrics().height() + 8;
    const int side =
        std::max(10, std::min(width() - kLabelWidth - kBarWidth - 50, height() - top - kLabelWidth));
    return QRect(kLabelWidth, top, side, side);
}

void CkaHeatmapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (rows_.isEmpty()) {
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, message_);
        return;
    }
    p.drawText(QRect(0, 2, width(), fontMetrics().height() + 4), Qt::AlignHCenter, title_);
    const QRect area = cellArea();
    const int nr = rows_.size(), nc = columns_.size();
    const double cw = double(area.width()) / nc, ch = double(area.height()) / nr;
    const Colormap& map = Colormap::byName("viridis");
    for (int i = 0; i < nr; ++i)
        for (int j = 0; j < nc; ++j) {
            const float v = matrix_.data[i * nc + j];
            const QRectF cell(area.left() + j * cw, area.top() + i * ch, cw, ch);
            if (std::isnan(v)) {
                p.fillRect(cell, QColor(220, 220, 220));
                continue;
            }
            const Rgb c = map.at(v);
            p.fillRect(cell, QColor(c.r, c.g, c.b));
        }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetrics fm(small);
    for (int i = 0; i < nr; ++i)
        p.drawText(QRectF(0, area.top() + i * ch, kLabelWidth - 4, ch), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(shortStageLabel(rows_[i]), Qt::ElideMiddle, kLabelWidth - 6));
    for (int j = 0; j < nc; ++j) {
        p.save();
        p.translate(area.left() + (j + 0.5) * cw + fm.ascent() / 2.0, area.bottom() + 4);
        p.rotate(90);
        p.drawText(QRectF(0, 0, kLabelWidth - 8, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(shortStageLabel(columns_[j]), Qt::ElideMiddle, kLabelWidth - 8));
        p.restore();
    }
    // The colour bar: CKA lies in [0, 1].
    const QRect bar(area.right() + 12, area.top(), kBarWidth, area.height());
    for (int y = 0; y < bar.height(); ++y) {
        const Rgb c = map.at(1.0 - double(y) / std::max(1, bar.height() - 1));
        p.setPen(QColor(c.r, c.g, c.b));
        p.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
    }
    p.setPen(palette().text().color());
    p.drawText(bar.right() + 4, bar.top() + fm.ascent(), QStringLiteral("1"));
    p.drawText(bar.right() + 4, bar.bottom(), QStringLiteral("0"));
}

void CkaHeatmapView::mouseMoveEvent(QMouseEvent* e) {
    const QRect area = cellArea();
    if (rows_.isEmpty() || !area.contains(e->position().toPoint())) {
        QToolTip::hideText();
        return;
    }
    const int j = static_cast<int>((e->position().x() - area.left()) * columns_.size() / area.width());
    const int i = static_cast<int>((e->position().y() - area.top()) * rows_.size() / area.height());
    if (i < 0 || j < 0 || i >= rows_.size() || j >= columns_.size())
        return;
    const float v = matrix_.data[i * columns_.size() + j];
    QToolTip::showText(e->globalPosition().toPoint(),
                       std::isnan(v)
                           ? tr("%1 × %2: different token counts").arg(rows_[i], columns_[j])
                           : tr("%1 × %2: CKA = %3").arg(rows_[i], columns_[j]).arg(double(v), 0, 'f', 4),
                       this);
}

}  // namespace filterscope
