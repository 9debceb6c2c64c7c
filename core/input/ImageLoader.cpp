#include "input/ImageLoader.h"

#include "common/Error.h"
#include "input/ImageHeader.h"
#include "input/ImageSignature.h"
#include "input/JpegIntegrity.h"
#include "input/OpenCvImage.h"
#include "input/PngIntegrity.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>
#include <QFileInfo>

#include <cstdlib>
#include <cstring>
#include <string>

namespace filterscope {

RgbImage loadImage(const std::string& path, ExifOrientation orientation, std::vector<std::string>* warnings) {
    bool jpeg = false;
    {
        // A small file may claim a huge picture: refused from its header, before OpenCV allocates for it.
        QFile file(QString::fromStdString(path));
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray head = file.read(1 << 18);
            jpeg = looksLikeJpeg(head.left(3).toStdString());
            const auto size = declaredImageSize(head.toStdString());
            // Divided, not multiplied: a header may claim 2^32-1 on each side, whose product overflows.
            if (size && (size->first <= 0 || size->second <= 0 || size->first > kMaxDecodedPixels ||
                         size->second > kMaxDecodedPixels / size->first))
                throw Error(path + ": the file declares a " + std::to_string(size->first) + "x" +
                            std::to_string(size->second) + " image; at most " +
                            std::to_string(kMaxDecodedPixels / 1000000) + " megapixels are decoded");
        }
    }
    const QFileInfo info(QString::fromStdString(path));
    if (!info.exists())
        throw Error(path + ": file not found");
    if (info.isDir())
        throw Error(path + ": is a folder, not an image");
    if (!info.isReadable())
        throw Error(path + ": cannot read the file (permission denied)");
    if (info.size() == 0)
        throw Error(path + ": empty file, not an image");
    // A text file renamed .png is said to be no PNG, as in an opened folder.
    if (const std::string problem = imageSignatureProblem(path); !problem.empty())
        throw Error(path + ": " + problem);

    // Our message names the file and the problem; OpenCV's own warnings would only repeat it less clearly.
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    cv::Mat bgr;
    try {
        const int flags = orientation == ExifOrientation::Apply
                              ? cv::IMREAD_COLOR  // honours EXIF orientation
                              : cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION;
        bgr = cv::imread(path, flags);
    } catch (const cv::Exception& e) {
        throw Error(path + ": cannot decode image: " + e.what());
    } catch (const std::bad_alloc&) {
        throw Error(path + ": not enough memory to decode this image");
    }
    if (bgr.empty()) {
        QFile file(QString::fromStdString(path));
        const std::string problem =
            file.open(QIODevice::ReadOnly) ? pngDecodeProblem(file.readAll().toStdString()) : std::string();
        throw Error(path + ": " +
                    (problem.empty() ? "cannot decode image (corrupt data or a format this build cannot read)"
                                     : problem));
    }

    if (jpeg && warnings) {
        QFile file(QString::fromStdString(path));
        std::string said;
        if (file.open(QIODevice::ReadOnly))
            for (const std::string& w : jpegDecodeWarnings(file.readAll().toStdString()))
                said += (said.empty() ? "" : "; ") + w;
        if (!said.empty())
            warnings->push_back(path + ": damaged JPEG data, decoded anyway (libjpeg: " + said +
                                "); parts of the picture may be grey or smeared");
    }
    return rgbFromBgr(bgr);
}

}  // namespace filterscope
