#pragma once

#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "exporting/CsvTable.h"

#include <string>

namespace filterscope {

// metrics.csv: one row per input × stage with min/mean/max of each map and the high-frequency ratio.
class MetricsTable : public CsvTable {
public:
    MetricsTable();
    void addStage(const std::string& input, const StageMaps& maps, const std::string& stageLabel);
};

// attention_heads.csv: one row per input × attention stage × head.
class AttentionHeadsTable : public CsvTable {
public:
    AttentionHeadsTable();
    void addStage(const std::string& input, const StageMaps& maps);
};

// qformer.csv: one row per input × cross-attention stage, the Q-Former next to its pooling baseline.
class QueryTable : public CsvTable {
public:
    QueryTable();
    void addStage(const std::string& input, const QueryStageMaps& q, const std::string& relevanceMethod);
};

}  // namespace filterscope
