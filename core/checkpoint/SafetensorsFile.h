#pragma once

#include "array/FloatArray.h"

#include <QFile>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace filterscope {

// One .safetensors file (Hugging Face format: u64 little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the data). The header is validated strictly on open:
// length within the file, every dtype F32/F16/BF16, every range inside the data and matching its
// shape, no two ranges overlapping. The data is memory-mapped; only the tensors read are touched.
class SafetensorsFile {
public:
    struct Tensor {
        std::string dtype;  // "F32", "F16", "BF16"
        std::vector<int64_t> shape;
        uint64_t begin = 0, end = 0;  // byte range within the data section
    };

    // Throws Error naming the file and the problem.
    static std::unique_ptr<SafetensorsFile> open(const std::string& path);
    // Validates header bytes alone (what open() does before mapping); for tests and fuzzing.
    static std::map<std::string, Tensor> parseHeader(const std::string& headerJson, uint64_t dataSize,
                                                     const std::string& name);

    const std::map<std::string, Tensor>& tensors() const { return tensors_; }
    bool has(const std::string& name) const { return tensors_.count(name) > 0; }
    // The tensor converted to float32. Throws Error naming the tensor when it is absent.
    FloatArray read(const std::string& name) const;
    const std::string& path() const { return path_; }

private:
    SafetensorsFile() = default;
    std::string path_;
    QFile file_;
    const uchar* data_ = nullptr;  // start of the data section in the mapping
    std::map<std::string, Tensor> tensors_;
};

// A checkpoint folder: one model.safetensors, or shards listed by model.safetensors.index.json
// ("weight_map": tensor name → shard file). Shards are opened when first needed.
class SafetensorsCheckpoint {
public:
    static std::unique_ptr<SafetensorsCheckpoint> open(const std::string& folder);
    bool has(const std::string& name) const;
    FloatArray read(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::string folder_;
    std::map<std::string, std::string> weightMap_;  // tensor → shard file name
    mutable std::map<std::string, std::unique_ptr<SafetensorsFile>> shards_;
};

float halfBitsToFloat(uint16_t bits);
float bfloat16BitsToFloat(uint16_t bits);

}  // namespace filterscope
