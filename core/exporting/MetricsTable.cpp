#include "exporting/MetricsTable.h"

#include "analysis/MapStatistics.h"
#include "exporting/AtomicFile.h"

#include <cstdio>

namespace filterscope {
namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

std::string statsFields(const std::optional<FloatArray>& map) {
    if (!map)
        return ",,";
    const MapStatistics s = computeMapStatistics(*map);
    return number(s.min) + "," + number(s.mean) + "," + number(s.max);
}

}  // namespace

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string MetricsTable::header() {
    return "input,stage,stage_label,norm_min,norm_mean,norm_max,prefix_norm_mean,activation_min,"
           "activation_mean,activation_max,freq_min,freq_mean,freq_max,hf_ratio";
}

void MetricsTable::addStage(const std::string& input, const StageMaps& maps, const std::string& stageLabel) {
    std::string row = csvField(input) + "," + csvField(maps.stage) + "," + csvField(stageLabel) + ",";
    if (maps.norms) {
        row += statsFields(maps.norms->grid) + ",";
        double prefixMean = 0.0;
        for (float v : maps.norms->prefix)
            prefixMean += v;
        row += maps.norms->prefix.empty() ? "" : number(prefixMean / maps.norms->prefix.size());
    } else {
        row += ",,,";
    }
    row += "," + statsFields(maps.activation) + "," + statsFields(maps.frequency) + ",";
    if (maps.spectrum)
        row += number(maps.spectrum->highFrequencyRatio);
    rows_.push_back(row);
}

void MetricsTable::writeTo(const std::string& path) const {
    std::string text = header() + "\n";
    for (const std::string& r : rows_)
        text += r + "\n";
    writeFileAtomically(path, text);
}

}  // namespace filterscope
