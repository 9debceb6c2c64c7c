#include "exporting/MetricsTable.h"

#include "analysis/MapStatistics.h"

namespace filterscope {
namespace {

std::string statsFields(const FloatArray* map) {
    if (!map)
        return ",,";
    const MapStatistics s = computeMapStatistics(*map);
    return CsvTable::number(s.min) + "," + CsvTable::number(s.mean) + "," + CsvTable::number(s.max);
}

}  // namespace

MetricsTable::MetricsTable()
    : CsvTable(
          "input,stage,stage_label,norm_min,norm_mean,norm_max,prefix_norm_mean,activation_min,"
          "activation_mean,activation_max,freq_min,freq_mean,freq_max,hf_ratio") {}

void MetricsTable::addStage(const std::string& input, const StageMaps& maps, const std::string& stageLabel) {
    if (!maps.hasTokens)  // an attention-only stage has no token maps to summarise
        return;
    std::string row = field(input) + "," + field(maps.stage) + "," + field(stageLabel) + ",";
    if (maps.norms) {
        row += statsFields(&maps.norms->grid) + ",";
        double prefixMean = 0.0;
        for (float v : maps.norms->prefix)
            prefixMean += v;
        row += maps.norms->prefix.empty() ? "" : number(prefixMean / maps.norms->prefix.size());
    } else {
        row += ",,,";
    }
    row += "," + statsFields(maps.activation ? &*maps.activation : nullptr) + "," +
           statsFields(maps.frequency ? &*maps.frequency : nullptr) + ",";
    if (maps.spectrum)
        row += number(maps.spectrum->highFrequencyRatio);
    if (!maps.sliceSpectra.empty()) {  // video: the mean over token-time steps
        double hf = 0;
        for (const SpatialSpectrum& s : maps.sliceSpectra)
            hf += s.highFrequencyRatio;
        row += number(hf / maps.sliceSpectra.size());
    }
    addRow(row);
}

AttentionHeadsTable::AttentionHeadsTable() : CsvTable("input,stage,head,entropy,mean_distance,sink_share") {}

void AttentionHeadsTable::addStage(const std::string& input, const StageMaps& maps) {
    if (!maps.attention)
        return;
    for (size_t h = 0; h < maps.attention->heads.size(); ++h) {
        const HeadStatistics& s = maps.attention->heads[h];
        addRow(field(input) + "," + field(maps.stage) + "," + std::to_string(h) + "," + number(s.entropy) +
               "," + number(s.meanDistance) + "," + number(s.sinkShare));
    }
}

QueryTable::QueryTable()
    : CsvTable(
          "input,stage,queries,effective_queries,effective_queries_raw,duplicate_groups,queries_in_groups,"
          "uncovered_share,pooling_outputs,pooling_effective,pooling_effective_raw,pooling_duplicate_groups,"
          "pooling_uncovered_share,"
          "coverage_threshold,relevance") {}

void QueryTable::addStage(const std::string& input, const QueryStageMaps& q,
                          const std::string& relevanceMethod) {
    addRow(field(input) + "," + field(q.stage) + "," + std::to_string(q.queries.queries) + "," +
           number(q.queries.effectiveQueries) + "," + number(q.queries.effectiveQueriesRaw) + "," +
           std::to_string(q.queries.duplicateGroups) + "," + std::to_string(q.queries.queriesInGroups) + "," +
           number(q.queries.uncoveredShare) + "," + std::to_string(q.pooling.queries) + "," +
           number(q.pooling.effectiveQueries) + "," + number(q.pooling.effectiveQueriesRaw) + "," +
           std::to_string(q.pooling.duplicateGroups) + "," + number(q.pooling.uncoveredShare) + "," +
           number(q.coverageThreshold) + "," + field(relevanceMethod));
}

}  // namespace filterscope
