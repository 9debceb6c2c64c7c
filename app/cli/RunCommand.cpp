#include "RunCommand.h"

#include "CliArguments.h"
#include "StderrProgress.h"
#include "batch/BatchExportJob.h"
#include "color/Colormap.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"
#include "figure/FigureFileWriter.h"
#include "plugin/VariantSelection.h"

#include <QDir>

#include <cstdio>
#include <cstdlib>

namespace filterscope {

const char* const kRunUsage =
    "usage: filterscope-cli run --plugin DIR --input PATH... --out DIR\n"
    "                           [--analyses "
    "norm,activation,freq,spectrum,attention,rollout,qformer,relevance,tokenstats,cka,fourier,faithfulness]\n"
    "                           [--stages "
    "a,b,...]\n"
    "                           [--device auto|cpu|cuda] [--colormap NAME] [--figure-scale S]\n"
    "                           [--figure-format png,pdf,svg] [--figures map,overlay]\n"
    "                           [--variant NAME] [--no-figures] [--quiet] [--overwrite] [--timeout S]\n"
    "                           [--outlier-factor K]\n"
    "\n"
    "  --plugin DIR     plugin folder (plugin.json + TorchScript model)\n"
    "  --variant LIST   for plugins with an \"llm\" section: llm, random, identity, baseline, or all;\n"
    "                   several write OUT/<variant>/ each\n"
    "  --input PATH...  image files and/or folders of images (png jpg jpeg bmp tif tiff webp)\n"
    "  --out DIR        output folder: OUT/<input>/<stage>/*.npy|*.png and OUT/metrics.csv\n"
    "  --analyses LIST  default: all of norm, activation, freq, spectrum, attention, rollout, qformer,\n"
    "                   relevance, tokenstats, cka, fourier (attention brings its rollout, qformer its\n"
    "                   relevance); faithfulness (insertion/deletion curves, 2(S+1) forward passes per "
    "stage\n"
    "                   and map) only when named\n"
    "  --outlier-factor K  tokenstats: a token is an outlier when its norm exceeds median + K*1.4826*MAD\n"
    "                   (default 5)\n"
    "  --stages LIST    default: every stage with tokens or attention over the grid\n"
    "  --colormap NAME  viridis (default), magma, inferno, turbo, gray\n"
    "  --relevance-target T  Q-Former relevance target: default (top logit, else the norm of the last\n"
    "                   query output), top-logit, logit:K, query-norm:KEY (all queries) or "
    "query-norm:KEY:Q;\n"
    "                   a target the model lacks falls back to the default, then to raw attention (said)\n"
    "  --figure-scale S PNG pixels per figure point: 2 (default, print), 1 (4x fewer pixels, faster)\n"
    "  --figures K      map, overlay, or map,overlay (default): which figure of each map to write\n"
    "  --figure-format F png (default), pdf, svg, or several (png,pdf,svg): PDF and SVG are vector figures\n"
    "                   with the same layout (token cells as rectangles of exact colours, text as text)\n"
    "  --no-figures     write numbers only (.npy, metrics.csv)\n"
    "  --overwrite      redo inputs an earlier run finished (default: keep them; the same command resumes)\n"
    "  --timeout S      skip an input whose forward pass takes longer than S seconds (default: no limit);\n"
    "                   the pass cannot be interrupted and goes on in the background, so the plugin is\n"
    "                   loaded again for the next input, and the run stops after 3 such passes\n"
    "\n"
    "Exit code: 0 all inputs written; 1 some input failed or Ctrl-C; 2 bad usage or unusable plugin.\n";

int runRunCommand(const std::vector<std::string>& args) {
    // One job per variant: several (--variant llm,baseline or all) write OUT/<variant>/ each.
    std::vector<std::pair<std::string, std::unique_ptr<BatchExportJob>>> jobs;
    std::unique_ptr<FigureFileWriter> figures;
    bool quiet = false;
    try {
        const CliArguments cli(
            args,
            {"plugin", "input", "out", "analyses", "stages", "device", "colormap", "figure-scale",
             "figure-format", "figures", "relevance-target", "variant", "timeout", "outlier-factor"},
            {"no-figures", "quiet", "overwrite"});
        if (!cli.positional().empty())
            throw Error("unexpected argument \"" + cli.positional().front() + "\"");
        quiet = cli.has("quiet");
        BatchExportOptions options;
        options.outputDirectory = cli.value("out");
        if (cli.values("input").empty())
            throw Error("--input needs at least one file or folder");
        if (cli.has("analyses"))
            options.request.analyses = AnalysisSelection::parse(cli.value("analyses"));
        options.request.stages = cli.list("stages");
        options.colormap = cli.value("colormap", "viridis");
        options.overwrite = cli.has("overwrite");
        options.figureKinds = MapFigureKinds::parse(cli.value("figures", "map,overlay"));
        options.request.forwardTimeoutSeconds = cli.timeoutSeconds();
        if (cli.has("outlier-factor")) {
            const std::string text = cli.value("outlier-factor");
            char* end = nullptr;
            options.request.outlierFactor = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || !(options.request.outlierFactor > 0))
                throw Error("--outlier-factor must be a number above 0, got \"" + text + "\"");
        }
        options.request.relevanceTarget = RelevanceTarget::parse(cli.value("relevance-target", "default"));
        Colormap::byName(options.colormap);  // reject an unknown name before any work
        const std::string scaleText = cli.value("figure-scale", "2");
        const double scale = std::atof(scaleText.c_str());
        if (!(scale >= 0.25 && scale <= 8))
            throw Error("--figure-scale must be between 0.25 and 8, got " + scaleText);
        figures =
            std::make_unique<FigureFileWriter>(scale, parseFigureFormats(cli.value("figure-format", "png")));
        const DevicePreference device = parseDevicePreference(cli.value("device", "auto"));
        const std::vector<std::string> variants =
            variantsToRun({PluginManifest::load(cli.value("plugin"))}, cli.list("variant")).front();
        for (const std::string& variant : variants) {
            const auto plugin = ModelPlugin::load(cli.value("plugin"), device, variant);
            BatchExportOptions o = options;
            if (variants.size() > 1)
                o.outputDirectory = QDir(QString::fromStdString(options.outputDirectory))
                                        .filePath(QString::fromStdString(variant))
                                        .toStdString();
            // Folders expand to the files the plugin's modality reads; a missing path stays, to fail as
            // an item.
            const Modality modality = plugin->manifest().modality;
            o.inputs = modality == Modality::Video        ? collectVideoInputs(cli.values("input"))
                       : modality == Modality::PointCloud ? collectPointCloudInputs(cli.values("input"))
                                                          : collectImageInputs(cli.values("input"));
            if (o.inputs.empty())
                throw Error("--input names only folders without " + modalityName(modality) + " files");
            auto job =
                std::make_unique<BatchExportJob>(plugin, o, cli.has("no-figures") ? nullptr : figures.get());
            if (!quiet)
                std::fprintf(stderr, "plugin %s on %s; %zu inputs; stages: %zu; analyses: %s\n",
                             plugin->id().c_str(), plugin->deviceName().c_str(), o.inputs.size(),
                             job->stages().size(), o.request.analyses.toString().c_str());
            jobs.emplace_back(variant, std::move(job));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }

    StderrProgress::installInterruptHandler();
    int status = 0;
    for (auto& [variant, job] : jobs) {
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
        std::fprintf(stderr,
                     "%s%d of %zu inputs written (%d of them done by an earlier run, kept), %d failed%s\n",
                     variant.empty() ? "" : (variant + ": ").c_str(), written, report.items.size(),
                     report.skipped, failed, report.cancelled ? ", cancelled (Ctrl-C) before the rest" : "");
        if (!report.stoppedBecause.empty())
            std::fprintf(stderr, "stopped: %s\n", report.stoppedBecause.c_str());
        if (failed > 0 || report.cancelled || !report.stoppedBecause.empty())
            status = 1;
        if (report.cancelled || !report.stoppedBecause.empty())
            break;
    }
    return status;
}

}  // namespace filterscope
