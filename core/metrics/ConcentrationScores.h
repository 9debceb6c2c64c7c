#pragma once

#include "array/FloatArray.h"

namespace filterscope {

// Label-free scores of how concentrated a map is over its n tokens (no mask needed, so every input gets
// them). With |a| (maps are non-negative; the absolute value keeps the formulas defined for any map).

// Gini coefficient: ascending b_i = |a_i| + 1e-7, Σ(2i − n − 1)·b_i / (n·Σb), i = 1..n. 0 for a uniform
// map, (n − 1)/n for a one-hot map.
double gini(const FloatArray& a);
// Normalised entropy −Σ p ln p / ln n, p = |a| / Σ|a| (0·ln 0 = 0): 1 uniform, 0 one-hot. NaN when Σ|a| = 0
// or n < 2.
double normalisedEntropy(const FloatArray& a);
// Share of Σ|a| held by the ⌈n/10⌉ largest tokens. NaN when Σ|a| = 0.
double topDecileMass(const FloatArray& a);

}  // namespace filterscope
