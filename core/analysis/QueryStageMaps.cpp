#include "analysis/QueryStageMaps.h"

#include <algorithm>

namespace filterscope {

int QueryStageMaps::groupOf(int query) const {
    for (size_t g = 0; g < groups.size(); ++g)
        if (std::find(groups[g].begin(), groups[g].end(), query) != groups[g].end())
            return static_cast<int>(g);
    return -1;
}

QueryStageMaps computeQueryStageMaps(const FloatArray& xattn, const TokenLayout& layout,
                                     const std::string& stage, double similarityThreshold) {
    checkCrossAttentionShape(xattn, layout, "xattn." + stage);
    QueryStageMaps q;
    q.stage = stage;
    q.maps = queryMaps(xattn, layout);
    q.similarity = querySimilarity(q.maps);
    q.similarityRaw = querySimilarityRaw(q.maps);
    q.similarityThreshold = similarityThreshold;
    q.groups = duplicateGroups(q.similarity, similarityThreshold);
    q.coverage = coverageMap(q.maps);
    q.coverageThreshold = 1.0 / static_cast<double>(layout.gridTokenCount());
    q.queries = computeQueryStatistics(q.maps, similarityThreshold, q.coverageThreshold);
    q.pooling = computeQueryStatistics(poolingMaps(layout, static_cast<int>(xattn.shape[2])),
                                       similarityThreshold, q.coverageThreshold);
    return q;
}

}  // namespace filterscope
