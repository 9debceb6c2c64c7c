#pragma once

#include "pipeline/LayerAnalyses.h"

#include <string>

namespace filterscope {

// Writes one input's layer analyses under `directory` (the input's output folder), as plugins/README.md
// lists them: token_stats.csv with <stage>/sink_phi.npy; cka.npy with cka_stages.txt; <stage>/dlogamp.npy;
// faithfulness.csv with <stage>/<map>_deletion.npy and _insertion.npy. Nothing for an analysis not run.
void writeLayerAnalyses(const std::string& directory, const LayerAnalyses& layers);

// The CSV headers, shared with the tests and the README.
extern const char* const kTokenStatsHeader;
extern const char* const kFaithfulnessHeader;

}  // namespace filterscope
