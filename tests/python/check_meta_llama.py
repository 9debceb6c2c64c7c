#!/usr/bin/python3
"""Meta's LLaMA release format (params.json + consolidated.NN.pth): a tiny model written here with
torch.save in Meta's key names, fp16, split over two model-parallel ranks the way Meta's
ColumnParallel / RowParallel layers split it. Layer k read by core (its own ZIP + pickle reader, no Python)
must equal the same layer computed in numpy with Meta's own formulation: interleaved (complex) RoPE, which
checks the row reordering into the half-rotation layout. Also: a ZIP64 archive, and files that must be
refused with a clear message (legacy format, truncated, not a state dict, missing layer)."""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import zipfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from check_demo_maps import close  # noqa: E402

DIM, HEADS, KV, HIDDEN, LAYERS = 32, 4, 2, 48, 2


def meta_rope(x, theta):  # x [H,N,D]: pairs (2i, 2i+1) rotated by t·theta^(-2i/D), as Meta's apply_rotary_emb
    n, d = x.shape[-2], x.shape[-1]
    ang = np.outer(np.arange(n), theta ** (-np.arange(0, d, 2) / d))
    c = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * ang)
    out = np.empty_like(x)
    out[..., 0::2], out[..., 1::2] = c.real, c.imag
    return out


def meta_reference(x, w, rope, causal, eps=1e-5, theta=10000.0):
    d = DIM // HEADS
    rms = lambda t, g: g * t / np.sqrt((t ** 2).mean(-1, keepdims=True) + eps)  # noqa: E731
    z = rms(x, w["attention_norm.weight"])
    q = (z @ w["attention.wq.weight"].T).reshape(-1, HEADS, d).transpose(1, 0, 2)
    k = (z @ w["attention.wk.weight"].T).reshape(-1, KV, d).transpose(1, 0, 2)
    v = (z @ w["attention.wv.weight"].T).reshape(-1, KV, d).transpose(1, 0, 2)
    if rope:
        q, k = meta_rope(q, theta), meta_rope(k, theta)
    k, v = np.repeat(k, HEADS // KV, 0), np.repeat(v, HEADS // KV, 0)
    s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
    if causal:
        s = np.where(np.triu(np.ones(s.shape[-2:], bool), 1), -np.inf, s)
    a = np.exp(s - s.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    h = x + (a @ v).transpose(1, 0, 2).reshape(-1, DIM) @ w["attention.wo.weight"].T
    z2 = rms(h, w["ffn_norm.weight"])
    g = z2 @ w["feed_forward.w1.weight"].T
    return h + ((g / (1 + np.exp(-g))) * (z2 @ w["feed_forward.w3.weight"].T)) @ w["feed_forward.w2.weight"].T, a


def write_meta(folder, rng):
    os.makedirs(folder)
    json.dump({"dim": DIM, "n_layers": LAYERS, "n_heads": HEADS, "n_kv_heads": KV, "multiple_of": 16,
               "norm_eps": 1e-5, "vocab_size": -1}, open(os.path.join(folder, "params.json"), "w"))
    shapes = {"attention.wq.weight": (DIM, DIM), "attention.wk.weight": (KV * 8, DIM),
              "attention.wv.weight": (KV * 8, DIM), "attention.wo.weight": (DIM, DIM),
              "feed_forward.w1.weight": (HIDDEN, DIM), "feed_forward.w2.weight": (DIM, HIDDEN),
              "feed_forward.w3.weight": (HIDDEN, DIM), "attention_norm.weight": (DIM,), "ffn_norm.weight": (DIM,)}
    full = {}
    for layer in range(LAYERS):
        for k, s in shapes.items():
            full[f"layers.{layer}.{k}"] = torch.from_numpy(
                rng.normal(1, 0.1, s) if "norm" in k else rng.normal(0, 0.2, s)).half()
    full["rope.freqs"] = torch.ones(4).half()  # LLaMA-1 shards carry this buffer; it must not disturb reading
    ranks = [collections.OrderedDict(), {}]  # a state dict (OrderedDict) and a plain dict
    for name, t in full.items():
        split = 1 if name.endswith(("wo.weight", "w2.weight")) else (None if "norm" in name or "rope" in name else 0)
        for r in range(2):
            ranks[r][name] = t.clone() if split is None else t.chunk(2, split)[r].clone()
    for r in range(2):
        torch.save(ranks[r], os.path.join(folder, f"consolidated.{r:02d}.pth"))
    return {k: v.double().numpy() for k, v in full.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    rng = np.random.default_rng(7)
    folder = os.path.join(a.work, "llama-meta")
    full = write_meta(folder, rng)
    x = rng.normal(0, 1, (1, 9, DIM)).astype(np.float32)
    np.save(os.path.join(a.work, "x.npy"), x)
    run = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "bin", "llm_block_run")

    def layer_run(src, layer, flags, tag):
        out = os.path.join(a.work, tag)
        os.makedirs(out, exist_ok=True)
        r = subprocess.run([run, src, str(layer), os.path.join(a.work, "x.npy"), out, *flags], capture_output=True, text=True, timeout=300)
        return r, out

    for layer in range(LAYERS):
        w = {k[len(f"layers.{layer}."):]: v for k, v in full.items() if k.startswith(f"layers.{layer}.")}
        for flags in ([], ["--rope", "--causal"]):
            r, out = layer_run(folder, layer, flags, f"out{layer}{len(flags)}")
            assert r.returncode == 0, r.stderr
            want_t, want_a = meta_reference(x[0].astype(np.float64), w, "--rope" in flags, "--causal" in flags)
            e1 = close("tokens", np.load(os.path.join(out, "tokens.npy"))[0], want_t, 1e-5, 1e-5)
            e2 = close("attn", np.load(os.path.join(out, "attn.npy"))[0], want_a, 1e-5, 1e-6)
            print(f"ok  Meta layer {layer} (2 ranks, fp16) {' '.join(flags) or '(no RoPE, no causal mask)'}: "
                  f"max error tokens {e1:.1e}, attention {e2:.1e}")

    # The same shards rewritten as ZIP64 archives (what torch.save produces beyond 4 GB).
    z64 = os.path.join(a.work, "llama-zip64")
    os.makedirs(z64)
    shutil.copy(os.path.join(folder, "params.json"), z64)
    for r in range(2):
        name = f"consolidated.{r:02d}.pth"
        with zipfile.ZipFile(os.path.join(folder, name)) as src, \
                zipfile.ZipFile(os.path.join(z64, name), "w", zipfile.ZIP_STORED) as dst:
            for item in src.infolist():
                with dst.open(item.filename, "w", force_zip64=True) as f:
                    f.write(src.read(item.filename))
    r, out = layer_run(z64, 1, [], "out_zip64")
    assert r.returncode == 0, r.stderr
    same = np.array_equal(np.load(os.path.join(out, "tokens.npy")), np.load(os.path.join(a.work, "out10", "tokens.npy")))
    assert same
    print("ok  ZIP64 archives read identically")

    def refused(src, layer, expect, what):
        r, _ = layer_run(src, layer, [], "refused")
        assert r.returncode == 1 and all(e in r.stderr for e in expect), (what, r.stderr)
        print(f"ok  {what}: {r.stderr.strip()[:150]}")

    bad = os.path.join(a.work, "bad")
    shutil.copytree(folder, bad)
    shard = os.path.join(bad, "consolidated.00.pth")
    refused(folder, 2, ["layer 2 does not exist (n_layers 2)"], "missing layer")
    torch.save(torch.load(os.path.join(folder, "consolidated.00.pth")), shard, _use_new_zipfile_serialization=False)
    refused(bad, 0, [shard, "legacy format"], "legacy torch.save format")
    data = open(os.path.join(folder, "consolidated.00.pth"), "rb").read()
    open(shard, "wb").write(data[: len(data) // 2])
    refused(bad, 0, [shard, "truncated?"], "truncated shard")
    torch.save([torch.zeros(2)], shard)
    refused(bad, 0, [shard, "holds no tensors by name"], "a list instead of a state dict")
    shutil.copy(os.path.join(folder, "consolidated.00.pth"), shard)
    json.dump({"dim": DIM, "n_layers": LAYERS}, open(os.path.join(bad, "params.json"), "w"))
    refused(bad, 0, ["params.json", "n_heads"], "params.json without n_heads")
    json.dump({"dim": 64, "n_layers": LAYERS, "n_heads": HEADS}, open(os.path.join(bad, "params.json"), "w"))
    refused(bad, 0, ["layers.0.attention.wq.weight", "[32,32]", "[64,64]"], "weights that contradict params.json")

    # Regression inputs that crashed the reader: each is now refused with a message naming the file.
    def hand_made(pickle_bytes):
        with zipfile.ZipFile(shard, "w", zipfile.ZIP_STORED) as z:
            z.writestr("archive/data.pkl", pickle_bytes)
            z.writestr("archive/version", "3\n")
    json.dump({"dim": DIM, "n_layers": LAYERS, "n_heads": HEADS, "n_kv_heads": KV},
              open(os.path.join(bad, "params.json"), "w"))
    hand_made(b"\x80\x02)" + b"\x85" * 1_000_000 + b".")  # a million nested 1-tuples: stack overflow on cleanup
    refused(bad, 0, [shard, "holds no tensors by name"], "1M nested tuples")
    hand_made(b"\x80\x02]q\x00h\x00a.")  # a list appended to itself: a reference cycle (leak)
    refused(bad, 0, [shard, "holds no tensors by name"], "a list inside itself")
    data = open(os.path.join(folder, "consolidated.00.pth"), "rb").read()
    eocd = data.rfind(b"PK\x05\x06")  # a ZIP64 locator whose offset wraps near 2^64: a wild read
    locator = b"PK\x06\x07" + (0).to_bytes(4, "little") + (2 ** 64 - 8).to_bytes(8, "little") + (1).to_bytes(4, "little")
    open(shard, "wb").write(data[:eocd] + locator + data[eocd:])
    refused(bad, 0, [shard, "ZIP64 end-of-directory record is outside the file or damaged"], "ZIP64 offset near 2^64")

    fuzz = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "bin", "torch_save_fuzz")
    seeds = [os.path.join(folder, "consolidated.00.pth"), os.path.join(z64, "consolidated.01.pth")]
    r = subprocess.run([fuzz, "40000", a.work, *seeds], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    print("ok  fuzz run of the ZIP + pickle reader: " + r.stdout.strip())


if __name__ == "__main__":
    main()
