#!/usr/bin/python3
"""A small LLaMA-style checkpoint written here in the safetensors format with numpy alone (F32, F16 and
BF16 tensors, sharded into two files with the index), read back by core's reader: every value must
match numpy's own conversion."""
import argparse
import json
import os
import shutil
import struct
import subprocess

import numpy as np


def write_shard(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, (dtype, arr) in tensors.items():
        if dtype == "BF16":
            raw = (arr.astype(np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()  # truncation
        elif dtype == "F16":
            raw = arr.astype("<f2").tobytes()
        else:
            raw = arr.astype("<f4").tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def expected(dtype, arr):
    if dtype == "BF16":
        return ((arr.astype(np.float32).view(np.uint32) >> 16) << 16).view(np.float32)
    if dtype == "F16":
        return arr.astype(np.float16).astype(np.float32)
    return arr.astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    folder = os.path.join(a.work, "ckpt")
    os.makedirs(folder)
    rng = np.random.default_rng(0)
    dim, hidden = 16, 44
    shard1 = {
        "model.layers.0.self_attn.q_proj.weight": ("F16", rng.normal(0, 0.1, (dim, dim))),
        "model.layers.0.self_attn.k_proj.weight": ("BF16", rng.normal(0, 0.1, (dim, dim))),
        "model.layers.0.input_layernorm.weight": ("F32", rng.normal(1, 0.1, (dim,))),
    }
    shard2 = {
        "model.layers.0.mlp.gate_proj.weight": ("BF16", rng.normal(0, 0.1, (hidden, dim))),
        "model.layers.0.mlp.down_proj.weight": ("F16", rng.normal(0, 0.1, (dim, hidden))),
        "model.layers.1.self_attn.q_proj.weight": ("F32", rng.normal(0, 0.1, (dim, dim))),
    }
    write_shard(os.path.join(folder, "model-00001-of-00002.safetensors"), shard1)
    write_shard(os.path.join(folder, "model-00002-of-00002.safetensors"), shard2)
    weight_map = {n: "model-00001-of-00002.safetensors" for n in shard1}
    weight_map.update({n: "model-00002-of-00002.safetensors" for n in shard2})
    json.dump({"metadata": {}, "weight_map": weight_map}, open(os.path.join(folder, "model.safetensors.index.json"), "w"))

    dump = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "bin", "safetensors_dump")
    out = os.path.join(a.work, "out")
    os.makedirs(out)
    names = list(shard1) + list(shard2)
    r = subprocess.run([dump, folder, out, *names], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for name, (dtype, arr) in {**shard1, **shard2}.items():
        got = np.load(os.path.join(out, name + ".npy"))
        assert got.shape == arr.shape and np.array_equal(got, expected(dtype, arr)), name
    print(f"ok  {len(names)} tensors (F32, F16, BF16) across 2 shards read exactly")
    r = subprocess.run([dump, folder, out, "model.layers.7.mlp.up_proj.weight"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "checkpoint has no tensor 'model.layers.7.mlp.up_proj.weight'" in r.stderr, r.stderr
    print("ok  a missing tensor is named")


if __name__ == "__main__":
    main()
