#include "InterveneCommand.h"

#include "CliArguments.h"
#include "batch/InputCollection.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/JoinedText.h"
#include "input/InputPreparation.h"
#include "intervention/TokenEdit.h"
#include "intervention/TokenSelection.h"
#include "metrics/TokenMask.h"
#include "plugin/ModelPlugin.h"
#include "probe/InputLabels.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace filterscope {

const char* const kInterveneUsage =
    "usage: filterscope-cli intervene --plugin DIR [--variant V] --input FILE|FOLDER... --at STAGE\n"
    "                                 --tokens SPEC --op zero|mean|drop [--target label|top|K]\n"
    "                                 [--labels CSV] [--masks DIR] [--mask-threshold T] --out FOLDER\n"
    "                                 [--device auto|cpu|cuda] [--quiet]\n"
    "\n"
    "Edits the tokens leaving STAGE and runs the rest of the model on them; writes per input\n"
    "OUT/<stem>/intervention.csv and OUT/interventions.csv (every input), with the target class's softmax\n"
    "probability and logit before and after, KL(clean || edited) and both top-1 classes.\n"
    "  --tokens  list:I,J,... (grid indices, row-major), random:FRACTION:SEED, mask:inside, mask:outside\n"
    "  --op      zero (features 0), mean (the mean of the input's grid tokens at STAGE), drop (removed)\n"
    "  --target  label (default with --labels), top (the clean top-1 class; default otherwise), or K\n"
    "Composed (\"llm\") plugins edit the stages they run themselves: llm.tokens, llm.in, llm.block,\n"
    "llm.norm, llm.out (plugins/README.md, \"Token interventions\").\n";

namespace {

const char* const kHeader =
    "stage,op,tokens,n_edited,target,p_clean,p_edited,logit_clean,logit_edited,kl,top1_clean,top1_edited";

std::vector<double> logitsOf(const CaptureSet& captures, const std::string& pluginId) {
    const FloatArray* l = captures.find("logits");
    if (!l || l->dim() != 2 || l->shape[0] != 1)
        throw Error("plugin '" + pluginId +
                    "' returns no [1,K] \"logits\": an intervention compares predictions");
    return std::vector<double>(l->data.begin(), l->data.end());
}

std::vector<double> logSoftmax(const std::vector<double>& z) {
    const double m = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (double v : z)
        sum += std::exp(v - m);
    std::vector<double> out(z.size());
    for (size_t i = 0; i < z.size(); ++i)
        out[i] = z[i] - m - std::log(sum);
    return out;
}

int argmax(const std::vector<double>& z) {
    return static_cast<int>(std::max_element(z.begin(), z.end()) - z.begin());  // ties: the lowest index
}

std::string number(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v);
    return b;
}

// RFC 4180: a field holding a comma or a quote is quoted ("list:0,9,63"), quotes doubled.
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

int runInterveneCommand(const std::vector<std::string>& args) {
    try {
        const CliArguments cli(args,
                               {"plugin", "variant", "input", "at", "tokens", "op", "target", "labels",
                                "masks", "mask-threshold", "out", "device"},
                               {"quiet"});
        if (!cli.positional().empty())
            throw Error("unexpected argument \"" + cli.positional().front() + "\"");
        // Arguments first: a typo is said before the plugin takes seconds to load.
        TokenEdit edit;
        edit.stage = cli.value("at");
        if (!editOpNamed(cli.value("op"), edit.op))
            throw Error("--op must be zero, mean or drop, got \"" + cli.value("op") + "\"");
        const TokenSelection selection = TokenSelection::parse(cli.value("tokens"));
        const std::string maskDir = cli.value("masks", "");
        if (selection.needsMask() && maskDir.empty())
            throw Error("--tokens " + selection.text + " needs --masks DIR");
        const int threshold = std::atoi(cli.value("mask-threshold", "1").c_str());
        if (threshold < 1 || threshold > 255)
            throw Error("--mask-threshold must be 1..255");
        const InputLabels labels = cli.has("labels") ? InputLabels::read(cli.value("labels")) : InputLabels();
        const std::string target = cli.value("target", labels.empty() ? "top" : "label");
        if (target == "label" && labels.empty())
            throw Error("--target label needs --labels CSV");
        char* end = nullptr;
        const long fixedClass = std::strtol(target.c_str(), &end, 10);
        if (target != "label" && target != "top" && (*end || target.empty() || fixedClass < 0))
            throw Error("--target must be label, top or a class index >= 0, got \"" + target + "\"");
        const auto plugin =
            ModelPlugin::load(cli.value("plugin"), parseDevicePreference(cli.value("device", "auto")),
                              cli.value("variant", ""));
        const PluginManifest& manifest = plugin->manifest();
        if (manifest.modality != Modality::Image)
            throw Error(cli.value("plugin") + ": interventions take image plugins (this one is " +
                        modalityName(manifest.modality) + ")");
        const std::vector<std::string> editable = plugin->editableStages();
        if (std::find(editable.begin(), editable.end(), edit.stage) == editable.end())
            throw Error("plugin '" + plugin->id() + "' cannot edit stage '" + edit.stage + "' (" +
                        (editable.empty()
                             ? std::string("it edits no stage: only composed (\"llm\") plugins do so far")
                             : "it edits " + joined(editable)) +
                        ")");
        const std::vector<BatchInput> inputs = collectImageInputs(cli.values("input"));
        if (inputs.empty())
            throw Error("--input names no image files");
        const std::string out = cli.value("out");
        QDir().mkpath(QString::fromStdString(out));
        const std::vector<int64_t> grid = manifest.layoutOf(edit.stage).grid;
        const int64_t gridTokens = grid.size() == 2 ? grid[0] * grid[1] : 0;
        if (!selection.needsMask())  // a list off the grid is wrong for every input: said once, up front
            selection.select(gridTokens, manifest.tokens.prefix, nullptr);
        std::string all = std::string("input,") + kHeader + "\n";
        std::map<std::string, std::string> stems;
        int failed = 0;
        for (const BatchInput& in : inputs) {
            try {
                const std::string stem =
                    QFileInfo(QString::fromStdString(in.path)).completeBaseName().toStdString();
                if (!stems.emplace(stem, in.path).second)
                    throw Error("its name repeats " + stems[stem] + " (outputs are named by file stem)");
                const PreparedInput prepared = prepareInput(in.path, manifest);
                TokenMask mask;
                if (selection.needsMask()) {
                    const std::string maskPath = findMask(maskDir, in.path);
                    if (maskPath.empty())
                        throw Error("no mask in " + maskDir + " (<stem>.png or <stem>_mask.png)");
                    mask = tokenMask(maskAtModelInput(maskPath, prepared.sourceWidth, prepared.sourceHeight,
                                                      manifest.input, threshold),
                                     manifest.input.height, manifest.input.width, static_cast<int>(grid[0]),
                                     static_cast<int>(grid[1]));
                }
                edit.tokens = selection.select(gridTokens, manifest.tokens.prefix,
                                               selection.needsMask() ? &mask : nullptr);
                const std::vector<double> clean =
                    logitsOf(plugin->run(prepared.tensor, in.path), plugin->id());
                const std::vector<double> edited =
                    logitsOf(plugin->runEdited(prepared.tensor, edit, in.path), plugin->id());
                int cls = target == "top" ? argmax(clean) : static_cast<int>(fixedClass);
                if (target == "label" && (cls = labels.labelOf(in.path)) < 0)
                    throw Error(labels.path() + " gives it no label");
                if (cls >= static_cast<int>(clean.size()))
                    throw Error("class " + std::to_string(cls) + " is not below the model's " +
                                std::to_string(clean.size()) + " logits");
                const std::vector<double> lc = logSoftmax(clean), le = logSoftmax(edited);
                double kl = 0;
                for (size_t k = 0; k < lc.size(); ++k)
                    kl += std::exp(lc[k]) * (lc[k] - le[k]);
                const std::string row = edit.stage + "," + editOpName(edit.op) + "," +
                                        csvField(selection.text) + "," + std::to_string(edit.tokens.size()) +
                                        "," + std::to_string(cls) + "," + number(std::exp(lc[cls])) + "," +
                                        number(std::exp(le[cls])) + "," + number(clean[cls]) + "," +
                                        number(edited[cls]) + "," + number(kl) + "," +
                                        std::to_string(argmax(clean)) + "," + std::to_string(argmax(edited));
                const QString folder =
                    QDir(QString::fromStdString(out)).filePath(QString::fromStdString(stem));
                QDir().mkpath(folder);
                writeFileAtomically(QDir(folder).filePath(QStringLiteral("intervention.csv")).toStdString(),
                                    std::string(kHeader) + "\n" + row + "\n");
                all += csvField(in.path) + "," + row + "\n";
            } catch (const std::exception& e) {
                std::fprintf(stderr, "error: %s: %s\n", in.path.c_str(), e.what());
                ++failed;
            }
        }
        writeFileAtomically(
            QDir(QString::fromStdString(out)).filePath(QStringLiteral("interventions.csv")).toStdString(),
            all);
        if (!cli.has("quiet"))
            std::fprintf(stderr, "intervene: %zu of %zu inputs written, %d failed\n", inputs.size() - failed,
                         inputs.size(), failed);
        return failed ? 1 : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
}

}  // namespace filterscope
