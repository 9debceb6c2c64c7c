#!/usr/bin/python3
"""Benchmark: reading decoder layer k of a multi-layer LLaMA checkpoint, Filterscope (C++, memory-mapped,
only layer k's tensors) vs Python (torch.load of the whole shard, then layer k), in both formats.
Prints the load time each reports (read, convert to float32, for Filterscope also place the weights) and
the process's peak RSS, and their ratios; everything in one run on one machine.

    /usr/bin/python3 tests/bench/bench_llm_checkpoint.py build [--layers 16] [--dim 1024]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins", "sdk"))
from filterscope_sdk import save_safetensors  # noqa: E402


def measure(cmd):
    """(load seconds as the program reports it, peak RSS MiB) of one run."""
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, timeout=900)
    if r.returncode:
        sys.exit(r.stderr)
    load = float(r.stdout.split("load ")[1].split(" ms")[0]) / 1000.0
    return load, int(r.stderr.strip().splitlines()[-1]) / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--layers", type=int, default=16)
    ap.add_argument("--dim", type=int, default=1024)
    a = ap.parse_args()
    d, ffn, heads = a.dim, int(a.dim * 8 / 3 + 255) // 256 * 256, a.dim // 128
    work = tempfile.mkdtemp(prefix="fs-bench-")
    try:
        meta, hf = os.path.join(work, "meta"), os.path.join(work, "hf")
        os.makedirs(meta), os.makedirs(hf)
        g = torch.Generator().manual_seed(0)
        state, hf_state = {}, {}
        for k in range(a.layers):
            for name, shape in (("attention.wq", (d, d)), ("attention.wk", (d, d)), ("attention.wv", (d, d)),
                                ("attention.wo", (d, d)), ("feed_forward.w1", (ffn, d)), ("feed_forward.w2", (d, ffn)),
                                ("feed_forward.w3", (ffn, d))):
                state[f"layers.{k}.{name}.weight"] = (torch.randn(shape, generator=g) * 0.02).half()
            state[f"layers.{k}.attention_norm.weight"] = torch.ones(d).half()
            state[f"layers.{k}.ffn_norm.weight"] = torch.ones(d).half()
        hf_names = {"attention.wq": "self_attn.q_proj", "attention.wk": "self_attn.k_proj", "attention.wv": "self_attn.v_proj",
                    "attention.wo": "self_attn.o_proj", "feed_forward.w1": "mlp.gate_proj", "feed_forward.w2": "mlp.down_proj",
                    "feed_forward.w3": "mlp.up_proj", "attention_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm"}
        for key, t in state.items():
            _, k, *rest = key.split(".")
            hf_state[f"model.layers.{k}.{hf_names['.'.join(rest[:-1])]}.weight"] = t
        torch.save(state, os.path.join(meta, "consolidated.00.pth"))
        json.dump({"dim": d, "n_layers": a.layers, "n_heads": heads, "norm_eps": 1e-6}, open(os.path.join(meta, "params.json"), "w"))
        save_safetensors(hf_state, os.path.join(hf, "model.safetensors"))
        json.dump({"model_type": "llama", "hidden_size": d, "num_attention_heads": heads, "intermediate_size": ffn,
                   "num_hidden_layers": a.layers, "rms_norm_eps": 1e-6}, open(os.path.join(hf, "config.json"), "w"))
        del state, hf_state
        np.save(os.path.join(work, "x.npy"), np.random.default_rng(0).normal(size=(1, 197, d)).astype(np.float32))
        size = os.path.getsize(os.path.join(meta, "consolidated.00.pth")) / 2 ** 20
        print(f"checkpoint: {a.layers} layers, dim {d}, ffn {ffn}, fp16: {size:.0f} MiB; reading + running layer {a.layers - 1} on 197 tokens")
        run = os.path.join(a.build, "bin", "llm_block_run")
        py = ("import time,torch,sys; t=time.perf_counter(); s=torch.load(sys.argv[1],map_location='cpu'); "
              "l={k:v.float() for k,v in s.items() if k.startswith(sys.argv[2])}; "
              "print(f'load {(time.perf_counter()-t)*1000:.1f} ms')")
        rows = []
        for fmt, folder, ckfile in (("Meta .pth", meta, "consolidated.00.pth"), ("safetensors", hf, None)):
            w1, m1 = min((measure([run, folder, str(a.layers - 1), os.path.join(work, "x.npy"), work]) for _ in range(3)))
            rows.append((fmt, "Filterscope (mmap, layer k only)", w1, m1))  # load: read + convert + place
            if ckfile:
                w2, m2 = min((measure(["/usr/bin/python3", "-c", py, os.path.join(folder, ckfile), f"layers.{a.layers - 1}."]) for _ in range(3)))
                rows.append((fmt, "Python torch.load (whole shard)", w2, m2))
                ratio = (w2 / w1, m2 / m1)
        for fmt, who, w, m in rows:
            print(f"  {fmt:12s} {who:34s} load {w:6.2f} s   peak RSS {m:7.0f} MiB")
        print(f"ratio Python/Filterscope on the Meta shard: load time {ratio[0]:.1f}x, peak RSS {ratio[1]:.1f}x "
              "(Filterscope's RSS includes running the layer once on 197 tokens)")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
