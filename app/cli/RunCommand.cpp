#include "RunCommand.h"

#include "CliArguments.h"
#include "StderrProgress.h"
#include "batch/ImageBatchJob.h"
#include "color/Colormap.h"
#include "common/Error.h"
#include "figure/PngFigureWriter.h"

#include <cstdio>
#include <cstdlib>

namespace filterscope {

const char* const kRunUsage =
    "usage: filterscope-cli run --plugin DIR --input PATH... --out DIR\n"
    "                           [--analyses norm,activation,freq,spectrum,attention,qformer] [--stages "
    "a,b,...]\n"
    "                           [--device auto|cpu|cuda] [--colormap NAME] [--figure-scale S]\n"
    "                           [--variant NAME] [--no-figures] [--quiet]\n"
    "\n"
    "  --plugin DIR     plugin folder (plugin.json + TorchScript model)\n"
    "  --variant NAME   for plugins with an \"llm\" section: llm, random, identity or baseline\n"
    "  --input PATH...  image files and/or folders of images (png jpg jpeg bmp tif tiff webp)\n"
    "  --out DIR        output folder: OUT/<input>/<stage>/*.npy|*.png and OUT/metrics.csv\n"
    "  --analyses LIST  default: all of norm, activation, freq, spectrum, attention, qformer\n"
    "  --stages LIST    default: every stage with a tokens.<stage> capture\n"
    "  --colormap NAME  viridis (default), magma, inferno, turbo, gray\n"
    "  --relevance-target T  Q-Former relevance target: top-logit (default), logit:K, query-norm:STAGE:Q\n"
    "  --figure-scale S PNG pixels per figure point: 2 (default, print), 1 (4x fewer pixels, faster)\n"
    "  --no-figures     write numbers only (.npy, metrics.csv)\n"
    "\n"
    "Exit code: 0 all inputs written; 1 some input failed or Ctrl-C; 2 bad usage or unusable plugin.\n";

namespace {

ScriptModule::GradientTarget parseRelevanceTarget(const std::string& text) {
    ScriptModule::GradientTarget t;
    const std::string bad =
        "--relevance-target must be top-logit, logit:K or query-norm:STAGE:Q, got \"" + text + "\"";
    try {
        if (text == "top-logit")
            return t;
        if (text.rfind("logit:", 0) == 0) {
            t.kind = ScriptModule::GradientTarget::Kind::Logit;
            t.index = std::stoi(text.substr(6));
            return t;
        }
        if (text.rfind("query-norm:", 0) == 0) {
            const std::string rest = text.substr(11);
            const size_t colon = rest.rfind(':');
            if (colon == std::string::npos || colon == 0)
                throw Error(bad);
            t.kind = ScriptModule::GradientTarget::Kind::QueryNorm;
            t.stage = rest.substr(0, colon);
            t.index = std::stoi(rest.substr(colon + 1));
            return t;
        }
    } catch (const std::logic_error&) {
    }
    throw Error(bad);
}

}  // namespace

int runRunCommand(const std::vector<std::string>& args) {
    std::shared_ptr<ModelPlugin> plugin;
    std::unique_ptr<ImageBatchJob> job;
    std::unique_ptr<PngFigureWriter> figures;
    bool quiet = false;
    try {
        const CliArguments cli(args,
                               {"plugin", "input", "out", "analyses", "stages", "device", "colormap",
                                "figure-scale", "relevance-target", "variant"},
                               {"no-figures", "quiet"});
        if (!cli.positional().empty())
            throw Error("unexpected argument \"" + cli.positional().front() + "\"");
        quiet = cli.has("quiet");
        ImageBatchOptions options;
        options.outputDirectory = cli.value("out");
        if (cli.values("input").empty())
            throw Error("--input needs at least one file or folder");
        if (cli.has("analyses"))
            options.analyses = AnalysisSelection::parse(cli.value("analyses"));
        options.stages = cli.list("stages");
        options.colormap = cli.value("colormap", "viridis");
        options.relevanceTarget = parseRelevanceTarget(cli.value("relevance-target", "top-logit"));
        Colormap::byName(options.colormap);  // reject an unknown name before any work
        const std::string scaleText = cli.value("figure-scale", "2");
        const double scale = std::atof(scaleText.c_str());
        if (!(scale >= 0.25 && scale <= 8))
            throw Error("--figure-scale must be between 0.25 and 8, got " + scaleText);
        figures = std::make_unique<PngFigureWriter>(scale);
        plugin = ModelPlugin::load(cli.value("plugin"), parseDevicePreference(cli.value("device", "auto")),
                                   cli.value("variant", ""));
        // Folders expand to the files the plugin's modality reads; a missing path stays, to fail as an item.
        const Modality modality = plugin->manifest().modality;
        options.inputs = modality == Modality::Video        ? collectVideoInputs(cli.values("input"))
                         : modality == Modality::PointCloud ? collectPointCloudInputs(cli.values("input"))
                                                            : collectImageInputs(cli.values("input"));
        if (options.inputs.empty())
            throw Error("--input names only folders without " + modalityName(modality) + " files");
        job =
            std::make_unique<ImageBatchJob>(plugin, options, cli.has("no-figures") ? nullptr : figures.get());
        if (!quiet)
            std::fprintf(stderr, "plugin %s on %s; %zu inputs; stages: %zu; analyses: %s\n",
                         plugin->id().c_str(), plugin->deviceName().c_str(), options.inputs.size(),
                         job->stages().size(), options.analyses.toString().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }

    StderrProgress::installInterruptHandler();
    StderrProgress progress(quiet);
    BatchReport report;
    try {
        report = job->run(progress);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    const int failed = report.failedCount();
    const int written = static_cast<int>(report.items.size()) - failed;
    std::fprintf(stderr, "%d of %zu inputs written, %d failed%s\n", written, job ? report.items.size() : 0,
                 failed, report.cancelled ? ", cancelled (Ctrl-C) before the rest" : "");
    return (failed > 0 || report.cancelled) ? 1 : 0;
}

}  // namespace filterscope
