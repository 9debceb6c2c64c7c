#pragma once

#include <QRectF>
#include <QString>

class QFontMetricsF;
class QPainter;

namespace filterscope {

class Colormap;

// One colorbar: the colormap's gradient in `bar` (top = hi, bottom = lo) with an outline, ticks at nice
// real values (figure/ColorbarTicks) whose labels never repeat, as many as the bar's height leaves a line
// and a half each, and the value label along the bar (bottom to top) beyond the tick labels, with the
// labels' shared factor or offset ("Activation (×10⁻³)"). Every figure painter and the window's map views
// draw theirs with this, in the painter's current font and pen.
struct ColorbarAxis {
    QRectF bar;
    double lo = 0, hi = 1;
    double labelWidth = 0;       // room for the tick labels right of the bar; 0: as wide as they are
    QString valueLabel;          // empty: none
    double valueLabelRight = 0;  // where the value label's outer edge is; 0: just beyond the tick labels
    // The figures' pixel-grid convention: the outline one unit inside the gradient's right and bottom edge
    // (as QRect::adjusted(0, 0, -1, -1)), so it lands on the gradient's last pixels, not beyond them.
    bool insetOutline = false;
};
void paintColorbar(QPainter& p, const Colormap& colormap, const ColorbarAxis& axis);
// Width the colorbar takes right of `bar.right()`: the tick labels, and the value label when it has one
// (or the labels share a factor), measured in `fm`.
double colorbarExtent(const QFontMetricsF& fm, const ColorbarAxis& axis);
// The widest tick label `axis` gets in `fm` (what labelWidth 0 stands for).
double colorbarLabelWidth(const QFontMetricsF& fm, const ColorbarAxis& axis);

}  // namespace filterscope
