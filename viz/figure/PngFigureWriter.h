#pragma once

#include "exporting/FigureWriter.h"

#include <QThreadPool>

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace filterscope {

// Paints map figures into PNG files on a thread pool: PNG encoding, not painting, is the cost (tens of
// ms per figure), and figures are independent. Needs a QGuiApplication (fonts); the CLI starts one on
// the offscreen platform. `scale` multiplies every pixel dimension (2 = print resolution for a
// column-wide figure); the PNG's DPI metadata says 72·scale.
class PngFigureWriter final : public FigureWriter {
public:
    explicit PngFigureWriter(double scale = 2.0);
    ~PngFigureWriter() override;

    void writePng(const std::string& path, const MapFigureSpec& figure) override;
    void writeGridPng(const std::string& path, const MapGridFigureSpec& figure) override;
    void writeCloudPng(const std::string& path, const CloudFigureSpec& figure) override;
    void finish() override;

    // Paints and writes synchronously on the calling thread; throws Error on failure.
    static void writeNow(const std::string& path, const MapFigureSpec& figure, double scale);

private:
    template <typename Painter>
    static void paintAndSave(const std::string& path, const Painter& painter, double scale);
    void run(std::function<void()> job);

    double scale_;
    QThreadPool pool_;
    std::mutex mutex_;
    std::vector<std::string> errors_;
};

}  // namespace filterscope
