#pragma once

#include "exporting/FigureWriter.h"

namespace filterscope {

// Paints map figures into PNG files. Needs a QGuiApplication (fonts); the CLI starts one on the
// offscreen platform. `scale` multiplies every pixel dimension (2 = print resolution for a column-wide
// figure); the PNG's DPI metadata says 72·scale.
class PngFigureWriter final : public FigureWriter {
public:
    explicit PngFigureWriter(double scale = 2.0) : scale_(scale) {}
    void writePng(const std::string& path, const MapFigureSpec& figure) override;

private:
    double scale_;
};

}  // namespace filterscope
