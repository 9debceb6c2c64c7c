#pragma once

#include <string>

namespace filterscope {

// The scalar whose gradient weights Q-Former relevance (plugins/README.md, "Gradient-weighted relevance").
// What a user asks for; the model's captures decide what can be used (ScriptModule::forwardWithGradients
// falls back to a default that exists, then to raw attention, and says which).
struct RelevanceTarget {
    enum class Kind { Default, TopLogit, Logit, QueryNorm };
    Kind kind = Kind::Default;
    int index = -1;  // Logit: the logit; QueryNorm: the query (−1: the norm over all queries)
    // QueryNorm: a capture key holding [1,M,C] query outputs (e.g. "queries.final"), or a stage name
    // meaning tokens.<stage>.
    std::string capture;
    int queries = 0;  // M, when the manifest declares it (0: taken from the xattn.* captures)

    // "default", "top-logit", "logit:K", "query-norm:KEY" or "query-norm:KEY:Q". Throws Error otherwise.
    static RelevanceTarget parse(const std::string& text);
    std::string toString() const;
};

}  // namespace filterscope
