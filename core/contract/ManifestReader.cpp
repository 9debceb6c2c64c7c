#include "contract/ManifestReader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace filterscope {
namespace {

// Fields the probe forward pass needs: with a problem there, the model cannot be run for checking.
bool blocksProbe(const std::string& key) {
    for (const char* f : {"schema", "modality", "model", "input", "input.size", "input.frames",
                          "input.tubelet", "input.points", "tokens", "llm"}) {
        const std::string field(f);
        if (key == field || (field != "input" && key.rfind(field + ".", 0) == 0))  // tokens.grid, llm.layer
            return true;
    }
    return false;
}

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

void ManifestReader::fail(const std::string& key, const std::string& problem) {
    problems_.push_back("'" + key + "' " + problem);
    failedKeys_.push_back(key);
    if (blocksProbe(key))
        probeable_ = false;
}

bool ManifestReader::failed(const std::string& key) const {
    return std::any_of(failedKeys_.begin(), failedKeys_.end(), [&](const std::string& k) {
        return k == key || k.rfind(key + ".", 0) == 0 || k.rfind(key + "[", 0) == 0;
    });
}

void ManifestReader::warnUnknownFields(const QJsonObject& o, const std::string& prefix,
                                       const std::vector<std::string>& known) {
    for (auto it = o.begin(); it != o.end(); ++it) {
        const std::string name = it.key().toStdString();
        if (std::find(known.begin(), known.end(), name) != known.end())
            continue;
        std::string warning =
            "'" + prefix + name + "' is not a field of schema " + std::to_string(schema_) + " and is ignored";
        std::string closest;
        size_t best = 3;  // suggest only near misses: a typo, not a different word
        for (const std::string& k : known) {
            const size_t d = editDistance(name, k);
            if (d < best)
                best = d, closest = k;
        }
        if (!closest.empty())
            warning += "; did you mean '" + prefix + closest + "'?";
        else
            warning += " (a typo, or a field of a newer schema?)";
        warnings_.push_back(warning);
    }
}

std::string ManifestReader::show(const QJsonValue& v) {
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

std::string ManifestReader::requireString(const QJsonObject& o, const char* key, const std::string& path) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().trimmed().isEmpty()) {
        fail(path, "must be a non-empty string, got " + show(v));
        return {};
    }
    return v.toString().toStdString();
}

std::string ManifestReader::optionalString(const QJsonObject& o, const char* key, const std::string& path) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        fail(path, "must be a string, got " + show(v));
        return {};
    }
    return v.toString().toStdString();
}

std::string ManifestReader::localizedString(const QJsonObject& o, const char* key, const std::string& path,
                                            bool required, std::map<std::string, std::string>& variants) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isObject())
        return required ? requireString(o, key, path) : optionalString(o, key, path);
    const QJsonObject byLanguage = v.toObject();
    for (auto it = byLanguage.begin(); it != byLanguage.end(); ++it) {
        if (!it.value().isString() || it.value().toString().trimmed().isEmpty()) {
            fail(path + "." + it.key().toStdString(), "must be a non-empty string, got " + show(it.value()));
            continue;
        }
        variants[it.key().toStdString()] = it.value().toString().toStdString();
    }
    if (byLanguage.isEmpty()) {
        fail(path, "must be a string or an object of strings by language ({\"en\": …, \"zh_CN\": …})");
        return {};
    }
    if (variants.empty())
        return {};
    return variants.count("en") ? variants["en"] : variants.begin()->second;
}

int64_t ManifestReader::positiveInt(const QJsonValue& v, const std::string& path, double max) {
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 1 || d > max || d != static_cast<double>(static_cast<int64_t>(d))) {
        fail(path, "must be a positive integer" +
                       (max < 1e9 ? " up to " + std::to_string(static_cast<int64_t>(max)) : std::string()) +
                       ", got " + show(v));
        return 0;
    }
    return static_cast<int64_t>(d);
}

std::vector<int64_t> ManifestReader::positiveInts(const QJsonValue& v, size_t count,
                                                  const std::string& path) {
    const std::string want = "must be an array of " + std::to_string(count) + " positive integers, got ";
    if (!v.isArray() || static_cast<size_t>(v.toArray().size()) != count) {
        fail(path, want + show(v));
        return {};
    }
    std::vector<int64_t> out;
    for (const QJsonValue& e : v.toArray()) {
        const double d = e.toDouble(-1);
        if (!e.isDouble() || d < 1 || d != static_cast<double>(static_cast<int64_t>(d)) || d > 1e6) {
            fail(path, want + show(v));
            return {};
        }
        out.push_back(static_cast<int64_t>(d));
    }
    return out;
}

std::array<float, 3> ManifestReader::threeFloats(const QJsonValue& v, const std::string& path, bool positive,
                                                 std::array<float, 3> fallback) {
    const std::string want = std::string("must be an array of 3 ") + (positive ? "positive " : "") +
                             "numbers (R,G,B on a 0..1 scale), got ";
    if (!v.isArray() || v.toArray().size() != 3) {
        fail(path, want + show(v));
        return fallback;
    }
    std::array<float, 3> out{};
    for (int i = 0; i < 3; ++i) {
        const QJsonValue e = v.toArray().at(i);
        if (!e.isDouble() || (positive && e.toDouble() <= 0)) {
            fail(path, want + show(v));
            return fallback;
        }
        out[i] = static_cast<float>(e.toDouble());
    }
    return out;
}

}  // namespace filterscope
