#include "figure/CompareFigurePainter.h"

#include "color/Colormap.h"
#include "common/Error.h"
#include "figure/ColorbarAxis.h"
#include "figure/FigureFont.h"
#include "figure/FigureTitle.h"
#include "figure/MapFigurePainter.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

constexpr int kMargin = 16;
constexpr int kTitle = 26;
constexpr int kPanelTitle = 18;
constexpr int kGap = 12;
constexpr int kBarGap = 10;
constexpr int kBar = 18;
constexpr int kTickLabels = 56;
constexpr int kValueLabel = 22;
constexpr int kColorbar = kBarGap + kBar + 7 + kTickLabels + kValueLabel;
constexpr int kFooter = 36;
constexpr int kNaturalCell = 240;

double aspectOf(const ComparePanel& p) {  // height / width
    if (p.background && p.background->width > 0)
        return double(p.background->height) / p.background->width;
    return p.map.dim() == 2 ? double(p.map.shape[0]) / p.map.shape[1] : 1.0;
}

}  // namespace

CompareFigurePainter::CompareFigurePainter(const CompareFigureSpec& spec) : spec_(spec) {
    for (const ComparePanel* p : {&spec.a, &spec.b, &spec.difference})
        if (p->map.dim() != 2)
            throw Error("a comparison figure needs 2-D maps, got " + p->map.shapeString());
    const double aspect = std::max({aspectOf(spec.a), aspectOf(spec.b), aspectOf(spec.difference)});
    double w = kNaturalCell;
    if (spec.size.width > 0)
        w = (spec.size.width - fixedWidth()) / 3.0;
    if (!spec.caption.empty()) {
        const QFontMetricsF fm(figureFont(11));
        const double width = 3 * w + fixedWidth() - 2 * kMargin;
        captionH_ = static_cast<int>(std::ceil(fm.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap,
                                                               QString::fromStdString(spec.caption))
                                                   .height())) +
                    6;
    }
    if (spec.size.height > 0) {
        const double room =
            spec.size.height - (kMargin + kTitle + kPanelTitle + kFooter + captionH_ + kMargin / 2);
        if (spec.size.width <= 0 || w * aspect > room)
            w = room / aspect;
    }
    cellW_ = static_cast<int>(std::lround(w));
    cellH_ = static_cast<int>(std::lround(w * aspect));
    if (std::min(cellW_, cellH_) < 24)
        throw Error("a comparison figure of " + std::to_string(std::lround(spec.size.width)) + "x" +
                    std::to_string(std::lround(spec.size.height)) + " pt leaves each map " +
                    std::to_string(cellW_) + "x" + std::to_string(cellH_) + " pt: give it at least " +
                    std::to_string(fixedWidth() + 72) + " pt of width");
}

int CompareFigurePainter::fixedWidth() const {
    return 2 * kMargin + (spec_.joint ? kGap : kColorbar) + 2 * kColorbar + kMargin;
}

QSize CompareFigurePainter::size() const {
    return {3 * cellW_ + fixedWidth(),
            kMargin + kTitle + kPanelTitle + cellH_ + kFooter + captionH_ + kMargin / 2};
}

void CompareFigurePainter::paint(QPainter& p) const {
    const QSize total = size();
    p.fillRect(QRect(QPoint(), total), Qt::white);
    p.setPen(Qt::black);
    p.setFont(figureFont(14, true));
    p.drawText(QRect(kMargin, kMargin / 2, total.width() - 2 * kMargin, kTitle),
               Qt::AlignLeft | Qt::AlignVCenter,
               fitFigureTitle(QString::fromStdString(spec_.title), QFontMetricsF(p.font(), p.device()),
                              total.width() - 2 * kMargin));
    const Colormap& cmap = Colormap::byName(spec_.colormap);
    const Colormap& diverging = Colormap::byName("rdbu-diverging");
    double extent = 0;
    for (float v : spec_.difference.map.data)
        if (std::isfinite(v))
            extent = std::max(extent, std::abs(double(v)));
    extent = extent > 0 ? extent : 1.0;
    const int top = kMargin + kTitle + kPanelTitle;
    const int xA = kMargin, xB = xA + cellW_ + (spec_.joint ? kGap : kColorbar),
              xD = xB + cellW_ + kColorbar + kMargin;
    auto panel = [&](const ComparePanel& panel, int x, const Colormap& colours, double lo, double hi) {
        const double aspect = aspectOf(panel);
        const int h = static_cast<int>(std::lround(cellW_ * aspect));
        const QRect target(x, top, cellW_, std::min(h, cellH_));
        p.setFont(figureFont(11, true));
        p.setPen(Qt::black);
        const int titleWidth = cellW_ + (x == xA && spec_.joint ? 0 : kColorbar);  // may run over its bar
        p.drawText(QRect(x, top - kPanelTitle, titleWidth, kPanelTitle), Qt::AlignLeft | Qt::AlignVCenter,
                   fitFigureTitle(QString::fromStdString(panel.title), QFontMetricsF(p.font(), p.device()),
                                  titleWidth));
        if (panel.background) {
            const RgbImage& bg = *panel.background;
            const QImage photo(bg.pixels.data(), bg.width, bg.height, bg.width * 3, QImage::Format_RGB888);
            p.setRenderHint(QPainter::SmoothPixmapTransform, true);
            p.drawImage(target, photo);
            p.setRenderHint(QPainter::SmoothPixmapTransform, false);
            p.setOpacity(spec_.overlayOpacity);
        }
        drawTokenMap(p, target, panel.map, colours, lo, hi);
        p.setOpacity(1.0);
        p.setPen(QPen(Qt::black, 1));
        p.drawRect(target.adjusted(0, 0, -1, -1));
    };
    auto bar = [&](int right, const Colormap& colours, double lo, double hi, const std::string& label) {
        p.setFont(figureFont(11));
        p.setPen(Qt::black);
        ColorbarAxis axis;
        axis.bar = QRectF(right + kBarGap, top, kBar, cellH_);
        axis.insetOutline = true;
        axis.lo = lo;
        axis.hi = hi;
        axis.valueLabel = QString::fromStdString(label);
        // The value label just beyond the widest tick label, inside the room the layout keeps for both.
        const QFontMetricsF fm(p.font(), p.device());
        axis.labelWidth = std::min<double>(kTickLabels, colorbarLabelWidth(fm, axis));
        paintColorbar(p, colours, axis);
    };
    panel(spec_.a, xA, cmap, spec_.lo, spec_.hi);
    if (spec_.joint) {
        panel(spec_.b, xB, cmap, spec_.lo, spec_.hi);
        bar(xB + cellW_, cmap, spec_.lo, spec_.hi, spec_.valueLabel);
    } else {
        bar(xA + cellW_, cmap, spec_.lo, spec_.hi, spec_.valueLabel + ", A");
        panel(spec_.b, xB, cmap, spec_.bLo, spec_.bHi);
        bar(xB + cellW_, cmap, spec_.bLo, spec_.bHi, spec_.valueLabel + ", B");
    }
    panel(spec_.difference, xD, diverging, -extent, extent);
    bar(xD + cellW_, diverging, -extent, extent, spec_.differenceLabel);
    p.setFont(figureFont(11));
    p.setPen(QColor(70, 70, 70));
    const int below = top + cellH_;
    p.drawText(
        QRect(kMargin, below + 6, total.width() - 2 * kMargin, kFooter - 6),
        Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
        QString::fromStdString(spec_.footer) +
            (spec_.joint ? QStringLiteral("; A and B on one range %1 to %2")
                               .arg(QString::number(spec_.lo, 'g', 5), QString::number(spec_.hi, 'g', 5))
                         : QStringLiteral("; a range each: A %1 to %2, B %3 to %4")
                               .arg(QString::number(spec_.lo, 'g', 5), QString::number(spec_.hi, 'g', 5),
                                    QString::number(spec_.bLo, 'g', 5), QString::number(spec_.bHi, 'g', 5))) +
            QStringLiteral(", A − B symmetric about 0 (±%1)").arg(QString::number(extent, 'g', 5)));
    if (captionH_ > 0) {
        p.setPen(Qt::black);
        p.drawText(QRect(kMargin, below + kFooter + 4, total.width() - 2 * kMargin, captionH_),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, QString::fromStdString(spec_.caption));
    }
}

}  // namespace filterscope
