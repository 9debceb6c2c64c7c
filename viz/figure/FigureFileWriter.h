#pragma once

#include "exporting/FigureWriter.h"

#include <QThreadPool>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace filterscope {

class FigurePainter;

enum class FigureFormat { Png, Pdf, Svg };
// "png,pdf,svg" (any subset, comma-separated) → formats; throws Error naming a word it does not know.
std::vector<FigureFormat> parseFigureFormats(const std::string& text);

// Writes one figure, through a temporary file renamed into place: PNG at `pixelsPerPoint` (DPI metadata
// 72 × that), PDF or SVG as vectors of the same layout (token cells as rectangles of exact colours, text as
// text, photos embedded losslessly). The one way the batch, the report and the window's export write a
// figure. Throws Error naming the path.
void writeFigureFile(const QString& path, FigureFormat format, const FigurePainter& painter,
                     double pixelsPerPoint);
// The format a path's suffix names (.png, .pdf, .svg); throws Error naming the path otherwise.
FigureFormat figureFormatOf(const QString& path);

// Paints figures into files on a thread pool: encoding, not painting, is the cost (tens of ms per PNG),
// and figures are independent. Needs a QGuiApplication (fonts); the CLI starts one on the offscreen
// platform. A figure's layout is in points (1 logical pixel = 1/72 inch): PNG at `scale` pixels per point
// (2 = print resolution for a column-wide figure; DPI metadata 72·scale), PDF and SVG as vectors of the
// same layout (token cells as rectangles, text as text, photos embedded losslessly).
class FigureFileWriter final : public FigureWriter {
public:
    explicit FigureFileWriter(double scale = 2.0, std::vector<FigureFormat> formats = {FigureFormat::Png});
    ~FigureFileWriter() override;

    void writeMap(const std::string& path, const MapFigureSpec& figure) override;
    void writeGrid(const std::string& path, const MapGridFigureSpec& figure) override;
    void writeCloud(const std::string& path, const CloudFigureSpec& figure) override;
    void finish() override;
    std::string describe() const override;

    // Paints and writes a PNG synchronously on the calling thread; throws Error on failure.
    static void writeNow(const std::string& path, const MapFigureSpec& figure, double scale);

private:
    static void paintAndSave(const std::string& path, const FigurePainter& painter, double scale,
                             const std::vector<FigureFormat>& formats);
    void run(std::function<void()> job);

    double scale_;
    std::vector<FigureFormat> formats_;
    QThreadPool pool_;
    static constexpr int kMaxPendingFigures = 64;  // painted or waiting; each holds its own data
    std::mutex mutex_;
    std::condition_variable slotFree_;
    int pending_ = 0;
    std::vector<std::string> errors_;
};

}  // namespace filterscope
