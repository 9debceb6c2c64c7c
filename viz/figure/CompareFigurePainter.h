#pragma once

#include "array/FloatArray.h"
#include "exporting/FigureSize.h"
#include "figure/FigurePainter.h"
#include "input/RgbImage.h"

#include <optional>
#include <string>

namespace filterscope {

// One panel of a comparison: a map over the image its model saw.
struct ComparePanel {
    std::string title;
    FloatArray map;  // [h,w]
    std::optional<RgbImage> background;
};

// A and B side by side on one colour range (equal colours, equal values) with one colorbar, or each on its
// own range with its own colorbar, and A − B on a diverging colormap symmetric about 0 (white: no change)
// with its own: compare mode as one figure.
// Owns its data, so it can be painted on a worker while the window goes on.
struct CompareFigureSpec {
    std::string title;
    ComparePanel a, b, difference;
    std::string colormap = "viridis";
    double overlayOpacity = 0.6;
    double lo = 0, hi = 1;  // A's and B's joint range, or A's own when !joint
    bool joint = true;
    double bLo = 0, bHi = 1;  // B's own range when !joint
    std::string valueLabel, differenceLabel;
    std::string footer;  // the numbers of A − B (mean |A − B|, max, Pearson r)
    FigureSize size;
    std::string caption;
};

// Panels aligned on one row; at its natural size each map is 240 pt wide, with `size` the figure is that
// wide (and fits that height), text staying its size. Throws Error when the size leaves a map under 24 pt.
class CompareFigurePainter final : public FigurePainter {
public:
    explicit CompareFigurePainter(const CompareFigureSpec& spec);
    QSize size() const override;
    void paint(QPainter& painter) const override;

private:
    const CompareFigureSpec& spec_;
    int fixedWidth() const;  // besides the three maps: margins, gaps and two or three colorbars
    int cellW_ = 0, cellH_ = 0, captionH_ = 0;
};

}  // namespace filterscope
