#include "figure/PngFigureWriter.h"

#include "common/Error.h"
#include "figure/CloudFigurePainter.h"
#include "figure/MapFigurePainter.h"
#include "figure/MapGridFigurePainter.h"

#include <QPainter>
#include <QSaveFile>

#include <cmath>
#include <memory>
#include <optional>

namespace filterscope {
namespace {

// Qt maps PNG "quality" to zlib effort (100 = none, 80 = level 1). Figures are mostly flat colour, so
// light compression gives nearly the smallest files in a fraction of the default effort's time.
constexpr int kPngQuality = 80;

// A figure's data, owned, so it outlives the caller's arrays while it waits in the pool.
struct OwnedFigure {
    MapFigureSpec spec;
    FloatArray map;
    std::optional<RgbImage> background;

    explicit OwnedFigure(const MapFigureSpec& s) : spec(s), map(*s.map) {
        if (s.background)
            background = *s.background;
        spec.map = &map;
        spec.background = background ? &*background : nullptr;
    }
};

}  // namespace

PngFigureWriter::PngFigureWriter(double scale) : scale_(scale) {}

PngFigureWriter::~PngFigureWriter() {
    pool_.waitForDone();
}

template <typename Painter>
void PngFigureWriter::paintAndSave(const std::string& path, const Painter& painter, double scale) {
    const QSize logical = painter.size();
    QImage image(static_cast<int>(std::lround(logical.width() * scale)),
                 static_cast<int>(std::lround(logical.height() * scale)), QImage::Format_RGB32);
    image.setDotsPerMeterX(static_cast<int>(std::lround(72.0 * scale / 0.0254)));
    image.setDotsPerMeterY(image.dotsPerMeterX());
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        p.scale(scale, scale);
        painter.paint(p);
    }
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG", kPngQuality) || !file.commit())
        throw Error(path + ": cannot write PNG figure: " + file.errorString().toStdString());
}

void PngFigureWriter::writeNow(const std::string& path, const MapFigureSpec& figure, double scale) {
    paintAndSave(path, MapFigurePainter(figure), scale);
}

void PngFigureWriter::run(std::function<void()> job) {
    pool_.start([this, job = std::move(job)] {
        try {
            job();
        } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lock(mutex_);
            errors_.push_back(e.what());
        }
    });
}

void PngFigureWriter::writePng(const std::string& path, const MapFigureSpec& figure) {
    auto owned = std::make_shared<OwnedFigure>(figure);
    const double scale = scale_;
    run([path, owned, scale] { writeNow(path, owned->spec, scale); });
}

void PngFigureWriter::writeGridPng(const std::string& path, const MapGridFigureSpec& figure) {
    auto owned = std::make_shared<MapGridFigureSpec>(figure);
    const double scale = scale_;
    run([path, owned, scale] { paintAndSave(path, MapGridFigurePainter(*owned), scale); });
}

void PngFigureWriter::writeCloudPng(const std::string& path, const CloudFigureSpec& figure) {
    auto owned = std::make_shared<CloudFigureSpec>(figure);
    const double scale = scale_;
    run([path, owned, scale] { paintAndSave(path, CloudFigurePainter(*owned), scale); });
}

void PngFigureWriter::finish() {
    pool_.waitForDone();
    std::lock_guard<std::mutex> lock(mutex_);
    if (errors_.empty())
        return;
    const std::string first = errors_.front();
    errors_.clear();
    throw Error(first);
}

}  // namespace filterscope
