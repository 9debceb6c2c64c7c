#pragma once

#include "exporting/FigureWriter.h"
#include "figure/FigurePainter.h"

#include <QImage>
#include <QRectF>
#include <QSize>

class QPainter;

namespace filterscope {

class Colormap;

// One token per pixel, coloured by `colormap` over [lo, hi]. Drawn scaled up without smoothing, each
// token stays a sharp cell, so the figure never suggests detail the model does not have.
QImage renderTokenMap(const FloatArray& map, const Colormap& colormap, double lo, double hi);

// Draws `map` into `target`, one cell per token. On a raster device, the image above scaled without
// smoothing; on a vector device (PDF, SVG, QPicture), one filled rectangle per token in the colormap's
// exact colour, so the cells stay crisp at any zoom and no image compression or viewer smoothing alters
// a colour. The painter's opacity applies either way.
void drawTokenMap(QPainter& painter, const QRectF& target, const FloatArray& map, const Colormap& colormap,
                  double lo, double hi);

// Lays out and paints a map figure: title, the map (or the input image with the map on top), a colorbar
// labelled with real values, a footer saying how colours are scaled, and the caption if there is one.
// Tight: the map and its colorbar take what the text leaves. At its natural size the map's longer side
// is 448 pt; with `spec.size` the figure is that wide (and fits that height), text staying its size.
// Throws Error when the size leaves the map under 24 pt.
class MapFigurePainter final : public FigurePainter {
public:
    explicit MapFigurePainter(const MapFigureSpec& spec);
    QSize size() const override;  // in points
    void paint(QPainter& painter) const override;

private:
    int captionHeight(int width) const;

    const MapFigureSpec& spec_;
    int mapWidth_ = 0;
    int mapHeight_ = 0;
    int captionHeight_ = 0;
    int tickLabelWidth_ = 0;  // the colorbar's tick labels and their gap
};

}  // namespace filterscope
