#include "metrics/TokenMask.h"

#include "common/Error.h"
#include "input/ImagePreprocessor.h"
#include "input/InputFileKinds.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>

namespace filterscope {

std::vector<uint8_t> maskAtModelInput(const std::string& maskPath, int imageWidth, int imageHeight,
                                      const ImageInputSpec& spec, int threshold) {
    cv::Mat grey;
    try {
        grey = cv::imread(maskPath, cv::IMREAD_GRAYSCALE | cv::IMREAD_IGNORE_ORIENTATION);
    } catch (const cv::Exception& e) {
        throw Error(maskPath + ": cannot decode mask: " + e.what());
    }
    if (grey.empty())
        throw Error(maskPath + ": cannot decode mask (not an image this build reads)");
    if (grey.cols != imageWidth || grey.rows != imageHeight)
        throw Error(maskPath + ": mask is " + std::to_string(grey.cols) + "x" + std::to_string(grey.rows) +
                    ", its image " + std::to_string(imageWidth) + "x" + std::to_string(imageHeight));
    const ResizeGeometry g = resizeGeometry(imageWidth, imageHeight, spec);
    const int H = spec.height, W = spec.width;
    std::vector<uint8_t> out(static_cast<size_t>(H) * W);
    for (int y = 0; y < H; ++y) {
        const int ry = y + g.top;  // row in the resized image
        const int sy = std::min(static_cast<int>((ry + 0.5) * imageHeight / g.height), imageHeight - 1);
        const uint8_t* row = grey.ptr<uint8_t>(sy);
        for (int x = 0; x < W; ++x) {
            const int rx = x + g.left;
            const int sx = std::min(static_cast<int>((rx + 0.5) * imageWidth / g.width), imageWidth - 1);
            out[static_cast<size_t>(y) * W + x] = row[sx] >= threshold;
        }
    }
    return out;
}

TokenMask tokenMask(const std::vector<uint8_t>& inputMask, int H, int W, int h, int w) {
    TokenMask m;
    m.grid = {h, w};
    std::vector<int> count(static_cast<size_t>(h) * w, 0), fg(count.size(), 0);
    for (int y = 0; y < H; ++y) {
        const int i = std::min(static_cast<int>((y + 0.5) * h / H), h - 1);
        for (int x = 0; x < W; ++x) {
            const int j = std::min(static_cast<int>((x + 0.5) * w / W), w - 1);
            const size_t cell = static_cast<size_t>(i) * w + j;
            ++count[cell];
            const bool on = inputMask[static_cast<size_t>(y) * W + x] != 0;
            fg[cell] += on;
            m.foregroundPixels += on;
        }
    }
    m.fraction.resize(count.size());
    m.tokens.resize(count.size());
    for (size_t c = 0; c < count.size(); ++c) {
        m.fraction[c] = count[c] ? static_cast<float>(fg[c]) / static_cast<float>(count[c]) : 0.0f;
        m.tokens[c] = m.fraction[c] >= 0.5f;
    }
    return m;
}

std::string findMask(const std::string& maskDir, const std::string& inputPath) {
    const QDir dir(QString::fromStdString(maskDir));
    const QString stem = QFileInfo(QString::fromStdString(inputPath)).completeBaseName();
    for (const QString& suffix : {QString(), QStringLiteral("_mask")})
        for (const QString& ext : imageSuffixes()) {
            const QString f = dir.filePath(stem + suffix + QLatin1Char('.') + ext);
            if (QFileInfo(f).isFile() && QFileInfo(f).absoluteFilePath() !=
                                             QFileInfo(QString::fromStdString(inputPath)).absoluteFilePath())
                return f.toStdString();
        }
    return {};
}

}  // namespace filterscope
