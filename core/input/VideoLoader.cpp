#include "input/VideoLoader.h"

#include "common/Error.h"
#include "input/OpenCvImage.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <QFileInfo>

#include <cmath>
#include <cstring>

namespace filterscope {
namespace {

cv::VideoCapture open(const std::string& path) {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    cv::VideoCapture cap;
    try {
        cap.open(path, cv::CAP_FFMPEG);
    } catch (const cv::Exception&) {
    }
    if (!cap.isOpened())
        throw Error(path +
                    ": cannot open video (corrupt or truncated file, or a codec this build cannot read)");
    return cap;
}

}  // namespace

std::vector<int> sampleFrameIndices(int frameCount, const VideoInputSpec& spec, const std::string& path) {
    const int t = spec.frames;
    std::vector<int> out;
    if (spec.sampling == VideoInputSpec::Sampling::Uniform) {
        if (frameCount < t)
            throw Error(path + ": has " + std::to_string(frameCount) + " frames, the plugin takes " +
                        std::to_string(t) + " (uniform sampling; clips are not padded)");
        const double step = t > 1 ? static_cast<double>(frameCount - 1) / (t - 1) : 0.0;
        for (int k = 0; k < t; ++k)
            out.push_back(k == t - 1 && t > 1 ? frameCount - 1 : static_cast<int>(std::nearbyint(k * step)));
    } else {
        const long long last = static_cast<long long>(t - 1) * spec.stride;
        if (last >= frameCount)
            throw Error(path + ": has " + std::to_string(frameCount) + " frames, stride " +
                        std::to_string(spec.stride) + " sampling of " + std::to_string(t) + " frames needs " +
                        std::to_string(last + 1) + " (clips are not padded)");
        for (int k = 0; k < t; ++k)
            out.push_back(k * spec.stride);
    }
    return out;
}

VideoFrames loadVideoFrames(const std::string& path, const VideoInputSpec& spec) {
    const QFileInfo info(QString::fromStdString(path));
    if (!info.exists())
        throw Error(path + ": file not found");
    if (info.isDir())
        throw Error(path + ": is a folder, not a video");
    if (info.size() == 0)
        throw Error(path + ": empty file, not a video");

    VideoFrames v;
    {
        cv::VideoCapture cap = open(path);
        v.fps = cap.get(cv::CAP_PROP_FPS);
        const double reported = cap.get(cv::CAP_PROP_FRAME_COUNT);
        while (cap.grab())
            ++v.frameCount;
        if (v.frameCount == 0)
            throw Error(path + ": no frame decodes (corrupt or truncated video)");
        if (reported > 0 && v.frameCount < 0.9 * reported)
            throw Error(path + ": truncated or corrupt: the container reports " +
                        std::to_string(static_cast<long long>(reported)) + " frames, only " +
                        std::to_string(v.frameCount) + " decode");
    }
    v.indices = sampleFrameIndices(v.frameCount, spec, path);
    cv::VideoCapture cap = open(path);
    cv::Mat frame;
    size_t next = 0;
    for (int i = 0; next < v.indices.size() && cap.grab(); ++i) {
        while (next < v.indices.size() && v.indices[next] == i) {  // an index may repeat when T > F/2
            if (!cap.retrieve(frame) || frame.empty())
                throw Error(path + ": frame " + std::to_string(i) + " does not decode");
            v.frames.push_back(rgbFromBgr(frame));
            ++next;
        }
    }
    if (v.frames.size() != v.indices.size())
        throw Error(path + ": the second pass decoded fewer frames than the first (unstable stream)");
    return v;
}

RgbImage firstVideoFrame(const std::string& path) {
    try {
        cv::VideoCapture cap = open(path);
        cv::Mat frame;
        if (cap.read(frame) && !frame.empty())
            return rgbFromBgr(frame);
    } catch (const Error&) {
    }
    return {};
}

}  // namespace filterscope
