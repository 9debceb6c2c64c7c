#pragma once

#include <cstdint>
#include <vector>

namespace filterscope {

// How sure a dataset-level number is (plugins/README.md, "Dataset probe: statistics"). Deterministic:
// every resampling draws from std::mt19937_64 seeded with kProbeSeed, index = draw mod n, so a rerun, a
// merged sharded run and another machine give the same intervals.
constexpr uint64_t kProbeSeed = 20240311;
constexpr int kBootstrapResamples = 2000;
constexpr int kPermutationFlips = 10000;

struct Interval {
    double mean = 0;
    double low = 0, high = 0;  // 95% percentile bootstrap interval of the mean
};

// Percentile bootstrap of the mean: kBootstrapResamples resamples of n values with replacement, the
// 2.5% and 97.5% quantiles (linear interpolation, numpy's default) of their means. n = 1: [v, v].
Interval bootstrapMean(const std::vector<double>& values);

// Paired comparison of a and b over the same inputs: mean of d = a − b, its bootstrap interval (resampling
// the pairs), and the two-sided sign-flip permutation p-value of the mean difference: exact over all 2^n
// sign patterns when n ≤ 16, else kPermutationFlips seeded random patterns with p = (1 + k)/(1 + N).
// A flip counts when |mean| ≥ |observed| − 1e-12·max(1, |observed|) (so d ≡ 0 gives p = 1).
struct PairedDifference {
    Interval difference;
    double pValue = 1;
};
PairedDifference pairedDifference(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace filterscope
