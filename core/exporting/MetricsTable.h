#pragma once

#include "analysis/StageMaps.h"

#include <string>
#include <vector>

namespace filterscope {

// metrics.csv: one row per input × stage with min/mean/max of each map and the high-frequency ratio.
// Numbers are written with 9 significant digits, enough to reproduce every float32 exactly.
class MetricsTable {
public:
    static std::string header();
    void addStage(const std::string& input, const StageMaps& maps, const std::string& stageLabel);
    // Replaces `path` atomically with the header and every row so far: after each finished input the
    // file on disk is complete, whatever happens to the rest of the batch.
    void writeTo(const std::string& path) const;
    const std::vector<std::string>& rows() const { return rows_; }

private:
    std::vector<std::string> rows_;
};

std::string csvField(const std::string& text);

}  // namespace filterscope
