#pragma once

#include "array/FloatArray.h"

#include <vector>

namespace filterscope {

// Scores of a map `a` over the n grid tokens of a stage against a token-level foreground mask `g` (0/1),
// as the information-filtering hypothesis is tested (Pang et al. 2023, §6.2 and App. A.3; DINO's
// attention masks; the pointing game; AUROC). Both are flattened row-major; they must have the same
// number of elements. A score that is undefined for these inputs is NaN ("empty" in the tables, never 0).
// Formulas: plugins/README.md, "Dataset probe".

struct ThresholdIou {
    double iou = 0;  // best IoU over t
    double t = 0;    // the smallest t that reaches it
};

// z = (a − min)/(max − min) (z = 0 for a constant map); IoU of z > t with g for t ∈ {0.1, …, 0.9}
// (empty union: 1). The paper's number: the best IoU and its t.
ThresholdIou bestThresholdIou(const FloatArray& a, const std::vector<uint8_t>& g);
// The same IoU at one fixed t: the untuned number.
double thresholdIou(const FloatArray& a, const std::vector<uint8_t>& g, double t);
// DINO's mass mask: ascending stable sort of a / Σa, keep tokens whose cumulative sum > 1 − share;
// Jaccard of that mask with g. NaN when Σa ≤ 0.
std::vector<uint8_t> massMask(const FloatArray& a, double share);
double massJaccard(const FloatArray& a, const std::vector<uint8_t>& g, double share = 0.6);
// 1 when the first arg-max token (row-major) is in g, else 0.
double pointingHit(const FloatArray& a, const std::vector<uint8_t>& g);
// Area under the ROC of a as a predictor of g, ties counted ½ (Mann–Whitney U / (n₁·n₀)); NaN when g is
// all 0 or all 1.
double auroc(const FloatArray& a, const std::vector<uint8_t>& g);
// Share of Σa inside g (NaN when Σa = 0).
double foregroundMass(const FloatArray& a, const std::vector<uint8_t>& g);
// Share of the top-|g| tokens (descending a, ties by index) inside g (NaN when g is empty).
double rankAccuracy(const FloatArray& a, const std::vector<uint8_t>& g);
// Mean of a inside g over mean outside (NaN when either side is empty or the outside mean is 0).
double foregroundBackgroundRatio(const FloatArray& a, const std::vector<uint8_t>& g);

}  // namespace filterscope
