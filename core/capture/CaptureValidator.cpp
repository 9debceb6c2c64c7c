#include "capture/CaptureValidator.h"

namespace filterscope {
namespace {

std::string keyList(const CaptureSet& captures) {
    std::string s;
    for (const std::string& k : captures.keys())
        s += (s.empty() ? "" : ", ") + k;
    return s.empty() ? "none" : s;
}

std::string windowProblem(const std::string& key, const std::vector<int64_t>& s, const TokenLayout& layout,
                          const AttentionWindow& window) {
    const std::string got = "got " + shapeToString(s);
    if (!window.present())
        return "capture '" + key + "' is windowed attention, but the manifest declares no stages[].window " +
               "{\"size\", \"shift\"} for its stage (" + got + ")";
    const int64_t c = int64_t{window.size} * window.size;
    const int64_t windows = (layout.height() / window.size) * (layout.width() / window.size);
    if (s.size() != 5 || s[0] != 1 || s[1] < 1 || s[2] != windows || s[3] != c || s[4] != c)
        return "capture '" + key + "' must be [1,H," + std::to_string(windows) + "," + std::to_string(c) +
               "," + std::to_string(c) + "] windowed attention (" + std::to_string(windows) + " windows of " +
               std::to_string(window.size) + "x" + std::to_string(window.size) + " over grid " +
               std::to_string(layout.height()) + "x" + std::to_string(layout.width()) + "), " + got;
    return {};
}

std::vector<std::string> validate(const CaptureSet& captures, const TokenLayout& base,
                                  const std::vector<StageLabel>& stages) {
    std::vector<std::string> problems;
    const TokenLayout& layout = base;
    bool anyTokens = false;
    const int64_t m = layout.queries;
    const std::string mText = "M = " + std::to_string(m) + " queries";
    for (const Capture& c : captures.all()) {
        const CaptureKey k = CaptureKey::parse(c.key);
        const auto& s = c.value.shape;
        TokenLayout stageLayout = base;
        AttentionWindow window;
        for (const StageLabel& d : stages)
            if (d.name == k.stage) {
                if (!d.grid.empty())
                    stageLayout.grid = d.grid;
                window = d.window;
            }
        // Hierarchical stages carry their own grid: N is the stage's, not the plugin's.
        const int64_t n = stageLayout.tokenCount();
        const std::string nText = "N = " + stageLayout.describe();
        const std::string got = "got " + c.value.shapeString();
        switch (k.kind) {
            case CaptureKind::Tokens:
                anyTokens = true;
                if (s.size() != 3 || s[0] != 1 || s[2] < 1)
                    problems.push_back("capture '" + c.key + "' must be [1,N,C] token features, " + got);
                else if (s[1] != n && !(m > 0 && s[1] == m))
                    problems.push_back("capture '" + c.key + "' has " + std::to_string(s[1]) +
                                       " tokens, expected " + nText +
                                       (m > 0 ? " or " + mText : std::string()) + " (" + got + ")");
                break;
            case CaptureKind::Attention:
                if (s.size() != 4 || s[0] != 1 || s[1] < 1 || s[2] != s[3])
                    problems.push_back("capture '" + c.key + "' must be [1,H,N,N] attention, " + got);
                else if (s[2] != n && !(m > 0 && s[2] == m))
                    problems.push_back("capture '" + c.key + "' attends over " + std::to_string(s[2]) +
                                       " tokens, expected " + nText +
                                       (m > 0 ? " or " + mText : std::string()) + " (" + got + ")");
                break;
            case CaptureKind::WindowAttention:
                if (std::string p = windowProblem(c.key, s, stageLayout, window); !p.empty())
                    problems.push_back(p);
                break;
            case CaptureKind::CrossAttention:
                if (s.size() != 4 || s[0] != 1 || s[1] < 1 || s[2] < 1)
                    problems.push_back("capture '" + c.key + "' must be [1,H,M,N] cross-attention, " + got);
                else if (s[3] != n)
                    problems.push_back("capture '" + c.key + "' attends over " + std::to_string(s[3]) +
                                       " tokens, expected " + nText + " (" + got + ")");
                else if (m > 0 && s[2] != m)
                    problems.push_back("capture '" + c.key + "' has " + std::to_string(s[2]) +
                                       " queries, expected " + mText + " (" + got + ")");
                break;
            case CaptureKind::Logits:
                if (s.size() != 2 || s[0] != 1)
                    problems.push_back("capture 'logits' must be [1,K], " + got);
                break;
            case CaptureKind::Extra:
                break;
        }
    }
    if (layout.kind == TokenLayout::Kind::Groups && !layout.onePerPoint) {
        // Group tokens map back to points through the model's own grouping.
        const FloatArray* centers = captures.find("centers");
        const FloatArray* index = captures.find("group_index");
        const int64_t g = layout.gridTokenCount();
        if (!centers || centers->shape != std::vector<int64_t>{1, g, 3})
            problems.push_back("a point-group model must return 'centers' [1," + std::to_string(g) +
                               ",3], got " + (centers ? centers->shapeString() : std::string("none")));
        if (!index || index->dim() != 3 || index->shape[0] != 1 || index->shape[1] != g)
            problems.push_back("a point-group model must return 'group_index' [1," + std::to_string(g) +
                               ",k], got " + (index ? index->shapeString() : std::string("none")));
    }
    if (!anyTokens)
        problems.insert(problems.begin(), "the model returned no tokens.<stage> capture (keys returned: " +
                                              keyList(captures) + ")");
    return problems;
}

}  // namespace

std::vector<std::string> validateCaptureShapes(const CaptureSet& captures, const TokenLayout& layout) {
    return validate(captures, layout, {});
}

std::vector<std::string> validateCaptureShapes(const CaptureSet& captures, const PluginManifest& manifest) {
    std::vector<std::string> problems = validate(captures, manifest.tokens, manifest.stages);
    // An edit acts on the tokens leaving a stage: a stage the manifest calls editable must return them.
    for (const std::string& stage : manifest.forward.editableStages)
        if (!captures.find("tokens." + stage))
            problems.push_back("forward.edits names stage '" + stage +
                               "', but the model returns no 'tokens." + stage + "' to edit");
    return problems;
}

std::vector<std::string> findNonFiniteCaptures(const CaptureSet& captures) {
    std::vector<std::string> bad;
    for (const Capture& c : captures.all())
        if (c.value.hasNonFinite())
            bad.push_back(c.key);
    return bad;
}

}  // namespace filterscope
