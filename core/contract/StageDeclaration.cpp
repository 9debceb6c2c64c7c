#include "contract/StageDeclaration.h"

#include "contract/ManifestReader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace filterscope {
namespace {

using Show = ManifestReader;

void parseGrid(ManifestReader& r, const QJsonObject& o, const std::string& path, const TokenLayout& tokens,
               StageLabel& s) {
    const QJsonValue grid = o.value(QStringLiteral("grid"));
    if (grid.isUndefined())
        return;
    if (tokens.kind != TokenLayout::Kind::Grid) {
        r.fail(path + ".grid", "is for image plugins with tokens.layout \"grid\" (hierarchical stages)");
        return;
    }
    s.grid = r.positiveInts(grid, 2, path + ".grid");
    if (!s.grid.empty() && s.grid[0] * s.grid[1] > 1000000) {
        r.fail(path + ".grid", "has " + std::to_string(s.grid[0] * s.grid[1]) +
                                   " tokens, more than the 1,000,000 a layout may have");
        s.grid.clear();
    }
}

void parseWindow(ManifestReader& r, const QJsonObject& o, const std::string& path, const TokenLayout& tokens,
                 StageLabel& s) {
    const QJsonValue v = o.value(QStringLiteral("window"));
    if (v.isUndefined())
        return;
    const std::string p = path + ".window";
    if (!v.isObject()) {
        r.fail(p, "must be {\"size\": w, \"shift\": s}, got " + Show::show(v));
        return;
    }
    r.warnUnknownFields(v.toObject(), p + ".", {"size", "shift"});
    const int64_t size = r.positiveInt(v.toObject().value(QStringLiteral("size")), p + ".size", 4096);
    const QJsonValue shift = v.toObject().value(QStringLiteral("shift"));
    int64_t shiftValue = 0;
    if (!shift.isUndefined()) {
        const double d = shift.toDouble(-1);
        if (!shift.isDouble() || d < 0 || d != static_cast<double>(static_cast<int64_t>(d)) || d >= size)
            r.fail(p + ".shift", "must be an integer in 0.." + std::to_string(size > 0 ? size - 1 : 0) +
                                     " (less than the window size), got " + Show::show(shift));
        else
            shiftValue = static_cast<int64_t>(d);
    }
    if (size <= 0 || r.failed(p))
        return;
    const std::vector<int64_t>& grid = s.grid.empty() ? tokens.grid : s.grid;
    if (grid.size() == 2 && (grid[0] % size != 0 || grid[1] % size != 0)) {
        r.fail(p + ".size", std::to_string(size) + " does not divide the stage's grid " +
                                std::to_string(grid[0]) + "x" + std::to_string(grid[1]) +
                                " (padded windows are not supported)");
        return;
    }
    s.window.size = static_cast<int>(size);
    s.window.shift = static_cast<int>(shiftValue);
}

}  // namespace

std::vector<StageLabel> parseStages(ManifestReader& r, const QJsonValue& v, const TokenLayout& tokens) {
    std::vector<StageLabel> stages;
    if (v.isUndefined())
        return stages;
    if (!v.isArray()) {
        r.fail("stages", "must be an array, got " + Show::show(v));
        return stages;
    }
    int i = 0;
    for (const QJsonValue& e : v.toArray()) {
        const std::string path = "stages[" + std::to_string(i++) + "]";
        StageLabel s;
        if (e.isString()) {
            s.name = s.label = e.toString().toStdString();
        } else if (e.isObject()) {
            const QJsonObject o = e.toObject();
            r.warnUnknownFields(o, path + ".", {"name", "label", "grid", "window"});
            s.name = r.requireString(o, "name", path + ".name");
            s.label = r.localizedString(o, "label", path + ".label", false, s.labelVariants);
            if (s.label.empty())
                s.label = s.name;
            parseGrid(r, o, path, tokens, s);
            parseWindow(r, o, path, tokens, s);
        } else {
            r.fail(path, "must be a stage name or {\"name\", \"label\", \"grid\", \"window\"}, got " +
                             Show::show(e));
        }
        if (s.name.empty())
            continue;
        const bool repeated = std::any_of(stages.begin(), stages.end(),
                                          [&](const StageLabel& earlier) { return earlier.name == s.name; });
        if (repeated)
            r.fail(path, "repeats stage \"" + s.name + "\"");
        else
            stages.push_back(s);
    }
    return stages;
}

}  // namespace filterscope
