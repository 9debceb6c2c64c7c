#pragma once

#include "array/FloatArray.h"
#include "contract/PluginManifest.h"
#include "pointcloud/PointCloud.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// unit-sphere: subtract the centroid (mean, in double), divide by the largest distance from it.
void normalizeUnitSphere(PointCloud& cloud);

// Farthest-point sampling from point 0: each next point maximises the distance to those chosen (ties:
// the lowest index). Returns P indices.
std::vector<int64_t> farthestPointSample(const PointCloud& cloud, int64_t count);
// Fixed-seed random subset: std::mt19937(seed); for i in 0..P-1: j = i + mt() % (N − i); swap(idx[i],
// idx[j]); the first P indices, in that order.
std::vector<int64_t> randomSample(const PointCloud& cloud, int64_t count, uint32_t seed);

// Brings a cloud to spec.points, then normalises: exactly P points pass through in file order (results line
// up with the file); more are sampled (farthest-point or seeded random); fewer are repeat-padded (model
// point i is point i mod N) unless the manifest says "padding": "none". `note` says what was done when the
// count differed. Throws Error naming `name` for an empty cloud or a refused one.
PointCloud samplePoints(const PointCloud& cloud, const PointInputSpec& spec, const std::string& name,
                        std::vector<int64_t>* chosen = nullptr, std::string* note = nullptr);

// [1,P,3] float32 model input.
FloatArray pointTensor(const PointCloud& cloud);

// Per-token values scattered back to points: a point takes the mean of the groups that contain it, NaN
// when none does. `groupIndex` is the model's [1,G,k] capture (indices into the P input points).
FloatArray scatterToPoints(const FloatArray& tokenValues, const FloatArray& groupIndex, int64_t points);

}  // namespace filterscope
