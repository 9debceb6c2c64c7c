#pragma once

#include <QJsonObject>
#include <QJsonValue>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace filterscope {

// Reads the fields of one plugin.json and collects every problem instead of stopping at the first, so a
// plugin author fixes them all in one round. After a problem the reader returns a harmless fallback and
// parsing goes on. Problems in fields the probe forward needs (schema, modality, model, input sizes,
// tokens, llm) mark the manifest as not probeable; the others (normalisation, labels, resampling) do not,
// so `plugin check` can still run the model and report its capture problems too.
class ManifestReader {
public:
    explicit ManifestReader(std::string path) : path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    // The schema the file declares, for the unknown-field warnings ("not a field of schema 2").
    void setSchema(int schema) { schema_ = schema; }
    // Records "'key' problem".
    void fail(const std::string& key, const std::string& problem);
    // Every member of `o` not named in `known` becomes a warning ("'input.crop_pc' is not a field …; did you
    // mean 'crop_pct'?"): a typo or a newer schema's field must not change nothing without a word.
    void warnUnknownFields(const QJsonObject& o, const std::string& prefix,
                           const std::vector<std::string>& known);

    const std::vector<std::string>& problems() const { return problems_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    bool probeable() const { return probeable_; }
    // True when a problem was recorded for `key` (or a field below it).
    bool failed(const std::string& key) const;

    static std::string show(const QJsonValue& v);

    std::string requireString(const QJsonObject& o, const char* key, const std::string& path);
    std::string optionalString(const QJsonObject& o, const char* key, const std::string& path);
    // A string, or one per language ({"en": "…", "zh_CN": "…"}): returns "en" (else the first) and puts
    // every language's text into `variants`.
    std::string localizedString(const QJsonObject& o, const char* key, const std::string& path, bool required,
                                std::map<std::string, std::string>& variants);
    // 0 after a problem.
    int64_t positiveInt(const QJsonValue& v, const std::string& path, double max = 1e9);
    // Empty after a problem.
    std::vector<int64_t> positiveInts(const QJsonValue& v, size_t count, const std::string& path);
    // `fallback` after a problem.
    std::array<float, 3> threeFloats(const QJsonValue& v, const std::string& path, bool positive,
                                     std::array<float, 3> fallback);

private:
    std::string path_;
    std::vector<std::string> problems_;
    std::vector<std::string> failedKeys_;
    std::vector<std::string> warnings_;
    bool probeable_ = true;
    int schema_ = 1;
};

}  // namespace filterscope
