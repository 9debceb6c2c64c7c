#pragma once

#include "common/Error.h"
#include "common/ProgressSink.h"
#include "plugin/ModelPlugin.h"
#include "session/InputResult.h"

namespace filterscope {

// Loads one image, runs the plugin, and computes every analysis for every token stage. Reports one
// progress step per phase and per stage, and checks for cancellation between them (a forward pass
// itself cannot be interrupted). Throws Error naming the file, or CancelledError.
// `halfAttention` keeps attention in float16 (half the memory; about 3 significant digits).
InputResult computeInputResult(const ModelPlugin& plugin, const std::string& inputPath,
                               ProgressSink& progress, bool halfAttention = false);

}  // namespace filterscope
