#pragma once

#include "metrics/InputScores.h"
#include "pipeline/LayerAnalyses.h"

#include <vector>

namespace filterscope {

// The layer analyses of one input as probe rows, so the probe's tables give them 95% intervals and paired
// model differences like any map metric: per token stage, map "tokens" with metrics outliers, sinks and
// massive_ratio (tokenstats), map "fourier" with dlogamp_hf (the curve's last value); per stage and map,
// insertion_auc and deletion_auc (faithfulness).
void appendLayerRows(const LayerAnalyses& layers, std::vector<ScoreRow>& rows);

}  // namespace filterscope
