#pragma once

#include "exporting/FigureWriter.h"
#include "figure/FigurePainter.h"

#include <QSize>

class QPainter;

namespace filterscope {

// A point cloud coloured by a value per point, seen from a fixed camera (yaw −35°, pitch 20°,
// orthographic, y up), farthest points drawn first; group centres as black rings; a colorbar with real
// values. The batch figure for point-cloud maps; the interactive view is VTK's.
class CloudFigurePainter final : public FigurePainter {
public:
    explicit CloudFigurePainter(const CloudFigureSpec& spec) : spec_(spec) {}
    QSize size() const override { return {640, 560}; }
    void paint(QPainter& p) const override;

    // Camera coordinates of a world point: x right, y up, z towards the viewer.
    static void project(const float* xyz, double out[3]);

private:
    const CloudFigureSpec& spec_;
};

}  // namespace filterscope
