#pragma once

#include "capture/CaptureSet.h"
#include "contract/PluginManifest.h"
#include "contract/TokenLayout.h"

#include <string>
#include <vector>

namespace filterscope {

// Checks captures against the plugin contract and the manifest's token layout. Returns every problem
// found (not only the first), each a sentence naming the key with expected vs actual shape.
std::vector<std::string> validateCaptureShapes(const CaptureSet& captures, const TokenLayout& layout);
// The same with each stage's own grid and attention windows (manifest stages[].grid, stages[].window).
std::vector<std::string> validateCaptureShapes(const CaptureSet& captures, const PluginManifest& manifest);

// Names the captures that hold NaN or Inf (a diverged model or broken weights).
std::vector<std::string> findNonFiniteCaptures(const CaptureSet& captures);

}  // namespace filterscope
