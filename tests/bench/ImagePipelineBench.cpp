// Benchmark, not a test: per-image cost of each phase of `filterscope-cli run` on the demo plugin.
// usage: bench_image_pipeline PLUGIN_DIR IMAGE... [--repeat N]
// Prints the median over N runs of load+preprocess, forward, analysis (all four maps, every stage) and
// export (npy + PNG figures), and the analysis+export share of the total.
#include "analysis/StageMaps.h"
#include "batch/BatchExportJob.h"
#include "figure/FigureFileWriter.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"

#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace filterscope;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int qtArgc = 1;
    QGuiApplication app(qtArgc, argv);
    std::vector<std::string> images;
    int repeat = 5;
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--repeat" && i + 1 < argc)
            repeat = std::atoi(argv[++i]);
        else
            images.push_back(argv[i]);
    }
    if (argc < 3 || images.empty()) {
        std::fprintf(stderr, "usage: %s PLUGIN_DIR IMAGE... [--repeat N]\n", argv[0]);
        return 2;
    }
    const auto plugin = ModelPlugin::load(argv[1], DevicePreference::Auto);
    FigureFileWriter figures;
    NullProgressSink progress;
    std::printf("plugin %s on %s, %zu stages, all analyses, median of %d runs (ms)\n", plugin->id().c_str(),
                plugin->deviceName().c_str(), plugin->gridStages().size(), repeat);
    std::printf("%-28s %9s %9s %9s %9s %9s %9s %14s\n", "image", "load", "forward", "analysis", "npy-only",
                "export", "total", "analysis+export");
    for (const std::string& image : images) {
        std::vector<double> load, forward, analysis, exportFig, exportNpy;
        for (int r = 0; r < repeat; ++r) {
            for (FigureWriter* fw :
                 {static_cast<FigureWriter*>(&figures), static_cast<FigureWriter*>(nullptr)}) {
                QTemporaryDir out;
                BatchExportOptions o;
                o.inputs = collectImageInputs({image});
                o.outputDirectory = out.path().toStdString();
                BatchExportJob job(plugin, o, fw);
                const BatchReport rep = job.run(progress);
                if (rep.failedCount() > 0) {
                    std::fprintf(stderr, "error: %s\n", rep.items[0].error.c_str());
                    return 1;
                }
                const ItemTimings& t = rep.items[0].timings;
                if (fw) {
                    load.push_back(t.loadMs);
                    forward.push_back(t.forwardMs);
                    analysis.push_back(t.analysisMs);
                    exportFig.push_back(t.exportMs);
                } else {
                    exportNpy.push_back(t.exportMs);
                }
            }
        }
        const double total = median(load) + median(forward) + median(analysis) + median(exportFig);
        const std::string name = image.size() > 28 ? "..." + image.substr(image.size() - 25) : image;
        std::printf("%-28s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %13.1f%%\n", name.c_str(), median(load),
                    median(forward), median(analysis), median(exportNpy), median(exportFig), total,
                    100.0 * (median(analysis) + median(exportFig)) / total);
    }
    std::printf("npy-only: export with --no-figures; export: npy + 2 PNG figures per map at scale 2\n\n");

    // Attention analyses alone (per-head maps, mean, mask, head statistics for every attn.* stage, and the
    // rollout over all of them) against the forward pass that produced the captures.
    std::printf("%-28s %9s %12s %12s %9s\n", "image", "forward", "attention", "of forward", "stages");
    AnalysisSelection attentionOnly = AnalysisSelection::parse("attention");
    for (const std::string& image : images) {
        const PreparedImage in = prepareImage(loadImage(image), plugin->manifest().input);
        std::vector<double> forward, attention;
        size_t stagesWithAttention = 0;
        for (int r = 0; r < repeat; ++r) {
            auto t0 = std::chrono::steady_clock::now();
            const CaptureSet caps = plugin->run(in.tensor, image);
            auto t1 = std::chrono::steady_clock::now();
            const auto maps =
                computeStageMaps(caps, plugin->manifest().tokens, plugin->gridStages(), attentionOnly);
            const auto rollout = computeRolloutMap(caps, plugin->manifest().tokens);
            auto t2 = std::chrono::steady_clock::now();
            forward.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            attention.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
            stagesWithAttention = rollout ? rollout->stages.size() : 0;
        }
        const std::string name = image.size() > 28 ? "..." + image.substr(image.size() - 25) : image;
        std::printf("%-28s %9.1f %12.1f %11.0f%% %9zu\n", name.c_str(), median(forward), median(attention),
                    100.0 * median(attention) / median(forward), stagesWithAttention);
    }
    return 0;
}
