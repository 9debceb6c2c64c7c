#include "contract/LlmComposition.h"

#include "common/Error.h"
#include "contract/ManifestReader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace filterscope {
namespace {

const LlmComposition::Variant kAll[] = {LlmComposition::Variant::Llm, LlmComposition::Variant::Random,
                                        LlmComposition::Variant::Identity, LlmComposition::Variant::Baseline};

void parseVariantFiles(const QJsonValue& weights, const QDir& dir, LlmComposition& c, ManifestReader& r) {
    if (weights.isUndefined())
        return;
    if (!weights.isObject()) {
        r.fail("llm.weights", "must be an object: {\"<variant>\": {\"model\": …, \"adapters\": …}}");
        return;
    }
    const QJsonObject all = weights.toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const std::string name = it.key().toStdString(), where = "llm.weights." + name;
        const auto known = std::find_if(std::begin(kAll), std::end(kAll),
                                        [&](LlmComposition::Variant x) { return variantName(x) == name; });
        if (known == std::end(kAll) ||
            std::find(c.variants.begin(), c.variants.end(), *known) == c.variants.end()) {
            r.fail(where, "names no variant this plugin offers (llm.variants)");
            continue;
        }
        if (!it.value().isObject()) {
            r.fail(where, "must be an object with model, adapters, tail and/or checkpoint");
            continue;
        }
        const QJsonObject o = it.value().toObject();
        LlmComposition::VariantFiles& files = c.files[*known];
        for (auto f = o.begin(); f != o.end(); ++f) {
            const std::string key = f.key().toStdString();
            const bool folder = key == "checkpoint";
            std::string* slot = key == "model"      ? &files.model
                                : key == "adapters" ? &files.adapters
                                : key == "tail"     ? &files.tail
                                : folder            ? &files.checkpoint
                                                    : nullptr;
            if (!slot) {
                r.fail(where + "." + key,
                       "is not a file a variant can bring (model, adapters, tail, checkpoint)");
                continue;
            }
            const bool layerless = *known == LlmComposition::Variant::Baseline ||
                                   (*known == LlmComposition::Variant::Identity && folder);
            if (layerless && key != "model" && key != "tail") {
                r.fail(where + "." + key, "\"" + name + "\" runs no " + (folder ? "LLM layer" : "adapters"));
                continue;
            }
            if (!f.value().isString() || f.value().toString().isEmpty()) {
                r.fail(where + "." + key, "must be a non-empty string");
                continue;
            }
            const QFileInfo info(dir, f.value().toString());
            if (folder ? !info.isDir() : !info.isFile())
                r.fail(where + "." + key, "names \"" + f.value().toString().toStdString() + "\", but " +
                                              info.absoluteFilePath().toStdString() + " is not a " +
                                              (folder ? "folder" : "file"));
            else
                *slot = info.absoluteFilePath().toStdString();
        }
    }
}

}  // namespace

std::string variantName(LlmComposition::Variant v) {
    switch (v) {
        case LlmComposition::Variant::Llm:
            return "llm";
        case LlmComposition::Variant::Random:
            return "random";
        case LlmComposition::Variant::Identity:
            return "identity";
        case LlmComposition::Variant::Baseline:
            return "baseline";
    }
    return "llm";
}

std::string variantLabel(LlmComposition::Variant v, int layer) {
    switch (v) {
        case LlmComposition::Variant::Llm:
            return "+LLM layer " + std::to_string(layer);
        case LlmComposition::Variant::Random:
            return "+random block";
        case LlmComposition::Variant::Identity:
            return "+identity";
        case LlmComposition::Variant::Baseline:
            return "baseline";
    }
    return {};
}

std::string variantDescription(LlmComposition::Variant v) {
    switch (v) {
        case LlmComposition::Variant::Llm:
            return "encoder → adapter → frozen LLM layer from the checkpoint → adapter → tail";
        case LlmComposition::Variant::Random:
            return "the same with the layer's weights drawn at random (seeded): is it the LLM's knowledge?";
        case LlmComposition::Variant::Identity:
            return "the two adapters alone, the layer replaced by the identity: is it the extra parameters?";
        case LlmComposition::Variant::Baseline:
            return "encoder → tail, without adapters or layer";
    }
    return {};
}

LlmComposition::Variant parseVariantName(const std::string& name) {
    for (LlmComposition::Variant v : kAll)
        if (variantName(v) == name)
            return v;
    throw Error("variant \"" + name + "\" is none of llm, random, identity, baseline");
}

const std::vector<std::string>& LlmComposition::fieldNames() {
    static const std::vector<std::string> names = {"tokens",  "checkpoint", "layer",  "adapters",
                                                   "tail",    "rope",       "causal", "seed",
                                                   "normEps", "variants",   "weights"};
    return names;
}

LlmComposition LlmComposition::parse(const QJsonValue& v, const std::string& pluginDirectory,
                                     ManifestReader& r) {
    LlmComposition c;
    if (v.isUndefined())
        return c;
    auto fail = [&](const std::string& key, const std::string& problem) { r.fail("llm." + key, problem); };
    if (!v.isObject()) {
        r.fail("llm", "must be an object (tokens, checkpoint, layer, adapters, …)");
        return c;
    }
    const QJsonObject o = v.toObject();
    const QDir dir(QString::fromStdString(pluginDirectory));
    auto string = [&](const char* key, bool required) {
        const QJsonValue s = o.value(QLatin1String(key));
        if (s.isUndefined() && !required)
            return std::string();
        if (!s.isString() || s.toString().isEmpty()) {
            fail(key, "must be a non-empty string");
            return std::string();
        }
        return s.toString().toStdString();
    };
    auto existing = [&](const char* key, bool folder, bool required) {
        const std::string name = string(key, required);
        if (name.empty())
            return name;
        const QFileInfo info(dir, QString::fromStdString(name));
        if (folder ? !info.isDir() : !info.isFile())
            fail(key, "names \"" + name + "\", but " + info.absoluteFilePath().toStdString() + " is not a " +
                          (folder ? "folder" : "file"));
        return info.absoluteFilePath().toStdString();
    };
    auto flag = [&](const char* key) {
        const QJsonValue b = o.value(QLatin1String(key));
        if (!b.isUndefined() && !b.isBool())
            fail(key, "must be true or false");
        return b.toBool(false);
    };
    c.present = true;
    c.tokensStage = string("tokens", true);
    c.checkpoint = existing("checkpoint", true, true);
    c.adapters = existing("adapters", false, true);
    c.tail = existing("tail", false, false);
    const QJsonValue layer = o.value(QStringLiteral("layer"));
    if (!layer.isDouble() || layer.toDouble() < 0 || layer.toDouble() != layer.toInt())
        fail("layer", "must be a layer index (integer >= 0)");
    else
        c.layer = layer.toInt();
    c.rope = flag("rope");
    c.causal = flag("causal");
    const QJsonValue seed = o.value(QStringLiteral("seed"));
    if (!seed.isUndefined() && (!seed.isDouble() || seed.toDouble() < 0 || seed.toDouble() > 4294967295.0))
        fail("seed", "must be an integer in [0, 2^32)");
    else
        c.seed = static_cast<uint32_t>(seed.toDouble(0));
    const QJsonValue eps = o.value(QStringLiteral("normEps"));
    if (!eps.isUndefined() && (!eps.isDouble() || !(eps.toDouble() > 0) || eps.toDouble() > 1))
        fail("normEps", "must be a small positive number such as 1e-6");
    else
        c.normEps = eps.toDouble(1e-6);
    const QJsonValue variants = o.value(QStringLiteral("variants"));
    if (!variants.isUndefined() && (!variants.isArray() || variants.toArray().isEmpty()))
        fail("variants", "must be a non-empty array of llm, random, identity, baseline");
    for (const QJsonValue& e : variants.toArray()) {
        const std::string name = e.toString().toStdString();
        const auto known =
            std::find_if(std::begin(kAll), std::end(kAll), [&](Variant x) { return variantName(x) == name; });
        if (known == std::end(kAll))
            fail("variants", "variant \"" + name + "\" is none of llm, random, identity, baseline");
        else if (std::find(c.variants.begin(), c.variants.end(), *known) != c.variants.end())
            fail("variants", "repeats \"" + name + "\"");
        else
            c.variants.push_back(*known);
    }
    if (c.variants.empty())
        c.variants.assign(std::begin(kAll), std::end(kAll));
    parseVariantFiles(o.value(QStringLiteral("weights")), dir, c, r);
    return c;
}

}  // namespace filterscope
