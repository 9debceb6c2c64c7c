#include "figure/FigureFileWriter.h"

#include "common/Error.h"
#include "figure/CloudFigurePainter.h"
#include "figure/FigureExport.h"
#include "figure/MapFigurePainter.h"
#include "figure/MapGridFigurePainter.h"

#include <QFileInfo>
#include <QPainter>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <cstdio>
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

std::vector<FigureFormat> parseFigureFormats(const std::string& text) {
    std::vector<FigureFormat> formats;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        const std::string word = text.substr(start, comma - start);
        const FigureFormat f =
            word == "png"   ? FigureFormat::Png
            : word == "pdf" ? FigureFormat::Pdf
            : word == "svg" ? FigureFormat::Svg
                            : throw Error("unknown figure format \"" + word + "\" (known: png, pdf, svg)");
        if (std::find(formats.begin(), formats.end(), f) == formats.end())
            formats.push_back(f);
        start = comma + 1;
    }
    return formats;
}

FigureFileWriter::FigureFileWriter(double scale, std::vector<FigureFormat> formats)
    : scale_(scale), formats_(std::move(formats)) {}

FigureFileWriter::~FigureFileWriter() {
    pool_.waitForDone();
}

std::string FigureFileWriter::describe() const {
    std::string s;
    for (FigureFormat f : formats_)
        s += std::string(s.empty() ? "" : ",") + (f == FigureFormat::Png   ? "png"
                                                  : f == FigureFormat::Pdf ? "pdf"
                                                                           : "svg");
    char scale[32];
    std::snprintf(scale, sizeof scale, " at %g px/pt", scale_);
    return s + scale;
}

FigureFormat figureFormatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return FigureFormat::Png;
    if (suffix == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    if (suffix == QLatin1String("svg"))
        return FigureFormat::Svg;
    throw Error(path.toStdString() + ": unknown figure format \"" + suffix.toStdString() +
                "\" (use .png, .pdf or .svg)");
}

void writeFigureFile(const QString& path, FigureFormat format, const FigurePainter& painter,
                     double pixelsPerPoint) {
    const QSize logical = painter.size();
    if (format != FigureFormat::Png) {  // vectors: the same layout in points
        exportFigure(
            path, logical, [&painter](QPainter& p, const QSize&) { painter.paint(p); }, 72, 72);
        return;
    }
    QImage image(static_cast<int>(std::lround(logical.width() * pixelsPerPoint)),
                 static_cast<int>(std::lround(logical.height() * pixelsPerPoint)), QImage::Format_RGB32);
    if (image.isNull())
        throw Error(path.toStdString() + ": a " + std::to_string(logical.width()) + "x" +
                    std::to_string(logical.height()) + " pt figure at " + std::to_string(pixelsPerPoint) +
                    " px/pt is too large an image");
    // Paper first: at a scale that does not divide the layout the last pixel row and column are only
    // partly painted, and an unfilled image would show through them.
    image.fill(Qt::white);
    image.setDotsPerMeterX(static_cast<int>(std::lround(72.0 * pixelsPerPoint / 0.0254)));
    image.setDotsPerMeterY(image.dotsPerMeterX());
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        p.scale(pixelsPerPoint, pixelsPerPoint);
        painter.paint(p);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG", kPngQuality) || !file.commit())
        throw Error(path.toStdString() + ": cannot write PNG figure: " + file.errorString().toStdString());
}

void FigureFileWriter::paintAndSave(const std::string& path, const FigurePainter& painter, double scale,
                                    const std::vector<FigureFormat>& formats) {
    const QString png = QString::fromStdString(path);
    const QString stem = png.endsWith(QLatin1String(".png")) ? png.chopped(4) : png;
    for (FigureFormat format : formats)
        writeFigureFile(stem + (format == FigureFormat::Png   ? QStringLiteral(".png")
                                : format == FigureFormat::Pdf ? QStringLiteral(".pdf")
                                                              : QStringLiteral(".svg")),
                        format, painter, scale);
}

void FigureFileWriter::writeNow(const std::string& path, const MapFigureSpec& figure, double scale) {
    paintAndSave(path, MapFigurePainter(figure), scale, {FigureFormat::Png});
}

void FigureFileWriter::run(std::function<void()> job) {
    {
        // Bounded: figures overlap the next inputs' forward passes, but a model faster than the painters
        // must not queue copies of maps and photos without end; the batch waits here instead.
        std::unique_lock<std::mutex> lock(mutex_);
        slotFree_.wait(lock, [this] { return pending_ < kMaxPendingFigures; });
        ++pending_;
    }
    pool_.start([this, job = std::move(job)] {
        std::string error;
        try {
            job();
        } catch (const std::exception& e) {
            error = e.what();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error.empty())
            errors_.push_back(error);
        --pending_;
        slotFree_.notify_all();
    });
}

void FigureFileWriter::writeMap(const std::string& path, const MapFigureSpec& figure) {
    auto owned = std::make_shared<OwnedFigure>(figure);
    const double scale = scale_;
    const auto formats = formats_;
    run([path, owned, scale, formats] { paintAndSave(path, MapFigurePainter(owned->spec), scale, formats); });
}

void FigureFileWriter::writeGrid(const std::string& path, const MapGridFigureSpec& figure) {
    auto owned = std::make_shared<MapGridFigureSpec>(figure);
    const double scale = scale_;
    const auto formats = formats_;
    run([path, owned, scale, formats] { paintAndSave(path, MapGridFigurePainter(*owned), scale, formats); });
}

void FigureFileWriter::writeCloud(const std::string& path, const CloudFigureSpec& figure) {
    auto owned = std::make_shared<CloudFigureSpec>(figure);
    const double scale = scale_;
    const auto formats = formats_;
    run([path, owned, scale, formats] { paintAndSave(path, CloudFigurePainter(*owned), scale, formats); });
}

void FigureFileWriter::finish() {
    pool_.waitForDone();
    std::lock_guard<std::mutex> lock(mutex_);
    if (errors_.empty())
        return;
    const std::string first = errors_.front();
    errors_.clear();
    throw Error(first);
}

}  // namespace filterscope
