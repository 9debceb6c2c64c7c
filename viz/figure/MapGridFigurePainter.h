#pragma once

#include "exporting/FigureWriter.h"
#include "figure/FigurePainter.h"

#include <QSize>

class QPainter;

namespace filterscope {

// Paints small multiples (e.g. every head of a stage) on one shared colour range, each labelled, with one
// colorbar for all, so cells can be compared by eye.
class MapGridFigurePainter final : public FigurePainter {
public:
    explicit MapGridFigurePainter(const MapGridFigureSpec& spec);
    QSize size() const override;
    void paint(QPainter& painter) const override;
    int columns() const { return columns_; }

private:
    const MapGridFigureSpec& spec_;
    int columns_ = 1;
    int rows_ = 1;
    int cellW_ = 0;
    int cellH_ = 0;
};

}  // namespace filterscope
