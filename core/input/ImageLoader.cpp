#include "input/ImageLoader.h"

#include "common/Error.h"
#include "input/OpenCvImage.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFileInfo>

#include <cstring>

namespace filterscope {

RgbImage loadImage(const std::string& path, ExifOrientation orientation) {
    const QFileInfo info(QString::fromStdString(path));
    if (!info.exists())
        throw Error(path + ": file not found");
    if (info.isDir())
        throw Error(path + ": is a folder, not an image");
    if (!info.isReadable())
        throw Error(path + ": cannot read the file (permission denied)");
    if (info.size() == 0)
        throw Error(path + ": empty file, not an image");

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
    }
    if (bgr.empty())
        throw Error(path + ": cannot decode image (corrupt data or a format this build cannot read)");

    return rgbFromBgr(bgr);
}

}  // namespace filterscope
