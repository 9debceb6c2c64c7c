#pragma once

#include "array/FloatArray.h"
#include "array/HalfArray.h"
#include "contract/TokenLayout.h"

#include <string>
#include <vector>

namespace filterscope {

// Analyses of attn.<stage> captures [1,H,N,N] (softmax probabilities, row i = query token i). Token
// indices are absolute (prefix tokens first, then the grid in C order). Formulas: plugins/README.md.

// A query argument that stands for the mean over all N query rows (the default of models without CLS).
constexpr int kMeanOverQueries = -1;

// Throws Error naming `key` unless `attn` is [1,H,N,N] with N = the layout's token count.
void checkAttentionShape(const FloatArray& attn, const TokenLayout& layout, const std::string& key);
int attentionHeads(const FloatArray& attn);

// Row `query` of head `head` (−1: the mean over heads), grid part as [h,w] raw probabilities (not
// renormalised): where the query token attends. `query` kMeanOverQueries: the mean over all query rows.
FloatArray attentionRowMap(const FloatArray& attn, const TokenLayout& layout, int head, int query);
FloatArray attentionRowMap(const HalfArray& attn, const TokenLayout& layout, int head, int query);
// Column `key` over the grid's query tokens, as [h,w]: which tokens attend to `key`.
FloatArray attentionColumnMap(const FloatArray& attn, const TokenLayout& layout, int head, int key);
FloatArray attentionColumnMap(const HalfArray& attn, const TokenLayout& layout, int head, int key);

// Ā = mean over heads, [N,N] (double accumulation).
FloatArray headMeanAttention(const FloatArray& attn);

// Attention rollout (Abnar & Zuidema 2020) over consecutive stages, first to last:
// R = Â_L · … · Â_1, Â_l = rownorm(0.5·Ā_l + 0.5·I). Returns [N,N]; row i is token i's attribution to
// the input tokens. Throws Error when the stages disagree on N.
FloatArray attentionRollout(const std::vector<const FloatArray*>& stagesFirstToLast);
// Row `query` (kMeanOverQueries: the mean row) of the same rollout, computed as e_qᵀ·Â_L·…·Â_1 (what the maps
// need, N times cheaper).
std::vector<double> attentionRolloutRow(const std::vector<const FloatArray*>& stagesFirstToLast,
                                        int64_t query);

// DINO-style mass threshold: the smallest set of grid cells whose values hold `share` of the map's total
// (cells taken in order of decreasing value, ties by index; the cell that crosses the share is kept).
// Returns a 0/1 mask of the map's shape. Negative values count as 0.
FloatArray massThresholdMask(const FloatArray& map, double share = 0.6);

struct HeadStatistics {
    double entropy = 0;  // of the query row, H(a_q) / log N, in [0,1] (kMeanOverQueries: mean over rows)
    double meanDistance =
        0;  // mean over grid queries i of Σ_j∈grid a_ij·d(i,j) / Σ_j∈grid a_ij, in grid cells
    double sinkShare = 0;  // mean over all query rows of the mass on prefix tokens
};

// One entry per head; `query` is the row the entropy is taken from.
std::vector<HeadStatistics> computeHeadStatistics(const FloatArray& attn, const TokenLayout& layout,
                                                  int query);

// The default query: the first prefix token (CLS); a model without prefix tokens (Swin, SigLIP) has no
// token that speaks for the image, so its default is the mean over all query rows.
inline int defaultAttentionQuery(const TokenLayout& layout) {
    return layout.prefix > 0 ? 0 : kMeanOverQueries;
}

}  // namespace filterscope
