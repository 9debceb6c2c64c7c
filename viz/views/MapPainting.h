#pragma once

#include "array/FloatArray.h"
#include "input/RgbImage.h"

#include <QRectF>
#include <QString>

class QFontMetricsF;
class QPainter;

namespace filterscope {

class Colormap;

// What one map panel shows: the image the model saw, a token map over it, and its colour scale.
struct MapPanel {
    const RgbImage* image = nullptr;  // null: the map alone (e.g. a spectrum, which has no positions)
    const FloatArray* map = nullptr;  // [h,w]
    const Colormap* colormap = nullptr;
    double lo = 0.0, hi = 1.0;
    double opacity = 0.6;
    int selectedToken = -1;
    int hoveredToken = -1;
    QString title;
    QString valueLabel;
};

// Painting shared by the interactive views and figure export, so an exported view is pixel for pixel
// what the window showed.
namespace mappaint {

// Paints image + map into `target` (already zoomed/panned by the caller), outlines the selected and
// hovered tokens.
void paintMap(QPainter& p, const MapPanel& panel, const QRectF& target);
// A vertical colorbar with real-valued ticks and the value label, inside `area`.
void paintColorbar(QPainter& p, const MapPanel& panel, const QRectF& area);
// Width the colorbar of `panel` takes beside a map about `height` tall: its tick labels measured in `fm`.
double colorbarWidth(const QFontMetricsF& fm, const MapPanel& panel, double height);

}  // namespace mappaint
}  // namespace filterscope
