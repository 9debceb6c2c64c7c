#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace filterscope {

// Where one tensor of a torch.save file lives: its storage record (data/<key> in the archive), dtype,
// and the view on it (element offset, shape, strides).
struct TorchTensorRecord {
    std::string storageKey;
    std::string dtype;  // "F32", "F16", "BF16", "F64", or the storage class name when it is another type
    int64_t storageNumel = 0;
    int64_t offset = 0;
    std::vector<int64_t> shape, stride;
};

// Reads the data.pkl of a torch.save archive without Python: a small pickle machine that knows the
// opcodes torch.save emits (protocols 2–4) and the few callables it references (_rebuild_tensor_v2,
// _rebuild_parameter, OrderedDict). Objects of any other class (an argparse Namespace, an optimizer
// state) become opaque values, so checkpoints carrying them still index. Nested dicts of tensors are
// flattened with "." ("model" → {"blocks.0.attn.qkv.weight": …} gives "model.blocks.0.attn.qkv.weight").
// Throws Error naming `name`, the opcode and the byte offset when the pickle is malformed.
std::map<std::string, TorchTensorRecord> parseTorchPickle(const unsigned char* data, uint64_t size,
                                                          const std::string& name);

}  // namespace filterscope
