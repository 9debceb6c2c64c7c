#pragma once

#include "array/FloatArray.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// Insertion and deletion curves (Petsiuk et al. 2018, "RISE: Randomized Input Sampling for Explanation of
// Black-box Models"): does removing the tokens a map ranks highest destroy the prediction, and does adding
// them first restore it? This file holds the geometry and the arithmetic; pipeline/FaithfulnessRun runs the
// model. Definitions:
//   order   the h·w grid cells by the map, descending, stable (ties keep grid order);
//   steps   S = min(n, 16); at step s the first k_s = round(s·n/S) ranked cells (round half to even, as
//           Python's round);
//   cell    (i, j) covers input rows [round(i·H/h), round((i+1)·H/h)) and the columns likewise;
//   fill    0 in the preprocessed input, i.e. the normalised dataset mean;
//   deletion  the input with the first k_s cells filled; insertion  a filled input with those cells kept;
//   curve   p_s = softmax(logits)[c], c the class predicted on the intact input;
//   AUC     (Σ_{s=0..S} p_s − (p_0 + p_S)/2) / S (the trapezoid rule on [0, 1]).
struct FaithfulnessCurves {
    std::string stage, map;
    int cls = -1;
    std::vector<float> deletion, insertion;  // S+1 values each
    double deletionAuc = 0, insertionAuc = 0;
};

std::vector<int64_t> rankCells(const FloatArray& map);  // [h,w] → cell indices, highest first
int faithfulnessSteps(int64_t cells);                   // S
int64_t cellsAtStep(int step, int64_t cells, int steps);
int64_t roundHalfEven(double v);
// `input` [1,C,H,W]; returns the deletion (keepRanked = false) or insertion (true) input of `count` cells.
FloatArray perturbInput(const FloatArray& input, const std::vector<int64_t>& ranked, int64_t count,
                        int64_t gridH, int64_t gridW, bool keepRanked);
double curveAuc(const std::vector<float>& p);

}  // namespace filterscope
