#pragma once

#include <string>

namespace filterscope {

// The few numbers a probe run ends with in the terminal, one line per model, from OUT/summary.csv: the
// accuracy against the labels (when probed with --labels) and how well the activation map at the model's
// frozen-LLM stage (llm.block; else its last stage) finds the masked object (AUROC, best-threshold mIoU),
// each a mean with its 95% interval. Empty when the summary has none of these.
std::string probeSummaryTable(const std::string& outDir);

}  // namespace filterscope
