#pragma once

#include "probe/ProbeItems.h"

#include <string>
#include <vector>

namespace filterscope {

// The dataset probe's tables, always rebuilt from the item files (so a resumed run and a merge of shards
// end with exactly the files of one uninterrupted run):
//   probe.csv    input,model,stage,map,metric,value — every number, items sorted by (input, model)
//   summary.csv  model,stage,map,metric,n,mean,ci_low,ci_high — over the inputs with a value, 95%
//                percentile bootstrap (statistics/ConfidenceStatistics)
//   paired.csv   model_a,model_b,stage,map,metric,n,mean_diff,ci_low,ci_high,p_value — every pair of
//                models (in name order) on the inputs where both have a value
struct ProbeTableCounts {
    size_t rows = 0, summaries = 0, pairs = 0, inputs = 0;
    std::vector<std::string> models;
};
ProbeTableCounts rebuildProbeTables(const std::string& outDir);

// One row of summary.csv (NaN mean and interval when n = 0).
struct SummaryRow {
    std::string model, stage, map, metric;
    int n = 0;
    double mean = 0, low = 0, high = 0;
};
// Throws Error naming the file when it cannot be read.
std::vector<SummaryRow> readSummary(const std::string& outDir);

}  // namespace filterscope
