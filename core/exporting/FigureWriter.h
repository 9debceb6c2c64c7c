#pragma once

#include "array/FloatArray.h"
#include "exporting/FigureSize.h"
#include "input/RgbImage.h"

#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// What a map figure shows. Core decides the content; how it is painted lives in viz (QtGui), so core
// stays free of GUI libraries and the CLI can still write figures.
struct MapFigureSpec {
    std::string title;                     // e.g. "astronaut — llm.block — activation"
    std::string valueLabel;                // e.g. "‖x_i − x̄‖₂ (raw)"
    std::string scaling;                   // e.g. "colour range: min–max of this map"
    const FloatArray* map = nullptr;       // [h,w]
    const RgbImage* background = nullptr;  // set for an overlay on the model's input image
    std::string colormap = "viridis";
    double overlayOpacity = 0.6;
    // Set by the window's export (and honoured by the batch alike): a colour range other than the map's
    // own min..max (shared across stages), a size to fit, and a caption under the figure.
    bool fixedRange = false;
    double lo = 0, hi = 1;
    FigureSize size;
    std::string caption;
};

// Small multiples on one shared colour scale, e.g. every attention head of a stage.
struct MapGridFigureSpec {
    std::string title;
    std::string valueLabel;
    std::vector<FloatArray> maps;     // [h,w] each, same shape
    std::vector<std::string> labels;  // one per map
    std::optional<RgbImage> background;
    std::vector<RgbImage> backgrounds;  // per map (a video filmstrip); overrides `background`
    std::string colormap = "viridis";
    double overlayOpacity = 0.6;
    int columns = 0;                // 0: up to 4
    std::vector<int> outlineGroup;  // per map: cells of one group share an outline colour (−1: none)
};

// Points coloured by a value each, from a fixed camera (a point-cloud map as a figure).
struct CloudFigureSpec {
    std::string title;
    std::string valueLabel;
    std::vector<float> xyz;      // 3 per point
    std::vector<float> values;   // 1 per point; NaN drawn grey
    std::vector<float> centers;  // optional group centres, 3 each, drawn as rings
    std::string colormap = "viridis";
};

class FigureWriter {
public:
    virtual ~FigureWriter() = default;
    // Writes a figure to `path` (named with ".png"; a writer asked for other formats also writes the same
    // figure beside it as .pdf and/or .svg). May work in the background and return before the file
    // exists: the spec's arrays are copied, so the caller may free them at once.
    virtual void writeMap(const std::string& path, const MapFigureSpec& figure) = 0;
    virtual void writeGrid(const std::string& path, const MapGridFigureSpec& figure) = 0;
    virtual void writeCloud(const std::string& path, const CloudFigureSpec& figure) = 0;
    // Returns when every figure asked for so far is on disk; throws Error naming the first path that
    // failed. Callers call it before they treat the figures' folder as complete.
    virtual void finish() {}
    // What the figures will be (formats, scale): a resumed batch redoes inputs written otherwise.
    virtual std::string describe() const { return "png"; }
};

}  // namespace filterscope
