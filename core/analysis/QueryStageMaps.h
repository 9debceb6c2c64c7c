#pragma once

#include "analysis/QueryRelevanceAnalysis.h"

#include <string>
#include <vector>

namespace filterscope {

// Every query analysis of one cross-attention stage, with the pooling baseline of the same output count.
struct QueryStageMaps {
    std::string stage;
    FloatArray maps;           // [M,h,w] raw cross-attention, mean over heads
    FloatArray similarity;     // [M,M] Pearson correlation (querySimilarity): what groups use
    FloatArray similarityRaw;  // [M,M] raw cosine (querySimilarityRaw)
    std::vector<std::vector<int>> groups;
    FloatArray coverage;  // [h,w]
    double similarityThreshold = 0.9;
    double coverageThreshold = 0;  // 1/(h·w): the level of uniform attention
    QueryStatistics queries;
    QueryStatistics pooling;

    int groupOf(int query) const;  // index into groups, or −1
};

QueryStageMaps computeQueryStageMaps(const FloatArray& xattn, const TokenLayout& layout,
                                     const std::string& stage, double similarityThreshold = 0.9);

}  // namespace filterscope
