#pragma once

#include <string>

namespace filterscope {

// Which per-stage analyses to compute. Parsed from the CLI's
// "--analyses norm,activation,freq,spectrum,attention,qformer".
struct AnalysisSelection {
    bool norm = true;
    bool activation = true;
    bool frequency = true;
    bool spectrum = true;
    bool attention = true;  // needs attn.<stage> captures; stages without them are skipped
    bool qformer = true;    // needs xattn.<stage> captures (learned queries over the grid)

    static AnalysisSelection all() { return {}; }
    // Throws Error listing the known names when one is unknown.
    static AnalysisSelection parse(const std::string& commaList);
    std::string toString() const;
};

}  // namespace filterscope
