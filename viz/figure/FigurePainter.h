#pragma once

#include <QSize>

class QPainter;

namespace filterscope {

// A figure laid out in points (1 logical unit = 1/72 inch) with its top-left at the origin: what
// writeFigureFile turns into PNG at any resolution, PDF or SVG. One painter per figure kind, used by the
// batch, the report and the window's export alike.
class FigurePainter {
public:
    virtual ~FigurePainter() = default;
    virtual QSize size() const = 0;
    virtual void paint(QPainter& painter) const = 0;
};

}  // namespace filterscope
