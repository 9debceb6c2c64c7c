#pragma once

#include "capture/CaptureSet.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// Layer similarity across models over a dataset (`probe --maps …,cka`): for every pair of models and every
// token stage both have with the same token count, minibatch CKA (Nguyen et al. 2021: each input one
// minibatch, unbiased HSIC₁ of linear Grams, CKA = Σ HSIC₁(K,L) / sqrt(Σ HSIC₁(K,K) · Σ HSIC₁(L,L))) and the
// mean of the per-input linear CKA with its 95% bootstrap interval. Per input one item file
// OUT/items/_cka/<input>.csv (the unit of resuming and merging, like the score items); cka.csv is rebuilt
// from them.
struct StageGram {
    std::string stage;
    int64_t tokens = 0;
    std::vector<double> linear;  // XXᵀ [N,N]
};
// Grams of the token stages among `stages` whose token count is at most kMaxCkaTokens (N² doubles each).
std::vector<StageGram> stageGramsOf(const CaptureSet& captures, const std::vector<std::string>& stages);
constexpr int64_t kMaxCkaTokens = 1024;

struct ModelGrams {
    std::string model;
    std::vector<StageGram> grams;
};

std::string ckaItemPath(const std::string& outDir, const std::string& outputName);
// Writes the pairs' HSIC terms and linear CKA of one input (atomically).
void writeCkaItem(const std::string& path, const std::string& input, const std::vector<ModelGrams>& models);
// cka.csv: model_a,model_b,stage,inputs,minibatch_cka,mean_linear_cka,ci_low,ci_high. Returns its rows.
size_t rebuildCkaTable(const std::string& outDir);

}  // namespace filterscope
