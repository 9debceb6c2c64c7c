// PNG size vs encoding time at every zlib level Qt offers (its "quality" q maps to level (100 − q)·9/91),
// for the batch's commonest figure: an overlay with colorbar at --figure-scale 2, over a real photo.
// Prints one line per level with bytes and milliseconds per figure (median of 15), relative to level 1 —
// the level FigureFileWriter uses (quality 80). Usage: bench_png_levels PHOTO
#include "figure/MapFigurePainter.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace filterscope;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_png_levels PHOTO\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ImageInputSpec spec;
    spec.width = spec.height = 224;
    const RgbImage photo = prepareImage(loadImage(argv[1]), spec).resized;
    FloatArray map({14, 14}, 0.0f);
    for (int i = 0; i < 196; ++i)  // a smooth field with some structure, like a real activation map
        map.data[i] = static_cast<float>(std::sin(i * 0.37) + 0.02 * i);
    MapFigureSpec figure;
    figure.title = "bench | llm.block | activation";
    figure.valueLabel = "‖xᵢ − x̄‖₂ (raw)";
    figure.scaling = "colour range: min–max of this map";
    figure.map = &map;
    figure.background = &photo;
    const MapFigurePainter painter(figure);
    QImage image(painter.size() * 2, QImage::Format_RGB32);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(2, 2);
        painter.paint(p);
    }
    std::printf("figure %dx%d px\n", image.width(), image.height());
    struct Row {
        int level, quality;
        qint64 bytes;
        double ms;
    };
    std::vector<Row> rows;
    for (int level = 0; level <= 9; ++level) {
        const int quality = 100 - (level * 91 + 8) / 9;  // smallest q giving this level
        std::vector<double> times;
        qint64 bytes = 0;
        for (int rep = 0; rep < 15; ++rep) {
            QByteArray out;
            QBuffer buffer(&out);
            buffer.open(QIODevice::WriteOnly);
            QElapsedTimer t;
            t.start();
            image.save(&buffer, "PNG", quality);
            times.push_back(t.nsecsElapsed() / 1e6);
            bytes = out.size();
        }
        std::sort(times.begin(), times.end());
        rows.push_back({level, quality, bytes, times[times.size() / 2]});
    }
    const Row& chosen = rows[1];
    for (const Row& r : rows)
        std::printf("zlib level %d (quality %3d): %8lld bytes (%.2fx level 1), %7.2f ms (%.2fx level 1)%s\n",
                    r.level, r.quality, static_cast<long long>(r.bytes), double(r.bytes) / chosen.bytes, r.ms,
                    r.ms / chosen.ms, r.level == 1 ? "  <- used" : "");
    return 0;
}
