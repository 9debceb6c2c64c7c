#pragma once

#include <string>

namespace filterscope {

// A figure's size in points (1/72 inch) as a researcher asks for it: the column or page width of a paper,
// and optionally a height the figure must fit into. 0: the figure's natural size in that direction.
struct FigureSize {
    double width = 0, height = 0;
    bool natural() const { return width <= 0 && height <= 0; }
};

// "WxH" or "W" with a unit: in (inches), pt (points), cm or mm, written once at the end ("3.5x3in") or
// after each number ("252ptx3in"); no unit means points. Throws Error naming the text and what is wrong.
FigureSize parseFigureSize(const std::string& text);

}  // namespace filterscope
