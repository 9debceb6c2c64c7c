#include "exporting/OverlayVideoWriter.h"

#include "color/Colormap.h"
#include "common/Error.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace filterscope {

void writeOverlayVideo(const std::string& path, const std::vector<RgbImage>& frames, const FloatArray& map,
                       int tubelet, const std::string& colormap, double lo, double hi, double opacity,
                       int scale, double fps) {
    if (frames.empty() || map.dim() != 3)
        throw Error(path + ": an overlay video needs frames and a [t,h,w] map");
    const Colormap& cmap = Colormap::byName(colormap);
    const int w = frames[0].width * scale, h = frames[0].height * scale;
    cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, cv::Size(w, h), true);
    if (!writer.isOpened())
        throw Error(path + ": cannot write video (Motion-JPEG AVI)");
    const int mh = static_cast<int>(map.shape[1]), mw = static_cast<int>(map.shape[2]);
    const double span = hi > lo ? hi - lo : 1.0;
    for (size_t f = 0; f < frames.size(); ++f) {
        const int t = std::min(static_cast<int>(f) / tubelet, static_cast<int>(map.shape[0]) - 1);
        cv::Mat rgb(frames[f].height, frames[f].width, CV_8UC3,
                    const_cast<uint8_t*>(frames[f].pixels.data()));
        cv::Mat big;
        cv::resize(rgb, big, cv::Size(w, h), 0, 0, cv::INTER_LINEAR);
        cv::Mat tokens(mh, mw, CV_8UC3);
        for (int y = 0; y < mh; ++y)
            for (int x = 0; x < mw; ++x) {
                const Rgb c = cmap.at((map.data[(static_cast<size_t>(t) * mh + y) * mw + x] - lo) / span);
                tokens.at<cv::Vec3b>(y, x) = cv::Vec3b(c.r, c.g, c.b);
            }
        cv::Mat tokensBig, blended, bgr;
        cv::resize(tokens, tokensBig, cv::Size(w, h), 0, 0, cv::INTER_NEAREST);
        cv::addWeighted(big, 1.0 - opacity, tokensBig, opacity, 0.0, blended);
        cv::cvtColor(blended, bgr, cv::COLOR_RGB2BGR);
        writer.write(bgr);
    }
    writer.release();
}

}  // namespace filterscope
