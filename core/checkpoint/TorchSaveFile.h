#pragma once

#include "array/FloatArray.h"
#include "checkpoint/StoredZipArchive.h"
#include "checkpoint/TorchPickleIndex.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace filterscope {

// A state dict written by torch.save (PyTorch >= 1.6 ZIP format), read without Python and without
// loading it: the archive is memory-mapped, data.pkl indexed, and only the storages of the tensors read
// are touched (one layer of a 13 GB LLaMA shard costs that layer's pages). F32, F16, BF16 and F64 are
// converted to float32.
class TorchSaveFile {
public:
    // Throws Error naming the file: not a ZIP (legacy format), no data.pkl, malformed pickle.
    static std::unique_ptr<TorchSaveFile> open(const std::string& path);

    const std::map<std::string, TorchTensorRecord>& tensors() const { return tensors_; }
    bool has(const std::string& name) const { return tensors_.count(name) > 0; }
    // Throws Error naming the file and the tensor when it is absent, of another dtype, or its view
    // reaches beyond its storage.
    FloatArray read(const std::string& name) const;
    const std::string& path() const { return archive_->path(); }

private:
    TorchSaveFile() = default;
    std::unique_ptr<StoredZipArchive> archive_;
    std::string prefix_;  // "<archive name>/"
    std::map<std::string, TorchTensorRecord> tensors_;
};

}  // namespace filterscope
