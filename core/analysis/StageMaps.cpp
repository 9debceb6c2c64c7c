#include "analysis/StageMaps.h"

#include "analysis/ActivationAnalysis.h"
#include "analysis/FrequencyAnalysis.h"

namespace filterscope {

std::vector<StageMaps> computeStageMaps(const CaptureSet& captures, const TokenLayout& layout,
                                        const std::vector<std::string>& stages,
                                        const AnalysisSelection& selection) {
    std::vector<StageMaps> out;
    for (const std::string& stage : stages) {
        const FloatArray& tokens = captures.get("tokens." + stage);
        StageMaps m;
        m.stage = stage;
        if (selection.norm)
            m.norms = computeTokenNorms(tokens, layout);
        if (selection.activation)
            m.activation = computeActivationMap(tokens, layout);
        if (selection.frequency)
            m.frequency = computeFrequencyMap(tokens, layout);
        if (selection.spectrum && layout.grid.size() == 2)
            m.spectrum = computeSpatialSpectrum(tokens, layout);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace filterscope
