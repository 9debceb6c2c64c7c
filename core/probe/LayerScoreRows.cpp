#include "probe/LayerScoreRows.h"

namespace filterscope {

void appendLayerRows(const LayerAnalyses& layers, std::vector<ScoreRow>& rows) {
    for (const StageTokenStatistics& t : layers.tokenStats) {
        rows.push_back({t.stage, "tokens", "outliers", double(t.stats.outliers.size())});
        rows.push_back({t.stage, "tokens", "sinks", double(t.stats.sinks.size())});
        rows.push_back({t.stage, "tokens", "massive_ratio", t.stats.massiveRatio});
    }
    for (const StageFourierCurve& f : layers.fourier)
        rows.push_back({f.stage, "fourier", "dlogamp_hf", f.dlogamp.data.back()});
    for (const FaithfulnessCurves& c : layers.faithfulness) {
        rows.push_back({c.stage, c.map, "insertion_auc", c.insertionAuc});
        rows.push_back({c.stage, c.map, "deletion_auc", c.deletionAuc});
    }
}

}  // namespace filterscope
