#include "contract/PluginManifest.h"

#include "common/Error.h"
#include "contract/InputSpecReader.h"
#include "contract/ManifestReader.h"
#include "contract/StageDeclaration.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cctype>
#include <cmath>

namespace filterscope {
namespace {

using Show = ManifestReader;

TokenLayout parseTokens(ManifestReader& r, const QJsonValue& v) {
    TokenLayout layout;
    if (!v.isObject()) {
        r.fail("tokens", "must be an object with layout, grid and prefix, got " + Show::show(v));
        return layout;
    }
    const QJsonObject o = v.toObject();
    r.warnUnknownFields(o, "tokens.", {"layout", "grid", "prefix", "queries", "groups"});
    const std::string kind = r.requireString(o, "layout", "tokens.layout");
    const QJsonValue grid = o.value(QStringLiteral("grid"));
    if (kind == "grid") {
        layout.kind = TokenLayout::Kind::Grid;
        layout.grid = r.positiveInts(grid, 2, "tokens.grid");
    } else if (kind == "cube") {
        layout.kind = TokenLayout::Kind::Cube;
        layout.grid = r.positiveInts(grid, 3, "tokens.grid");
    } else if (kind == "groups" || kind == "points") {
        layout.kind = TokenLayout::Kind::Groups;
        layout.onePerPoint = kind == "points";
        if (kind == "groups") {
            const int64_t g = r.positiveInt(o.value(QStringLiteral("groups")), "tokens.groups", 1e7);
            if (g > 0)
                layout.grid = {g};
        }
    } else if (!kind.empty()) {
        r.fail("tokens.layout", "must be \"grid\", \"cube\", \"groups\" or \"points\", got \"" + kind + "\"");
    }
    if (!layout.grid.empty() && layout.gridTokenCount() > 1000000)
        r.fail("tokens.grid", "has " + std::to_string(layout.gridTokenCount()) +
                                  " tokens, more than the 1,000,000 a layout may have");
    const QJsonValue prefix = o.value(QStringLiteral("prefix"));
    if (!prefix.isUndefined()) {
        const double p = prefix.toDouble(-1);
        if (!prefix.isDouble() || p < 0 || p > 100000 || p != static_cast<double>(static_cast<int>(p)))
            r.fail("tokens.prefix", "must be a non-negative integer, got " + Show::show(prefix));
        else
            layout.prefix = static_cast<int>(p);
    }
    const QJsonValue queries = o.value(QStringLiteral("queries"));
    if (!queries.isUndefined())
        layout.queries = static_cast<int>(r.positiveInt(queries, "tokens.queries", 100000));
    return layout;
}

// Checks between fields, made only when the fields involved parsed.
void checkLayoutFitsModality(ManifestReader& r, PluginManifest& m) {
    if (r.failed("tokens") || r.failed("modality"))
        return;
    if (m.modality == Modality::Video) {
        if (m.tokens.kind != TokenLayout::Kind::Cube)
            r.fail("tokens.layout", "must be \"cube\" with grid [t,h,w] for a video plugin");
        else if (m.video.frames > 0 && !r.failed("input.tubelet") &&
                 m.tokens.grid[0] * m.video.tubelet != m.video.frames)
            r.fail("tokens.grid", "has " + std::to_string(m.tokens.grid[0]) +
                                      " token-time steps, but input.frames " +
                                      std::to_string(m.video.frames) + " / input.tubelet " +
                                      std::to_string(m.video.tubelet) + " gives " +
                                      std::to_string(m.video.frames / m.video.tubelet));
    }
    if (m.modality == Modality::PointCloud) {
        if (m.tokens.kind != TokenLayout::Kind::Groups)
            r.fail("tokens.layout",
                   "must be \"groups\" (with groups G) or \"points\" for a point-cloud plugin");
        else if (m.tokens.grid.empty() && m.points.points > 0)
            m.tokens.grid = {m.points.points};  // "points": one token per input point
    }
    if (m.modality == Modality::Image && m.tokens.kind != TokenLayout::Kind::Grid)
        r.fail("tokens.layout", "must be \"grid\" for an image plugin");
}

ManifestCheck parseDocument(const QJsonObject& o, const std::string& pluginDirectory, ManifestReader& r) {
    ManifestCheck check;
    PluginManifest& m = check.manifest;
    m.directory = pluginDirectory;
    const QJsonValue schema = o.value(QStringLiteral("schema"));
    if (schema.isDouble() && schema.toDouble() >= 1 && schema.toDouble() <= PluginManifest::kSchema &&
        schema.toDouble() == std::floor(schema.toDouble()))
        m.schema = schema.toInt();
    else
        r.fail("schema", "must be 1 or " + std::to_string(PluginManifest::kSchema) +
                             " (the schemas this Filterscope reads), got " + Show::show(schema));
    r.setSchema(m.schema);
    std::vector<std::string> known = {"schema",   "id",    "name",     "version", "modality",
                                      "model",    "input", "tokens",   "stages",  "description",
                                      "citation", "llm",   "sink_dims"};
    if (m.schema >= 2)
        known.push_back("forward");
    else if (o.contains(QStringLiteral("forward")))
        r.fail("forward", "is a field of schema 2: the manifest says \"schema\": 1");
    r.warnUnknownFields(o, "", known);
    m.id = r.requireString(o, "id", "id");
    for (char c : m.id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
            r.fail("id", "may hold only letters, digits, '-', '_' and '.', got \"" + m.id + "\"");
            break;
        }
    m.name = r.localizedString(o, "name", "name", true, m.nameVariants);
    m.version = r.optionalString(o, "version", "version");
    const std::string modality = r.requireString(o, "modality", "modality");
    if (modality == "video")
        m.modality = Modality::Video;
    else if (modality == "pointcloud")
        m.modality = Modality::PointCloud;
    else if (modality != "image" && !modality.empty())
        r.fail("modality", "must be one of image, video, pointcloud; got \"" + modality + "\"");
    const std::string model = r.requireString(o, "model", "model");
    if (!model.empty()) {
        const QFileInfo info(QDir(QString::fromStdString(pluginDirectory)), QString::fromStdString(model));
        if (!info.isFile())
            r.fail("model", "names \"" + model + "\", but " + info.absoluteFilePath().toStdString() +
                                " does not exist");
        m.modelFile = info.absoluteFilePath().toStdString();
    }
    const QJsonValue input = o.value(QStringLiteral("input"));
    if (!input.isObject()) {
        r.fail("input", "must be an object (" +
                            std::string(m.modality == Modality::PointCloud ? "points, normalize, sampling"
                                                                           : "size, mean, std") +
                            "), got " + Show::show(input));
    } else if (m.modality == Modality::PointCloud) {
        r.warnUnknownFields(input.toObject(), "input.",
                            {"points", "normalize", "sampling", "padding", "seed"});
        m.points = parsePointInput(r, input.toObject());
    } else {
        std::vector<std::string> known = {"size",          "mean",     "std",     "resize",
                                          "interpolation", "resample", "crop_pct"};
        if (m.modality == Modality::Video)
            known.insert(known.end(), {"frames", "sampling", "stride", "tubelet"});
        r.warnUnknownFields(input.toObject(), "input.", known);
        m.input = parseImageInput(r, input.toObject());
        if (m.modality == Modality::Video)
            m.video = parseVideoInput(r, input.toObject());
    }
    m.tokens = parseTokens(r, o.value(QStringLiteral("tokens")));
    checkLayoutFitsModality(r, m);
    m.stages = parseStages(r, o.value(QStringLiteral("stages")), m.tokens);
    m.description = r.localizedString(o, "description", "description", false, m.descriptionVariants);
    m.citation = r.optionalString(o, "citation", "citation");
    const QJsonValue sinkDims = o.value(QStringLiteral("sink_dims"));
    if (!sinkDims.isUndefined() && !sinkDims.isObject())
        r.fail("sink_dims", "must be an object of stage: [channel, …], got " + Show::show(sinkDims));
    const QJsonObject sinkObject = sinkDims.toObject();
    for (auto it = sinkObject.begin(); it != sinkObject.end(); ++it) {
        const std::string path = "sink_dims." + it.key().toStdString();
        const QJsonArray dims = it.value().toArray();
        if (!it.value().isArray() || dims.isEmpty()) {
            r.fail(path, "must be a non-empty list of channel indices, got " + Show::show(it.value()));
            continue;
        }
        std::vector<int64_t>& out = m.sinkDims[it.key().toStdString()];
        for (const QJsonValue& d : dims) {
            if (!d.isDouble() || d.toDouble() < 0 || d.toDouble() != std::floor(d.toDouble())) {
                r.fail(path, "must hold channel indices (integers from 0), got " + Show::show(d));
                break;
            }
            out.push_back(static_cast<int64_t>(d.toDouble()));
        }
    }
    const QJsonValue llm = o.value(QStringLiteral("llm"));
    if (llm.isObject())
        r.warnUnknownFields(llm.toObject(), "llm.", LlmComposition::fieldNames());
    m.llm = LlmComposition::parse(llm, pluginDirectory, r);
    const auto kind = m.modality == Modality::Video        ? ForwardSignature::InputKind::Video
                      : m.modality == Modality::PointCloud ? ForwardSignature::InputKind::PointCloud
                                                           : ForwardSignature::InputKind::Image;
    m.forward = ForwardSignature::parse(
        m.schema >= 2 ? o.value(QStringLiteral("forward")) : QJsonValue(QJsonValue::Undefined), kind,
        m.stages, pluginDirectory, r);
    return check;
}

}  // namespace

std::string modalityName(Modality m) {
    switch (m) {
        case Modality::Image:
            return "image";
        case Modality::Video:
            return "video";
        case Modality::PointCloud:
            return "pointcloud";
    }
    return "unknown";
}

ManifestCheck PluginManifest::inspect(const std::string& pluginDirectory) {
    ManifestCheck check;
    const QFileInfo dirInfo(QString::fromStdString(pluginDirectory));
    std::string problem;
    if (!dirInfo.exists())
        problem = pluginDirectory + ": plugin folder does not exist";
    else if (!dirInfo.isDir())
        problem = pluginDirectory + ": a plugin is a folder holding plugin.json, not a file";
    const QString dir = dirInfo.absoluteFilePath();
    QFile file(QDir(dir).filePath(QStringLiteral("plugin.json")));
    if (problem.empty() && !file.exists())
        problem = file.fileName().toStdString() + ": missing (every plugin folder needs one)";
    else if (problem.empty() && !file.open(QIODevice::ReadOnly))
        problem = file.fileName().toStdString() + ": cannot read: " + file.errorString().toStdString();
    else if (problem.empty() && file.size() > kMaxManifestBytes)
        problem = file.fileName().toStdString() + ": " + std::to_string(file.size()) +
                  " bytes, more than a manifest may have (" + std::to_string(kMaxManifestBytes) + ")";
    if (!problem.empty()) {
        check.problems.push_back(problem);
        check.probeable = false;
        return check;
    }
    return inspectText(file.readAll().toStdString(), dir.toStdString());
}

ManifestCheck PluginManifest::inspectText(const std::string& jsonText, const std::string& pluginDirectory) {
    const std::string path =
        QDir(QString::fromStdString(pluginDirectory)).filePath(QStringLiteral("plugin.json")).toStdString();
    ManifestCheck check;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(jsonText), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        check.problems.push_back(path + ": " +
                                 (parseError.error != QJsonParseError::NoError
                                      ? "invalid JSON at offset " + std::to_string(parseError.offset) + ": " +
                                            parseError.errorString().toStdString()
                                      : std::string("the top level must be a JSON object")));
        check.probeable = false;
        return check;
    }
    ManifestReader r(path);
    check = parseDocument(doc.object(), pluginDirectory, r);
    for (const std::string& p : r.problems())
        check.problems.push_back(path + ": " + p);
    for (const std::string& w : r.warnings())
        check.warnings.push_back(path + ": " + w);
    check.manifest.warnings = check.warnings;
    check.probeable = r.probeable();
    return check;
}

PluginManifest PluginManifest::load(const std::string& pluginDirectory) {
    return fromCheck(inspect(pluginDirectory));
}

PluginManifest PluginManifest::parse(const std::string& jsonText, const std::string& pluginDirectory) {
    return fromCheck(inspectText(jsonText, pluginDirectory));
}

PluginManifest PluginManifest::fromCheck(ManifestCheck check) {
    if (check.problems.empty())
        return std::move(check.manifest);
    // One message with every problem: "PATH: 'a' …; 'b' …" (the path said once).
    std::string message = check.problems.front();
    const size_t colon = message.find(": '");
    const std::string path = colon == std::string::npos ? std::string() : message.substr(0, colon + 2);
    for (size_t i = 1; i < check.problems.size(); ++i) {
        const std::string& p = check.problems[i];
        message += "; " + (!path.empty() && p.rfind(path, 0) == 0 ? p.substr(path.size()) : p);
    }
    throw Error(message);
}

namespace {
// "zh_CN", else "zh", else the default text.
std::string inLanguage(const std::map<std::string, std::string>& variants, const std::string& language,
                       const std::string& fallback) {
    auto it = variants.find(language);
    if (it == variants.end())
        it = variants.find(language.substr(0, language.find('_')));
    return it != variants.end() ? it->second : fallback;
}
}  // namespace

std::string PluginManifest::nameIn(const std::string& language) const {
    return inLanguage(nameVariants, language, name);
}

std::string PluginManifest::descriptionIn(const std::string& language) const {
    return inLanguage(descriptionVariants, language, description);
}

std::string PluginManifest::labelForStage(const std::string& stage, const std::string& language) const {
    for (const StageLabel& s : stages)
        if (s.name == stage)
            return language.empty() ? s.label : inLanguage(s.labelVariants, language, s.label);
    return stage;
}

static const StageLabel* findStage(const std::vector<StageLabel>& stages, const std::string& name) {
    for (const StageLabel& s : stages)
        if (s.name == name)
            return &s;
    return nullptr;
}

TokenLayout PluginManifest::layoutOf(const std::string& stage) const {
    TokenLayout layout = tokens;
    if (const StageLabel* s = findStage(stages, stage); s && !s->grid.empty())
        layout.grid = s->grid;
    return layout;
}

AttentionWindow PluginManifest::windowOf(const std::string& stage) const {
    const StageLabel* s = findStage(stages, stage);
    return s ? s->window : AttentionWindow{};
}

bool PluginManifest::hasStageGrids() const {
    return std::any_of(stages.begin(), stages.end(), [](const StageLabel& s) { return !s.grid.empty(); });
}

PluginManifest PluginManifest::forVariant(LlmComposition::Variant v) const {
    PluginManifest m = *this;
    if (!llm.present)
        return m;
    if (v != llm.variants.front())
        m.id += "@" + variantName(v);
    if (const auto own = llm.files.find(v); own != llm.files.end()) {
        const LlmComposition::VariantFiles& f = own->second;
        m.modelFile = f.model.empty() ? m.modelFile : f.model;
        m.llm.adapters = f.adapters.empty() ? m.llm.adapters : f.adapters;
        m.llm.tail = f.tail.empty() ? m.llm.tail : f.tail;
        m.llm.checkpoint = f.checkpoint.empty() ? m.llm.checkpoint : f.checkpoint;
        m.llm.storedRandomLayer = v == LlmComposition::Variant::Random && !f.checkpoint.empty();
    }
    m.name += " — " + variantLabel(v, llm.layer);
    if (v == LlmComposition::Variant::Baseline) {
        const auto isLlm = [](const std::string& name) { return name.rfind("llm.", 0) == 0; };
        m.stages.erase(std::remove_if(m.stages.begin(), m.stages.end(),
                                      [&](const StageLabel& s) { return isLlm(s.name); }),
                       m.stages.end());
        auto& editable = m.forward.editableStages;
        editable.erase(std::remove_if(editable.begin(), editable.end(), isLlm), editable.end());
    }
    return m;
}

}  // namespace filterscope
