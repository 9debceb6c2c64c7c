#include "inference/RelevanceTarget.h"

#include "common/Error.h"

#include <cctype>

namespace filterscope {
namespace {

// A non-negative decimal that fits an int, or −1.
int parseIndex(const std::string& s) {
    if (s.empty() || s.size() > 9)
        return -1;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return -1;
    return std::stoi(s);
}

}  // namespace

RelevanceTarget RelevanceTarget::parse(const std::string& text) {
    const std::string bad =
        "relevance target must be default, top-logit, logit:K, query-norm:KEY or "
        "query-norm:KEY:Q, got \"" +
        text + "\"";
    RelevanceTarget t;
    if (text == "default")
        return t;
    if (text == "top-logit") {
        t.kind = Kind::TopLogit;
        return t;
    }
    if (text.rfind("logit:", 0) == 0) {
        t.kind = Kind::Logit;
        t.index = parseIndex(text.substr(6));
        if (t.index < 0)
            throw Error(bad);
        return t;
    }
    if (text.rfind("query-norm:", 0) == 0) {
        t.kind = Kind::QueryNorm;
        t.capture = text.substr(11);
        // Capture keys hold dots, never colons: a trailing ":<digits>" is the query index.
        const size_t colon = t.capture.rfind(':');
        if (colon != std::string::npos) {
            t.index = parseIndex(t.capture.substr(colon + 1));
            t.capture.resize(colon);
            if (t.index < 0)
                throw Error(bad);
        }
        if (t.capture.empty() || t.capture.find(':') != std::string::npos)
            throw Error(bad);
        return t;
    }
    throw Error(bad);
}

std::string RelevanceTarget::toString() const {
    switch (kind) {
        case Kind::Default:
            return "default";
        case Kind::TopLogit:
            return "top-logit";
        case Kind::Logit:
            return "logit:" + std::to_string(index);
        case Kind::QueryNorm:
            return "query-norm:" + capture + (index >= 0 ? ":" + std::to_string(index) : std::string());
    }
    return "default";
}

}  // namespace filterscope
