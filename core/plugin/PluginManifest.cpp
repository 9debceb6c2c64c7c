#include "plugin/PluginManifest.h"

#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cctype>

namespace filterscope {
namespace {

class ManifestReader {
public:
    explicit ManifestReader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        throw Error(path_ + ": '" + key + "' " + problem);
    }

    static std::string show(const QJsonValue& v) {
        if (v.isUndefined())
            return "nothing";
        if (v.isString())
            return "\"" + v.toString().toStdString() + "\"";
        if (v.isObject())
            return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).toStdString();
        if (v.isArray())
            return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).toStdString();
        const std::string wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).toStdString();
        return wrapped.substr(1, wrapped.size() - 2);  // a scalar, shown without the array brackets
    }

    std::string requireString(const QJsonObject& o, const QString& key, const std::string& path) const {
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().trimmed().isEmpty())
            fail(path, "must be a non-empty string, got " + show(v));
        return v.toString().toStdString();
    }

    std::string optionalString(const QJsonObject& o, const QString& key, const std::string& path) const {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isString())
            fail(path, "must be a string, got " + show(v));
        return v.toString().toStdString();
    }

    int64_t positiveInt(const QJsonValue& v, const std::string& path) const {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d != static_cast<double>(static_cast<int64_t>(d)) || d > 1e9)
            fail(path, "must be a positive integer, got " + show(v));
        return static_cast<int64_t>(d);
    }

    std::vector<int64_t> positiveInts(const QJsonValue& v, size_t count, const std::string& path) const {
        const std::string want = "must be an array of " + std::to_string(count) + " positive integers, got ";
        if (!v.isArray() || static_cast<size_t>(v.toArray().size()) != count)
            fail(path, want + show(v));
        std::vector<int64_t> out;
        for (const QJsonValue& e : v.toArray()) {
            const double d = e.toDouble(-1);
            if (!e.isDouble() || d < 1 || d != static_cast<double>(static_cast<int64_t>(d)) || d > 1e6)
                fail(path, want + show(v));
            out.push_back(static_cast<int64_t>(d));
        }
        return out;
    }

    std::array<float, 3> threeFloats(const QJsonValue& v, const std::string& path, bool positive) const {
        const std::string want = std::string("must be an array of 3 ") + (positive ? "positive " : "") +
                                 "numbers (R,G,B on a 0..1 scale), got ";
        if (!v.isArray() || v.toArray().size() != 3)
            fail(path, want + show(v));
        std::array<float, 3> out{};
        for (int i = 0; i < 3; ++i) {
            const QJsonValue e = v.toArray().at(i);
            if (!e.isDouble() || (positive && e.toDouble() <= 0))
                fail(path, want + show(v));
            out[i] = static_cast<float>(e.toDouble());
        }
        return out;
    }

private:
    std::string path_;
};

Modality parseModality(const ManifestReader& r, const std::string& s) {
    if (s == "image")
        return Modality::Image;
    if (s == "video")
        return Modality::Video;
    if (s == "pointcloud")
        return Modality::PointCloud;
    r.fail("modality", "must be one of image, video, pointcloud; got \"" + s + "\"");
}

ImageInputSpec parseImageInput(const ManifestReader& r, const QJsonValue& v) {
    if (!v.isObject())
        r.fail("input", "must be an object with size, mean and std, got " + ManifestReader::show(v));
    const QJsonObject o = v.toObject();
    ImageInputSpec spec;
    const std::vector<int64_t> size = r.positiveInts(o.value(QStringLiteral("size")), 2, "input.size");
    spec.height = static_cast<int>(size[0]);
    spec.width = static_cast<int>(size[1]);
    spec.mean = r.threeFloats(o.value(QStringLiteral("mean")), "input.mean", false);
    spec.std = r.threeFloats(o.value(QStringLiteral("std")), "input.std", true);
    const std::string resize = r.optionalString(o, QStringLiteral("resize"), "input.resize");
    if (resize.empty() || resize == "stretch")
        spec.resize = ImageInputSpec::Resize::Stretch;
    else if (resize == "shorter-crop")
        spec.resize = ImageInputSpec::Resize::ShorterSideCrop;
    else
        r.fail("input.resize", "must be \"stretch\" or \"shorter-crop\", got \"" + resize + "\"");
    const std::string interp = r.optionalString(o, QStringLiteral("interpolation"), "input.interpolation");
    if (interp.empty() || interp == "bilinear")
        spec.interpolation = ImageInputSpec::Interpolation::Bilinear;
    else if (interp == "nearest")
        spec.interpolation = ImageInputSpec::Interpolation::Nearest;
    else if (interp == "bicubic")
        spec.interpolation = ImageInputSpec::Interpolation::Bicubic;
    else if (interp == "area")
        spec.interpolation = ImageInputSpec::Interpolation::Area;
    else
        r.fail("input.interpolation",
               "must be one of nearest, bilinear, bicubic, area; got \"" + interp + "\"");
    return spec;
}

VideoInputSpec parseVideoInput(const ManifestReader& r, const QJsonValue& v) {
    const QJsonObject o = v.toObject();
    VideoInputSpec spec;
    auto positive = [&](const char* key, int fallback) {
        const QJsonValue x = o.value(QLatin1String(key));
        if (x.isUndefined())
            return fallback;
        const double d = x.toDouble(-1);
        if (!x.isDouble() || d < 1 || d != static_cast<double>(static_cast<int>(d)))
            r.fail(std::string("input.") + key, "must be a positive integer, got " + ManifestReader::show(x));
        return static_cast<int>(d);
    };
    spec.frames = positive("frames", 0);
    if (spec.frames == 0)
        r.fail("input.frames", "is required for a video plugin (the number T of frames it takes)");
    spec.tubelet = positive("tubelet", 1);
    spec.stride = positive("stride", 1);
    const std::string sampling = r.optionalString(o, QStringLiteral("sampling"), "input.sampling");
    if (sampling.empty() || sampling == "uniform")
        spec.sampling = VideoInputSpec::Sampling::Uniform;
    else if (sampling == "stride")
        spec.sampling = VideoInputSpec::Sampling::Stride;
    else
        r.fail("input.sampling", "must be \"uniform\" or \"stride\", got \"" + sampling + "\"");
    if (spec.frames % spec.tubelet)
        r.fail("input.tubelet", "must divide input.frames (" + std::to_string(spec.frames) + "), got " +
                                    std::to_string(spec.tubelet));
    return spec;
}

PointInputSpec parsePointInput(const ManifestReader& r, const QJsonValue& v) {
    if (!v.isObject())
        r.fail("input",
               "must be an object with points, normalize and sampling, got " + ManifestReader::show(v));
    const QJsonObject o = v.toObject();
    PointInputSpec spec;
    spec.points = static_cast<int>(r.positiveInt(o.value(QStringLiteral("points")), "input.points"));
    const std::string normalize = r.optionalString(o, QStringLiteral("normalize"), "input.normalize");
    if (normalize.empty() || normalize == "unit-sphere")
        spec.normalize = PointInputSpec::Normalize::UnitSphere;
    else if (normalize == "none")
        spec.normalize = PointInputSpec::Normalize::None;
    else
        r.fail("input.normalize", "must be \"unit-sphere\" or \"none\", got \"" + normalize + "\"");
    const std::string sampling = r.optionalString(o, QStringLiteral("sampling"), "input.sampling");
    if (sampling.empty() || sampling == "fps")
        spec.sampling = PointInputSpec::Sampling::FarthestPoint;
    else if (sampling == "random")
        spec.sampling = PointInputSpec::Sampling::Random;
    else
        r.fail("input.sampling", "must be \"fps\" or \"random\", got \"" + sampling + "\"");
    const QJsonValue seed = o.value(QStringLiteral("seed"));
    if (!seed.isUndefined()) {
        const double d = seed.toDouble(-1);
        if (!seed.isDouble() || d < 0 || d > 4294967295.0 ||
            d != static_cast<double>(static_cast<int64_t>(d)))
            r.fail("input.seed", "must be an integer in 0..2^32-1, got " + ManifestReader::show(seed));
        spec.seed = static_cast<uint32_t>(d);
    }
    return spec;
}

TokenLayout parseTokens(const ManifestReader& r, const QJsonValue& v) {
    if (!v.isObject())
        r.fail("tokens", "must be an object with layout, grid and prefix, got " + ManifestReader::show(v));
    const QJsonObject o = v.toObject();
    TokenLayout layout;
    const std::string kind = r.requireString(o, QStringLiteral("layout"), "tokens.layout");
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
        if (kind == "groups")
            layout.grid = {r.positiveInt(o.value(QStringLiteral("groups")), "tokens.groups")};
    } else {
        r.fail("tokens.layout", "must be \"grid\", \"cube\", \"groups\" or \"points\", got \"" + kind + "\"");
    }
    const QJsonValue prefix = o.value(QStringLiteral("prefix"));
    if (!prefix.isUndefined()) {
        const double p = prefix.toDouble(-1);
        if (!prefix.isDouble() || p < 0 || p != static_cast<double>(static_cast<int>(p)))
            r.fail("tokens.prefix", "must be a non-negative integer, got " + ManifestReader::show(prefix));
        layout.prefix = static_cast<int>(p);
    }
    const QJsonValue queries = o.value(QStringLiteral("queries"));
    if (!queries.isUndefined()) {
        const double q = queries.toDouble(-1);
        if (!queries.isDouble() || q < 1 || q != static_cast<double>(static_cast<int>(q)))
            r.fail("tokens.queries", "must be a positive integer (the number of learned queries), got " +
                                         ManifestReader::show(queries));
        layout.queries = static_cast<int>(q);
    }
    return layout;
}

std::vector<StageLabel> parseStages(const ManifestReader& r, const QJsonValue& v) {
    std::vector<StageLabel> stages;
    if (v.isUndefined())
        return stages;
    if (!v.isArray())
        r.fail("stages", "must be an array, got " + ManifestReader::show(v));
    int i = 0;
    for (const QJsonValue& e : v.toArray()) {
        const std::string path = "stages[" + std::to_string(i++) + "]";
        StageLabel s;
        if (e.isString()) {
            s.name = s.label = e.toString().toStdString();
        } else if (e.isObject()) {
            s.name = r.requireString(e.toObject(), QStringLiteral("name"), path + ".name");
            s.label = r.optionalString(e.toObject(), QStringLiteral("label"), path + ".label");
            if (s.label.empty())
                s.label = s.name;
        } else {
            r.fail(path, "must be a stage name or {\"name\", \"label\"}, got " + ManifestReader::show(e));
        }
        for (const StageLabel& earlier : stages)
            if (earlier.name == s.name)
                r.fail(path, "repeats stage \"" + s.name + "\"");
        stages.push_back(s);
    }
    return stages;
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

PluginManifest PluginManifest::load(const std::string& pluginDirectory) {
    const QFileInfo dirInfo(QString::fromStdString(pluginDirectory));
    if (!dirInfo.exists())
        throw Error(pluginDirectory + ": plugin folder does not exist");
    if (!dirInfo.isDir())
        throw Error(pluginDirectory + ": a plugin is a folder holding plugin.json, not a file");
    const QString dir = dirInfo.absoluteFilePath();
    QFile file(QDir(dir).filePath(QStringLiteral("plugin.json")));
    if (!file.exists())
        throw Error(file.fileName().toStdString() + ": missing (every plugin folder needs one)");
    if (!file.open(QIODevice::ReadOnly))
        throw Error(file.fileName().toStdString() + ": cannot read: " + file.errorString().toStdString());
    return parse(file.readAll().toStdString(), dir.toStdString());
}

PluginManifest PluginManifest::parse(const std::string& jsonText, const std::string& pluginDirectory) {
    const std::string path =
        QDir(QString::fromStdString(pluginDirectory)).filePath(QStringLiteral("plugin.json")).toStdString();
    ManifestReader r(path);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(jsonText), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw Error(path + ": invalid JSON at offset " + std::to_string(parseError.offset) + ": " +
                    parseError.errorString().toStdString());
    if (!doc.isObject())
        throw Error(path + ": the top level must be a JSON object");
    const QJsonObject o = doc.object();

    const QJsonValue schema = o.value(QStringLiteral("schema"));
    if (!schema.isDouble() || schema.toDouble() != kSchema)
        r.fail("schema", "must be " + std::to_string(kSchema) + " (the schema this Filterscope reads), got " +
                             ManifestReader::show(schema));

    PluginManifest m;
    m.directory = pluginDirectory;
    m.id = r.requireString(o, QStringLiteral("id"), "id");
    for (char c : m.id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            r.fail("id", "may hold only letters, digits, '-', '_' and '.', got \"" + m.id + "\"");
    m.name = r.requireString(o, QStringLiteral("name"), "name");
    m.version = r.optionalString(o, QStringLiteral("version"), "version");
    m.modality = parseModality(r, r.requireString(o, QStringLiteral("modality"), "modality"));
    const std::string model = r.requireString(o, QStringLiteral("model"), "model");
    const QFileInfo modelInfo(QDir(QString::fromStdString(pluginDirectory)), QString::fromStdString(model));
    if (!modelInfo.isFile())
        r.fail("model", "names \"" + model + "\", but " + modelInfo.absoluteFilePath().toStdString() +
                            " does not exist");
    m.modelFile = modelInfo.absoluteFilePath().toStdString();
    if (m.modality == Modality::Image || m.modality == Modality::Video)
        m.input = parseImageInput(r, o.value(QStringLiteral("input")));
    if (m.modality == Modality::Video)
        m.video = parseVideoInput(r, o.value(QStringLiteral("input")));
    if (m.modality == Modality::PointCloud)
        m.points = parsePointInput(r, o.value(QStringLiteral("input")));
    m.tokens = parseTokens(r, o.value(QStringLiteral("tokens")));
    if (m.modality == Modality::Video) {
        if (m.tokens.kind != TokenLayout::Kind::Cube)
            r.fail("tokens.layout", "must be \"cube\" with grid [t,h,w] for a video plugin");
        if (m.tokens.grid[0] * m.video.tubelet != m.video.frames)
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
        if (m.tokens.grid.empty())
            m.tokens.grid = {m.points.points};  // "points": one token per input point
    }
    if (m.modality == Modality::Image && m.tokens.kind != TokenLayout::Kind::Grid)
        r.fail("tokens.layout", "must be \"grid\" for an image plugin");
    m.stages = parseStages(r, o.value(QStringLiteral("stages")));
    m.description = r.optionalString(o, QStringLiteral("description"), "description");
    m.citation = r.optionalString(o, QStringLiteral("citation"), "citation");
    m.llm = LlmComposition::parse(o.value(QStringLiteral("llm")), pluginDirectory, path);
    return m;
}

std::string PluginManifest::labelForStage(const std::string& stage) const {
    for (const StageLabel& s : stages)
        if (s.name == stage)
            return s.label;
    return stage;
}

PluginManifest PluginManifest::forVariant(LlmComposition::Variant v) const {
    PluginManifest m = *this;
    if (!llm.present)
        return m;
    if (v != llm.variants.front())
        m.id += "@" + variantName(v);
    m.name += " — " + variantLabel(v, llm.layer);
    if (v == LlmComposition::Variant::Baseline)
        m.stages.erase(std::remove_if(m.stages.begin(), m.stages.end(),
                                      [](const StageLabel& s) { return s.name.rfind("llm.", 0) == 0; }),
                       m.stages.end());
    return m;
}

}  // namespace filterscope
