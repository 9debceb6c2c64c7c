#pragma once

#include "analysis/AttentionAnalysis.h"
#include "array/FloatArray.h"
#include "contract/StageDeclaration.h"
#include "contract/TokenLayout.h"

#include <string>
#include <vector>

namespace filterscope {

// Analyses of wattn.<stage> captures [1,H,nW,w²,w²]: Swin-style attention computed inside w×w windows of
// the stage's grid rolled by −shift (window k covers rows ⌊k / (W/w)⌋·w … of the rolled grid; a token's
// place inside its window is row-major). Maps come back over the whole grid [h,w], the probabilities
// of the query's own window in place and 0 elsewhere, so they read like full attention maps.

// Throws Error naming `key` unless `wattn` is [1,H,nW,w²,w²] for this layout and window.
void checkWindowAttentionShape(const FloatArray& wattn, const TokenLayout& layout,
                               const AttentionWindow& window, const std::string& key);

// Where grid token `query` attends (head −1: the mean over heads). `query` is a grid index (prefix tokens
// take no part in windows); kMeanOverQueries: the mean over all h·w query rows, i.e. each token's received
// attention summed over the queries of its window, divided by h·w.
FloatArray windowAttentionRowMap(const FloatArray& wattn, const TokenLayout& layout,
                                 const AttentionWindow& window, int head, int query);
// Which tokens of its window attend to grid token `key`.
FloatArray windowAttentionColumnMap(const FloatArray& wattn, const TokenLayout& layout,
                                    const AttentionWindow& window, int head, int key);

// Per head, over the windowed rows: entropy normalised by log(w²) (of `query`'s row, or the mean over all
// rows), mean distance in grid cells (in the unrolled grid), sink share 0 (no prefix tokens in windows).
std::vector<HeadStatistics> computeWindowHeadStatistics(const FloatArray& wattn, const TokenLayout& layout,
                                                        const AttentionWindow& window, int query);

}  // namespace filterscope
