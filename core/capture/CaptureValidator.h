#pragma once

#include "capture/CaptureSet.h"
#include "contract/TokenLayout.h"

#include <string>
#include <vector>

namespace filterscope {

// Checks captures against the plugin contract and the manifest's token layout. Returns every problem
// found (not only the first), each a sentence naming the key with expected vs actual shape.
std::vector<std::string> validateCaptureShapes(const CaptureSet& captures, const TokenLayout& layout);

// Names the captures that hold NaN or Inf (a diverged model or broken weights).
std::vector<std::string> findNonFiniteCaptures(const CaptureSet& captures);

}  // namespace filterscope
