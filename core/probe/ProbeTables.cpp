#include "probe/ProbeTables.h"

#include "exporting/CsvTable.h"
#include "statistics/ConfidenceStatistics.h"

#include "common/Error.h"

#include <QFile>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
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

std::vector<SummaryRow> readSummary(const std::string& outDir) {
    const std::string path = outDir + "/summary.csv";
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + f.errorString().toStdString());
    std::istringstream in(f.readAll().toStdString());
    std::string line;
    std::getline(in, line);
    std::vector<SummaryRow> rows;
    auto value = [](const std::string& s) {
        return s.empty() ? std::nan("") : std::strtod(s.c_str(), nullptr);
    };
    while (std::getline(in, line)) {
        const std::vector<std::string> f8 = splitCsvLine(line);
        if (f8.size() != 8)
            throw Error(path + ": a row with " + std::to_string(f8.size()) + " fields, expected 8");
        rows.push_back(
            {f8[0], f8[1], f8[2], f8[3], std::atoi(f8[4].c_str()), value(f8[5]), value(f8[6]), value(f8[7])});
    }
    return rows;
}

}  // namespace filterscope
