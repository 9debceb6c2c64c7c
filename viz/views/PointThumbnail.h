#pragma once

#include "pointcloud/PointCloud.h"

#include <QPointF>
#include <QRectF>

#include <vector>

class QPainter;

namespace filterscope {

class Colormap;

// A point cloud small enough for one cell of the stage strip: every point seen from the figure's camera
// (CloudFigurePainter::project: yaw −35°, pitch 20°, orthographic), farthest first, coloured by its value,
// on the 3D view's dark background. So each stage shows where its values sit on the shape, not an empty
// box that sends the reader to the 3D view.
class PointThumbnail {
public:
    explicit PointThumbnail(const PointCloud& cloud);

    // Where point i lands in `cell`: the projected cloud's bounding box centred, its longer side 90% of
    // the cell's.
    QPointF position(int64_t point, const QRectF& cell) const;
    // `values`: one per point (NaN: grey, as in the 3D view); lo..hi spans the colormap.
    void paint(QPainter& p, const std::vector<float>& values, double lo, double hi, const Colormap& cmap,
               const QRectF& cell) const;
    int64_t size() const { return static_cast<int64_t>(x_.size()); }

private:
    std::vector<double> x_, y_;   // camera coordinates: x right, y up
    std::vector<int64_t> order_;  // far to near
    double cx_ = 0, cy_ = 0, span_ = 1;
};

}  // namespace filterscope
