#include "ProbeCommand.h"

#include "CliArguments.h"
#include "ProbeSummaryTable.h"
#include "StderrProgress.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/JoinedText.h"
#include "figure/ProbeReport.h"
#include "plugin/VariantSelection.h"
#include "probe/DatasetProbe.h"
#include "probe/ProbeTables.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace filterscope {

const char* const kProbeUsage =
    "usage: filterscope-cli probe --plugin DIR [--plugin DIR ...] [--variant LIST|all] --input DIR|FILES...\n"
    "                             [--masks DIR] [--labels FILE.csv] --out DIR [--maps LIST]\n"
    "                             [--stages LIST] [--shard i/N]\n"
    "                             [--mask-threshold T] [--fixed-threshold t] [--device auto|cpu|cuda]\n"
    "                             [--timeout SECONDS]\n"
    "\n"
    "Scores every map of every stage of every model on every input against ground-truth masks\n"
    "(plugins/README.md, \"Dataset probe\"), with bootstrap confidence intervals and paired comparisons.\n"
    "  --plugin DIR      a model; repeat for more; an \"llm\" plugin with --variant gives one model each\n"
    "  --variant LIST    llm, random, identity, baseline, or all (llm plugins; models \"<id>@<variant>\")\n"
    "  --masks DIR       mask for input x.jpg: DIR/x.png or DIR/x_mask.png; inputs without one get the\n"
    "                    label-free metrics only\n"
    "  --labels FILE     CSV with the columns input,label (class index; paths relative to the file):\n"
    "                    rows correct (top-1 = label) and p_label (softmax probability of the label) per\n"
    "                    input and model, so summary.csv holds each model's accuracy with its 95% interval\n"
    "                    and paired.csv their differences; the label is the class relevance and\n"
    "                    faithfulness explain\n"
    "  --maps LIST       norm, activation, freq, attention, rollout (default all of these); layer\n"
    "                    analyses as metrics too: tokenstats (outliers, sinks, massive_ratio per stage),\n"
    "                    fourier (dlogamp_hf), faithfulness (insertion/deletion AUC of each map),\n"
    "                    cka (minibatch CKA between every pair of models at each common stage: cka.csv)\n"
    "  --stages LIST     default: every grid stage of each model\n"
    "  --shard i/N       only the inputs whose index in the sorted list is i mod N (then probe-merge)\n"
    "  --mask-threshold  foreground = mask pixel >= T (8-bit grey), default 1\n"
    "  --fixed-threshold t of iou_fixed, default 0.5\n"
    "  --timeout S       skip an input whose forward pass takes longer than S seconds (default: no limit)\n"
    "Writes OUT/probe.csv, OUT/summary.csv, OUT/paired.csv, OUT/report.html (+ figures) and OUT/items/,\n"
    "then prints per model the accuracy (with --labels) and the AUROC and mIoU of the activation map at\n"
    "llm.block (else the last stage scored), means with 95% intervals.\n"
    "Running the same command again computes only what is missing (after Ctrl-C, a crash or kill -9).\n"
    "Exit code: 0 all done; 1 some input failed or Ctrl-C; 2 bad usage or unusable plugin.\n";

const char* const kProbeMergeUsage =
    "usage: filterscope-cli probe-merge OUT_0 OUT_1 ... --out DIR\n"
    "Merges the items of shard runs (probe --shard i/N) into DIR and rebuilds the tables and the report:\n"
    "the same files one unsharded run writes.\n";

namespace {

struct Shard {
    int index = 0, count = 1;
};

Shard parseShard(const std::string& text) {
    const size_t slash = text.find('/');
    const std::string bad = "--shard must be i/N with 0 <= i < N, got \"" + text + "\"";
    if (slash == std::string::npos)
        throw Error(bad);
    // The parts live in named strings: strtol's end pointer must not point into a destroyed temporary.
    const std::string first = text.substr(0, slash), second = text.substr(slash + 1);
    char* end = nullptr;
    const long i = std::strtol(first.c_str(), &end, 10);
    if (*end || first.empty())
        throw Error(bad);
    const long n = std::strtol(second.c_str(), &end, 10);
    if (*end || second.empty() || n < 1 || i < 0 || i >= n || n > 100000)
        throw Error(bad);
    return {static_cast<int>(i), static_cast<int>(n)};
}

std::string commandLine(const std::vector<std::string>& args) {
    std::string s = "filterscope-cli probe";  // args come without the command
    for (const std::string& a : args)
        s += " " + a;
    return s;
}

}  // namespace

int runProbeCommand(const std::vector<std::string>& args) {
    std::unique_ptr<DatasetProbe> probe;
    DatasetProbeOptions options;
    std::vector<BatchModel> models;
    bool quiet = false;
    try {
        const CliArguments cli(args,
                               {"plugin", "variant", "input", "masks", "labels", "out", "maps", "stages",
                                "shard", "mask-threshold", "fixed-threshold", "device", "timeout"},
                               {"quiet"});
        if (!cli.positional().empty())
            throw Error("unexpected argument \"" + cli.positional().front() + "\"");
        quiet = cli.has("quiet");
        if (cli.values("plugin").empty())
            throw Error("--plugin needs at least one plugin folder");
        if (cli.values("input").empty())
            throw Error("--input needs at least one file or folder");
        options.outputDirectory = cli.value("out");
        options.maskDirectory = cli.value("masks", "");
        if (!options.maskDirectory.empty() &&
            !QFileInfo(QString::fromStdString(options.maskDirectory)).isDir())
            throw Error("--masks " + options.maskDirectory + ": not a folder");
        if (cli.has("labels"))
            options.labels = InputLabels::read(cli.value("labels"));
        options.maskThreshold = std::atoi(cli.value("mask-threshold", "1").c_str());
        if (options.maskThreshold < 1 || options.maskThreshold > 255)
            throw Error("--mask-threshold must be 1..255");
        options.scores.fixedThreshold = std::atof(cli.value("fixed-threshold", "0.5").c_str());
        if (!(options.scores.fixedThreshold >= 0 && options.scores.fixedThreshold < 1))
            throw Error("--fixed-threshold must be in [0, 1)");
        if (cli.has("maps")) {
            options.scores.maps = cli.list("maps");
            auto listed = [](const std::vector<std::string>& names, const std::string& m) {
                return std::find(names.begin(), names.end(), m) != names.end();
            };
            for (const std::string& m : options.scores.maps)
                if (!listed(probeMapNames(), m) && !listed(probeLayerAnalysisNames(), m))
                    throw Error("unknown map \"" + m + "\" (known: " + joined(probeMapNames()) +
                                "; layer analyses: " + joined(probeLayerAnalysisNames()) + ")");
        }
        options.stages = cli.list("stages");
        options.forwardTimeoutSeconds = cli.timeoutSeconds();
        const Shard shard = parseShard(cli.value("shard", "0/1"));
        const DevicePreference device = parseDevicePreference(cli.value("device", "auto"));
        const std::vector<std::string> dirs = cli.values("plugin");
        std::vector<PluginManifest> manifests;
        for (const std::string& dir : dirs)
            manifests.push_back(PluginManifest::load(dir));
        const auto variants = variantsToRun(manifests, cli.list("variant"));
        for (size_t p = 0; p < manifests.size(); ++p) {
            const std::string& dir = dirs[p];
            for (const std::string& v : variants[p]) {
                const auto plugin = ModelPlugin::load(dir, device, v);
                if (plugin->manifest().modality != Modality::Image)
                    throw Error(dir + ": the dataset probe takes image plugins (this one is " +
                                modalityName(plugin->manifest().modality) + ")");
                for (const BatchModel& m : models)
                    if (m.name == plugin->id())
                        throw Error("two models are named " + plugin->id() + ": give each plugin its own id");
                models.push_back({plugin, plugin->id()});
            }
        }
        std::vector<BatchInput> inputs =
            withoutMaskFiles(collectImageInputs(cli.values("input")), options.maskDirectory);
        if (inputs.empty())
            throw Error("--input names only folders without image files");
        options.inputs = shardInputs(inputs, shard.index, shard.count);
        if (!options.labels.empty()) {
            const size_t labelled = options.labels.labelledCount(options.inputs);
            if (labelled == 0)
                throw Error(options.labels.path() + ": labels none of the " +
                            std::to_string(options.inputs.size()) +
                            " inputs (input paths are relative to the labels file's folder)");
            if (!quiet && labelled < options.inputs.size())
                std::fprintf(
                    stderr, "probe: %zu of %zu inputs have no label in %s (no prediction rows for them)\n",
                    options.inputs.size() - labelled, options.inputs.size(), options.labels.path().c_str());
        }
        if (!quiet)
            std::fprintf(stderr, "probe: %zu models x %zu inputs (shard %d/%d of %zu)%s\n", models.size(),
                         options.inputs.size(), shard.index, shard.count, inputs.size(),
                         options.maskDirectory.empty() ? ", no masks: label-free metrics only" : "");
        probe = std::make_unique<DatasetProbe>(models, options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    StderrProgress::installInterruptHandler();
    StderrProgress progress(quiet);
    DatasetProbeReport report;
    try {
        report = probe->run(progress);
        ProbeProvenance provenance;
        provenance.commandLine = commandLine(args);
        writeDatasetProbeReport(*probe, provenance);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    std::fprintf(stderr, "%d items computed, %d already done (skipped), %d failed%s\n", report.done,
                 report.skipped, report.failed,
                 report.cancelled ? ", cancelled (Ctrl-C): run the same command to finish" : "");
    if (!report.stoppedBecause.empty())
        std::fprintf(stderr, "stopped: %s\n", report.stoppedBecause.c_str());
    {
        // The headline numbers, means over the inputs with 95% intervals (on stdout, also with --quiet,
        // which silences progress); everything is in OUT's tables.
        std::string table;
        try {
            table = probeSummaryTable(options.outputDirectory);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "warning: no summary table: %s\n", e.what());
        }
        if (!table.empty())
            std::printf("\n%s\nevery number: %s/summary.csv; figures: %s/report.html\n", table.c_str(),
                        options.outputDirectory.c_str(), options.outputDirectory.c_str());
    }
    if (report.done > 0 && !quiet)
        std::fprintf(stderr, "time: %.1f s, of which forward passes %.1f s (%.0f%% outside them)\n",
                     report.totalMs / 1000, report.forwardMs / 1000,
                     100.0 * (report.totalMs - report.forwardMs) / report.totalMs);
    return report.failed > 0 || report.cancelled || !report.stoppedBecause.empty() ? 1 : 0;
}

int runProbeMergeCommand(const std::vector<std::string>& args) {
    try {
        const CliArguments cli(args, {"out"}, {});
        const std::string out = cli.value("out");
        if (cli.positional().empty())
            throw Error("probe-merge needs the shard folders to merge");
        for (const std::string& shard : cli.positional()) {
            const QString items = QString::fromStdString(shard + "/items");
            if (!QFileInfo(items).isDir())
                throw Error(shard + ": no items/ folder (not the output of filterscope-cli probe)");
            QDirIterator it(items, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString from = it.next();
                const QString to = QString::fromStdString(out) + QStringLiteral("/items/") +
                                   QDir(items).relativeFilePath(from);
                QFile source(from);
                if (!source.open(QIODevice::ReadOnly))
                    throw Error(from.toStdString() + ": cannot read");
                const QByteArray bytes = source.readAll();
                QFile existing(to);
                if (existing.exists()) {  // the same item in two shards must be the same
                    if (!existing.open(QIODevice::ReadOnly) || existing.readAll() != bytes)
                        throw Error(to.toStdString() + ": differs from " + from.toStdString() +
                                    " (shards of different runs?)");
                    continue;
                }
                QDir().mkpath(QFileInfo(to).absolutePath());
                writeFileAtomically(to.toStdString(), bytes.toStdString());
            }
        }
        const ProbeTableCounts counts = rebuildProbeTables(out);
        rebuildCkaTable(out);  // nothing when the shards computed no layer similarity
        ProbeProvenance provenance;
        provenance.commandLine = "filterscope-cli probe-merge";
        for (const std::string& a : args)
            provenance.commandLine += " " + a;
        writeProbeReport(out, provenance, std::string());
        std::fprintf(stderr, "merged %zu shards: %zu inputs, %zu models, %zu rows\n", cli.positional().size(),
                     counts.inputs, counts.models.size(), counts.rows);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    return 0;
}

}  // namespace filterscope
