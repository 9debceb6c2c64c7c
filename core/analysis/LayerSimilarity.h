#pragma once

#include "array/FloatArray.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// Linear CKA between token stages (Kornblith et al. 2019, "Similarity of Neural Network Representations
// Revisited"; Raghu et al. 2021, "Do Vision Transformers See Like Convolutional Neural Networks?"), the N
// tokens of one input as samples: with columns centred, CKA(X, Y) = ‖YᵀX‖²_F / (‖XᵀX‖_F · ‖YᵀY‖_F),
// computed through the Gram matrices (‖YᵀX‖²_F = ⟨XXᵀ, YYᵀ⟩_F), so S stages cost S Gram matrices.

// The centred Gram matrix XXᵀ [N,N] (double) of tokens [1,N,C] or [N,C].
std::vector<double> centredGram(const FloatArray& tokens);
// Linear CKA from two centred Gram matrices of the same N; NaN when one of them is zero (a constant stage).
double ckaFromGrams(const std::vector<double>& k, const std::vector<double>& l);
// CKA of two token sets; NaN when their token counts differ (the samples must be the same tokens).
double linearCka(const FloatArray& x, const FloatArray& y);

struct CkaMatrix {
    std::vector<std::string> stages;
    FloatArray values;  // [S,S], symmetric, 1 on the diagonal (NaN for a constant stage)
};
// `tokens[i]` belongs to `stages[i]`. Pairs of stages with different token counts get NaN.
CkaMatrix computeCkaMatrix(const std::vector<std::string>& stages,
                           const std::vector<const FloatArray*>& tokens);
CkaMatrix ckaMatrixOfGrams(const std::vector<std::string>& stages,
                           const std::vector<std::vector<double>>& grams);
// Rows: stages of one model; columns: stages of another, on the same input (compare mode). [Sa,Sb].
FloatArray crossCka(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b);

// Dataset CKA as in Nguyen et al. 2021 ("Do Wide and Deep Networks Learn the Same Things?"): each input is
// one minibatch of its N tokens; HSIC₁ is the unbiased estimator (Song et al. 2012) on uncentred linear
// Grams, and CKA = Σ HSIC₁(K,L) / sqrt(Σ HSIC₁(K,K) · Σ HSIC₁(L,L)) over the inputs.
double unbiasedHsic(const std::vector<double>& k, const std::vector<double>& l, int64_t n);
std::vector<double> linearGram(const FloatArray& tokens);  // XXᵀ, not centred
class MinibatchCka {
public:
    // Throws Error when the two token sets differ in count or hold fewer than 4 tokens.
    void add(const FloatArray& x, const FloatArray& y);
    int batches() const { return batches_; }
    double value() const;  // NaN before the first batch or when a denominator is 0

private:
    double kl_ = 0, kk_ = 0, ll_ = 0;
    int batches_ = 0;
};

}  // namespace filterscope
