#pragma once

#include "figure/ProbeReport.h"
#include "probe/DatasetProbe.h"

#include <string>
#include <vector>

namespace filterscope {

// For the report: per model, its best and worst input by miou_best of the first probed map at the stage
// the hypothesis is about (llm.block when the model has it, else its last stage), drawn as overlays on the
// model input with the ground-truth mask's outline burned in (white), as OUT/figures/extremes_<model>.png.
// Inputs without masks have no miou_best and are not candidates; a model without any gets no figure.
std::vector<ReportFigure> writeExtremeFigures(const std::vector<BatchModel>& models,
                                              const DatasetProbeOptions& options);

}  // namespace filterscope
