#include "exporting/MapFigureText.h"

namespace filterscope {

const char* const kMinMaxScaling = "colour range: min to max of this map";
const char* const kSharedScaling = "colour range: shared by every stage of this model";
const char* const kSpectrumValueLabel = "log10 power, DC excluded, centred";

MapFigureText mapFigureText(MapKind kind, bool cls) {
    switch (kind) {
        case MapKind::Norm:
            return {"token norm", "‖xᵢ‖₂ (raw)"};
        case MapKind::Activation:
            return {"activation", "‖xᵢ − x̄‖₂ (raw)"};
        case MapKind::Frequency:
            return {"frequency", "‖pᵢ − p̄‖₂ (raw, radians)"};
        case MapKind::Spectrum:
            return {"spatial spectrum", kSpectrumValueLabel};
        case MapKind::Rollout:
            return {"attention rollout", cls ? "rollout attribution of CLS (raw)"
                                             : "rollout attribution, mean over query tokens (raw)"};
        case MapKind::Attention:
            return {"attention", "attention probability (raw)"};
        case MapKind::Query:
            return {"cross-attention", "cross-attention, mean over heads (raw)"};
        case MapKind::Relevance:
            return {"query relevance", "relevance of the query (raw)"};
    }
    return {};
}

std::string mapFigureTitle(const std::string& inputName, const std::string& stageLabel,
                           const std::string& what) {
    return inputName + " | " + stageLabel + " | " + what;
}

}  // namespace filterscope
