#include "capture/CaptureValidator.h"

namespace filterscope {
namespace {

std::string keyList(const CaptureSet& captures) {
    std::string s;
    for (const std::string& k : captures.keys())
        s += (s.empty() ? "" : ", ") + k;
    return s.empty() ? "none" : s;
}

}  // namespace

std::vector<std::string> validateCaptureShapes(const CaptureSet& captures, const TokenLayout& layout) {
    std::vector<std::string> problems;
    const int64_t n = layout.tokenCount();
    const std::string nText = "N = " + layout.describe();
    bool anyTokens = false;
    const int64_t m = layout.queries;
    const std::string mText = "M = " + std::to_string(m) + " queries";
    for (const Capture& c : captures.all()) {
        const CaptureKey k = CaptureKey::parse(c.key);
        const auto& s = c.value.shape;
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

std::vector<std::string> findNonFiniteCaptures(const CaptureSet& captures) {
    std::vector<std::string> bad;
    for (const Capture& c : captures.all())
        if (c.value.hasNonFinite())
            bad.push_back(c.key);
    return bad;
}

}  // namespace filterscope
