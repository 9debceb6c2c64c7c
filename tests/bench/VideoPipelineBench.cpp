// Benchmark, not a test: per clip, decode (both passes), forward and analysis time of the video pipeline,
// and the process's peak memory after each clip (only the T sampled frames are kept; the rest is
// decoded and dropped).
// usage: bench_video_pipeline PLUGIN_DIR CLIP... [--repeat N]
#include "analysis/StageMaps.h"
#include "input/InputPreparation.h"
#include "plugin/ModelPlugin.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace filterscope;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double peakMiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;  // kilobytes on Linux
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> clips;
    int repeat = 3;
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--repeat" && i + 1 < argc)
            repeat = std::atoi(argv[++i]);
        else
            clips.push_back(argv[i]);
    }
    if (argc < 3 || clips.empty()) {
        std::fprintf(stderr, "usage: %s PLUGIN_DIR CLIP... [--repeat N]\n", argv[0]);
        return 2;
    }
    const auto plugin = ModelPlugin::load(argv[1], DevicePreference::Auto);
    std::printf(
        "plugin %s on %s, T=%d frames, median of %d runs (ms); peak RSS of the process after the clip\n",
        plugin->id().c_str(), plugin->deviceName().c_str(), plugin->manifest().video.frames, repeat);
    std::printf("%-30s %8s %9s %9s %9s %12s\n", "clip", "frames", "decode", "forward", "analysis",
                "peak MiB");
    for (const std::string& clip : clips) {
        std::vector<double> decode, forward, analysis;
        int frames = 0;
        for (int r = 0; r < repeat; ++r) {
            const auto t0 = Clock::now();
            const PreparedInput in = prepareInput(clip, plugin->manifest());
            const auto t1 = Clock::now();
            const CaptureSet caps = plugin->run(in.tensor, clip);
            const auto t2 = Clock::now();
            const auto maps = computeStageMaps(caps, plugin->manifest().tokens, plugin->gridStages(),
                                               AnalysisSelection::all());
            const auto t3 = Clock::now();
            decode.push_back(ms(t0, t1));
            forward.push_back(ms(t1, t2));
            analysis.push_back(ms(t2, t3));
            frames = in.sourceFrames;
        }
        const std::string name = clip.size() > 30 ? "..." + clip.substr(clip.size() - 27) : clip;
        std::printf("%-30s %8d %9.1f %9.1f %9.1f %12.1f\n", name.c_str(), frames, median(decode),
                    median(forward), median(analysis), peakMiB());
    }
    return 0;
}
