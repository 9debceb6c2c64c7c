#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

#include <string>
#include <vector>

namespace filterscope {

// Q-Former query analyses (DeCo, 2024) on xattn.<stage> captures [1,H,M,N]: what each of the M learned
// queries looks at, which queries repeat each other, and what none of them covers, next to an
// adaptive-average-pooling baseline with the same number of outputs. Formulas: plugins/README.md.

// Throws Error naming `key` unless `xattn` is [1,H,M,N] with N = the layout's token count.
void checkCrossAttentionShape(const FloatArray& xattn, const TokenLayout& layout, const std::string& key);

// [M,h,w]: cross-attention of each query over the grid tokens, mean over heads, raw (not renormalised).
FloatArray queryMaps(const FloatArray& xattn, const TokenLayout& layout);
// Element-wise mean of several layers' query maps (all [M,h,w]).
FloatArray meanOfLayers(const std::vector<FloatArray>& layers);

// [M,M] Pearson correlation of the flattened maps: each map minus its own mean, then cosine. Centring
// matters: maps that share a large common floor (near-uniform cross-attention, ~1/N everywhere) are all
// close in raw cosine, however different their peaks. A constant map correlates 0 with every other map
// and 1 with itself.
FloatArray querySimilarity(const FloatArray& maps);
// [M,M] cosine of the raw (uncentred) maps, kept for comparison with earlier results.
FloatArray querySimilarityRaw(const FloatArray& maps);
// Groups of near-duplicates: connected components of "similarity ≥ threshold" with at least 2 members,
// each sorted, groups ordered by their first member.
std::vector<std::vector<int>> duplicateGroups(const FloatArray& similarity, double threshold = 0.9);
// Effective number of distinct maps: participation ratio of the singular values σ of the row-centred
// M×(h·w) map matrix X (each map minus its own mean), (Σσ²)² / Σσ⁴ = trace(G)² / ||G||_F², G = X·Xᵀ.
// M maps whose centred versions are orthogonal with equal norms give M; all-constant maps give 0.
double participationRatio(const FloatArray& maps);
// The same of the raw (uncentred) matrix, kept for comparison with earlier results.
double participationRatioRaw(const FloatArray& maps);
// [h,w]: the largest value any map has at each grid cell.
FloatArray coverageMap(const FloatArray& maps);
// Share of grid cells whose coverage is below `threshold` (default: uniform attention, 1/(h·w)).
double uncoveredShare(const FloatArray& coverage, double threshold);

// The pooling baseline: K = ph·pw outputs, each the average of one adaptive-average-pooling bin of the
// grid (bins as torch.nn.AdaptiveAvgPool2d: rows floor(i·h/ph) to ceil((i+1)·h/ph)). (ph,pw) is the
// factor pair of `outputs` closest to the grid's aspect that fits in it. Returns [K,h,w] weights.
FloatArray poolingMaps(const TokenLayout& layout, int outputs);

struct QueryStatistics {
    int queries = 0;
    double effectiveQueries = 0;     // participationRatio (centred)
    double effectiveQueriesRaw = 0;  // participationRatioRaw
    int duplicateGroups = 0;
    int queriesInGroups = 0;
    double uncoveredShare = 0;
};
QueryStatistics computeQueryStatistics(const FloatArray& maps, double similarityThreshold,
                                       double coverageThreshold);

}  // namespace filterscope
