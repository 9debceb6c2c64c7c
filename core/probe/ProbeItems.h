#pragma once

#include "metrics/InputScores.h"

#include <string>
#include <vector>

namespace filterscope {

// One number of a probe as stored: the input and model it belongs to, and its ScoreRow.
struct ProbeRow {
    std::string input;
    std::string model;
    std::string stage, map, metric;
    double value = 0;  // NaN: empty
};

// The per-(input, model) results of a dataset probe, one CSV file each under OUT/items/<model>/, written
// atomically: the unit of resuming and of merging shards. The rows' text is the only copy of the numbers
// the tables are built from, so a run, a resumed run and a merge of shards read the very same values.
constexpr const char* kProbeRowHeader = "input,model,stage,map,metric,value";

std::string itemPath(const std::string& outDir, const std::string& model, const std::string& outputName);
void writeItem(const std::string& path, const std::string& input, const std::string& model,
               const std::vector<ScoreRow>& rows);
// Throws Error naming the file when it is not an item file.
std::vector<ProbeRow> readItem(const std::string& path);
// Every item file under OUT/items, sorted by (input, model); their rows in file order.
std::vector<ProbeRow> readAllItems(const std::string& outDir);

// Fields of one CSV line (RFC 4180 quoting, as CsvTable::field writes it).
std::vector<std::string> splitCsvLine(const std::string& line);

}  // namespace filterscope
