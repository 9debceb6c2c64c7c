#include "probe/ProbeTables.h"

#include "exporting/CsvTable.h"
#include "statistics/ConfidenceStatistics.h"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace filterscope {
namespace {

using MetricKey = std::tuple<std::string, std::string, std::string>;  // stage, map, metric

std::string number(double v) {
    return std::isnan(v) ? std::string() : CsvTable::number(v);
}

}  // namespace

ProbeTableCounts rebuildProbeTables(const std::string& outDir) {
    const std::vector<ProbeRow> rows = readAllItems(outDir);
    ProbeTableCounts counts;
    CsvTable probe(kProbeRowHeader);
    // model → metric key → input → value, and each model's keys in the order rows first carry them.
    std::map<std::string, std::map<MetricKey, std::map<std::string, double>>> values;
    std::map<std::string, std::vector<MetricKey>> keyOrder;
    std::set<std::string> inputs;
    for (const ProbeRow& r : rows) {
        probe.addRow(CsvTable::field(r.input) + "," + CsvTable::field(r.model) + "," +
                     CsvTable::field(r.stage) + "," + r.map + "," + r.metric + "," + number(r.value));
        inputs.insert(r.input);
        const MetricKey key{r.stage, r.map, r.metric};
        auto& byKey = values[r.model];
        if (!byKey.count(key))
            keyOrder[r.model].push_back(key);
        if (!std::isnan(r.value))
            byKey[key][r.input] = r.value;
        else
            byKey[key];
    }
    probe.writeTo(outDir + "/probe.csv");
    counts.rows = rows.size();
    counts.inputs = inputs.size();

    CsvTable summary("model,stage,map,metric,n,mean,ci_low,ci_high");
    for (const auto& [model, keys] : keyOrder) {
        counts.models.push_back(model);
        for (const MetricKey& key : keys) {
            const auto& byInput = values[model][key];
            std::vector<double> v;
            for (const auto& [input, value] : byInput)  // inputs in sorted order: resampling is reproducible
                v.push_back(value);
            std::string row = CsvTable::field(model) + "," + CsvTable::field(std::get<0>(key)) + "," +
                              std::get<1>(key) + "," + std::get<2>(key) + "," + std::to_string(v.size()) +
                              ",";
            if (v.empty()) {
                row += ",,";
            } else {
                const Interval ci = bootstrapMean(v);
                row += number(ci.mean) + "," + number(ci.low) + "," + number(ci.high);
            }
            summary.addRow(row);
        }
    }
    summary.writeTo(outDir + "/summary.csv");
    counts.summaries = summary.rows().size();

    CsvTable paired("model_a,model_b,stage,map,metric,n,mean_diff,ci_low,ci_high,p_value");
    for (size_t i = 0; i < counts.models.size(); ++i)
        for (size_t j = i + 1; j < counts.models.size(); ++j) {
            const std::string& a = counts.models[i];
            const std::string& b = counts.models[j];
            for (const MetricKey& key : keyOrder[a]) {
                const auto other = values[b].find(key);
                if (other == values[b].end())
                    continue;  // a stage (or map) only one of them has
                std::vector<double> va, vb;
                for (const auto& [input, value] : values[a][key]) {
                    const auto match = other->second.find(input);
                    if (match != other->second.end())
                        va.push_back(value), vb.push_back(match->second);
                }
                if (va.empty())
                    continue;
                const PairedDifference d = pairedDifference(va, vb);
                paired.addRow(CsvTable::field(a) + "," + CsvTable::field(b) + "," +
                              CsvTable::field(std::get<0>(key)) + "," + std::get<1>(key) + "," +
                              std::get<2>(key) + "," + std::to_string(va.size()) + "," +
                              number(d.difference.mean) + "," + number(d.difference.low) + "," +
                              number(d.difference.high) + "," + number(d.pValue));
            }
        }
    paired.writeTo(outDir + "/paired.csv");
    counts.pairs = paired.rows().size();
    return counts;
}

}  // namespace filterscope
