#!/usr/bin/python3
"""A tiny LLaMA checkpoint (config.json + two safetensors shards, grouped-query attention) written here;
layer k run by core's native LibTorch layer must match the same layer computed in numpy (float64) from
the same weights: without RoPE and causal mask (the paper's setting), and with both."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from check_demo_maps import close  # noqa: E402
from check_safetensors import write_shard  # noqa: E402


def rms(x, w, eps):
    return w * x / np.sqrt((x ** 2).mean(-1, keepdims=True) + eps)


def rotary(x, theta):
    n, d = x.shape[-2], x.shape[-1]
    inv = theta ** (-np.arange(0, d, 2) / d)
    emb = np.concatenate([np.outer(np.arange(n), inv)] * 2, -1)
    rot = np.concatenate([-x[..., d // 2:], x[..., :d // 2]], -1)
    return x * np.cos(emb) + rot * np.sin(emb)


def reference(x, w, cfg, rope, causal):
    h, heads, kv = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    d = h // heads
    z = rms(x, w["input_layernorm.weight"], cfg["rms_norm_eps"])
    q = (z @ w["self_attn.q_proj.weight"].T).reshape(-1, heads, d).transpose(1, 0, 2)
    k = (z @ w["self_attn.k_proj.weight"].T).reshape(-1, kv, d).transpose(1, 0, 2)
    v = (z @ w["self_attn.v_proj.weight"].T).reshape(-1, kv, d).transpose(1, 0, 2)
    if rope:
        q, k = rotary(q, cfg["rope_theta"]), rotary(k, cfg["rope_theta"])
    k, v = np.repeat(k, heads // kv, 0), np.repeat(v, heads // kv, 0)
    s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
    if causal:
        s = np.where(np.triu(np.ones(s.shape[-2:], bool), 1), -np.inf, s)
    a = np.exp(s - s.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    hs = x + (a @ v).transpose(1, 0, 2).reshape(-1, h) @ w["self_attn.o_proj.weight"].T
    z2 = rms(hs, w["post_attention_layernorm.weight"], cfg["rms_norm_eps"])
    g = z2 @ w["mlp.gate_proj.weight"].T
    out = hs + ((g / (1 + np.exp(-g))) * (z2 @ w["mlp.up_proj.weight"].T)) @ w["mlp.down_proj.weight"].T
    return out, a


def layer_norm(x, w, b, eps=1e-5):
    m = x.mean(-1, keepdims=True)
    return (x - m) / np.sqrt(((x - m) ** 2).mean(-1, keepdims=True) + eps) * w + b


def opt_reference(x, w, heads):
    h = x.shape[-1]
    d = h // heads
    z = layer_norm(x, w["self_attn_layer_norm.weight"], w["self_attn_layer_norm.bias"])
    proj = lambda t, n: (t @ w[f"self_attn.{n}.weight"].T + w[f"self_attn.{n}.bias"]).reshape(-1, heads, d).transpose(1, 0, 2)  # noqa: E731
    q, k, v = proj(z, "q_proj"), proj(z, "k_proj"), proj(z, "v_proj")
    s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
    a = np.exp(s - s.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    hs = x + (a @ v).transpose(1, 0, 2).reshape(-1, h) @ w["self_attn.out_proj.weight"].T + w["self_attn.out_proj.bias"]
    z2 = layer_norm(hs, w["final_layer_norm.weight"], w["final_layer_norm.bias"])
    f = np.maximum(z2 @ w["fc1.weight"].T + w["fc1.bias"], 0)
    return hs + f @ w["fc2.weight"].T + w["fc2.bias"], a


def check_opt(a, run, x):
    folder = os.path.join(a.work, "opt")
    os.makedirs(folder)
    json.dump({"model_type": "opt", "hidden_size": 32, "num_attention_heads": 4, "ffn_dim": 64,
               "num_hidden_layers": 1, "do_layer_norm_before": True}, open(os.path.join(folder, "config.json"), "w"))
    rng = np.random.default_rng(2)
    shapes = {"self_attn.q_proj": (32, 32), "self_attn.k_proj": (32, 32), "self_attn.v_proj": (32, 32),
              "self_attn.out_proj": (32, 32), "fc1": (64, 32), "fc2": (32, 64)}
    w = {}
    for n, s in shapes.items():
        w[n + ".weight"] = rng.normal(0, 0.2, s).astype(np.float32)
        w[n + ".bias"] = rng.normal(0, 0.1, s[:1]).astype(np.float32)
    for n in ["self_attn_layer_norm", "final_layer_norm"]:
        w[n + ".weight"] = rng.normal(1, 0.1, (32,)).astype(np.float32)
        w[n + ".bias"] = rng.normal(0, 0.1, (32,)).astype(np.float32)
    write_shard(os.path.join(folder, "model.safetensors"), {f"model.decoder.layers.0.{k}": ("F32", v) for k, v in w.items()})
    out = os.path.join(a.work, "out_opt")
    os.makedirs(out)
    r = subprocess.run([run, folder, "0", os.path.join(a.work, "x.npy"), out], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    want_t, want_a = opt_reference(x[0].astype(np.float64), {k: v.astype(np.float64) for k, v in w.items()}, 4)
    e1 = close("opt tokens", np.load(os.path.join(out, "tokens.npy"))[0], want_t, 1e-5, 1e-5)
    e2 = close("opt attn", np.load(os.path.join(out, "attn.npy"))[0], want_a, 1e-5, 1e-6)
    print(f"ok  OPT layer (pre-norm, ReLU MLP, biases): max error tokens {e1:.1e}, attention {e2:.1e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    folder = os.path.join(a.work, "llama")
    os.makedirs(folder)
    cfg = {"model_type": "llama", "hidden_size": 32, "num_attention_heads": 4, "num_key_value_heads": 2,
           "intermediate_size": 88, "num_hidden_layers": 2, "rms_norm_eps": 1e-6, "rope_theta": 10000.0}
    json.dump(cfg, open(os.path.join(folder, "config.json"), "w"))
    rng = np.random.default_rng(1)
    shapes = {"self_attn.q_proj.weight": (32, 32), "self_attn.k_proj.weight": (16, 32), "self_attn.v_proj.weight": (16, 32),
              "self_attn.o_proj.weight": (32, 32), "mlp.gate_proj.weight": (88, 32), "mlp.up_proj.weight": (88, 32),
              "mlp.down_proj.weight": (32, 88), "input_layernorm.weight": (32,), "post_attention_layernorm.weight": (32,)}
    layers = [{k: (rng.normal(1, 0.1, s) if "layernorm" in k else rng.normal(0, 0.2, s)).astype(np.float32)
               for k, s in shapes.items()} for _ in range(2)]
    shards = [{}, {}]
    for i, layer in enumerate(layers):
        for k, arr in layer.items():
            shards[i][f"model.layers.{i}.{k}"] = ("F32", arr)
    names = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    for shard, name in zip(shards, names):
        write_shard(os.path.join(folder, name), shard)
    json.dump({"weight_map": {t: names[i] for i, s in enumerate(shards) for t in s}},
              open(os.path.join(folder, "model.safetensors.index.json"), "w"))
    x = rng.normal(0, 1, (1, 10, 32)).astype(np.float32)
    np.save(os.path.join(a.work, "x.npy"), x)
    run = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "bin", "llm_block_run")
    for layer in (0, 1):
        for flags in ([], ["--rope", "--causal"]):
            out = os.path.join(a.work, f"out{layer}{len(flags)}")
            os.makedirs(out)
            r = subprocess.run([run, folder, str(layer), os.path.join(a.work, "x.npy"), out, *flags], capture_output=True, text=True, timeout=300)
            assert r.returncode == 0, r.stderr
            w = {k: v.astype(np.float64) for k, v in layers[layer].items()}
            want_t, want_a = reference(x[0].astype(np.float64), w, cfg, "--rope" in flags, "--causal" in flags)
            e1 = close("tokens", np.load(os.path.join(out, "tokens.npy"))[0], want_t, 1e-5, 1e-5)
            e2 = close("attn", np.load(os.path.join(out, "attn.npy"))[0], want_a, 1e-5, 1e-6)
            print(f"ok  layer {layer} {' '.join(flags) or '(no RoPE, no causal mask)'}: max error tokens {e1:.1e}, attention {e2:.1e}")
    r = subprocess.run([run, folder, "5", os.path.join(a.work, "x.npy"), a.work], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "layer 5 does not exist (num_hidden_layers 2)" in r.stderr, r.stderr
    print("ok  a missing layer is refused")
    check_opt(a, run, x)


if __name__ == "__main__":
    main()
