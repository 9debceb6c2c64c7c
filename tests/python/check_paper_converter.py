#!/usr/bin/python3
"""The paper's trained-checkpoint converter end to end. A checkpoint in the form the paper's image
classifier saves (torch.save of {"model": ViTLLaMA state dict, "optimizer", "epoch", "args": argparse
Namespace}) is written here with small random weights; plugins/sdk/convert_paper_checkpoint.py turns it
into an "llm" plugin; filterscope-cli runs it, and every stage's token norms, the LLaMA layer's
attention and the logits must equal the paper's forward computed here in numpy (float64) from the
checkpoint's tensors: ViT blocks → mapper1 → LLaMA layer (no RoPE, no mask) → llama.norm → mapper2 → norm
→ head(CLS). Also: the identity and baseline variants, and checkpoints the converter must refuse."""
import argparse
import collections
import math
import json
import os
import shutil
import subprocess
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from check_pil_preprocessing import pil_prepare, to_tensor  # noqa: E402

DIM, DEPTH, HEADS, PATCH, SIZE, CLASSES, LLM, LLM_HEADS, FFN = 48, 2, 3, 16, 64, 7, 256, 2, 768


def paper_state_dict(rng):
    def t(*shape, scale=0.2, mean=0.0):
        return torch.from_numpy(rng.normal(mean, scale, shape).astype(np.float32))
    sd = collections.OrderedDict()
    sd["cls_token"], sd["pos_embed"] = t(1, 1, DIM, scale=0.5), t(1, (SIZE // PATCH) ** 2 + 1, DIM, scale=0.5)
    sd["patch_embed.proj.weight"], sd["patch_embed.proj.bias"] = t(DIM, 3, PATCH, PATCH, scale=0.05), t(DIM)
    for i in range(DEPTH):
        p = f"blocks.{i}."
        for n, shape in (("norm1", (DIM,)), ("norm2", (DIM,))):
            sd[p + n + ".weight"], sd[p + n + ".bias"] = t(*shape, scale=0.1, mean=1.0), t(*shape, scale=0.1)
        for n, (o, i_) in (("attn.qkv", (3 * DIM, DIM)), ("attn.proj", (DIM, DIM)), ("mlp.fc1", (4 * DIM, DIM)),
                           ("mlp.fc2", (DIM, 4 * DIM))):
            sd[p + n + ".weight"], sd[p + n + ".bias"] = t(o, i_), t(o, scale=0.05)
    sd["norm.weight"], sd["norm.bias"] = t(DIM, scale=0.1, mean=1.0), t(DIM, scale=0.1)
    sd["head.weight"], sd["head.bias"] = t(CLASSES, DIM), t(CLASSES)
    sd["llama_dim_mapper1.weight"], sd["llama_dim_mapper2.weight"] = t(LLM, DIM, scale=0.1), t(DIM, LLM, scale=0.1)
    p = "llama.layers.0."
    for n in ("wq", "wk", "wv", "wo"):
        sd[p + f"attention.{n}.weight"] = t(LLM, LLM, scale=0.08)
    sd[p + "feed_forward.w1.weight"], sd[p + "feed_forward.w3.weight"] = t(FFN, LLM, scale=0.06), t(FFN, LLM, scale=0.06)
    sd[p + "feed_forward.w2.weight"] = t(LLM, FFN, scale=0.06)
    sd[p + "attention_norm.weight"], sd[p + "ffn_norm.weight"] = t(LLM, scale=0.1, mean=1.0), t(LLM, scale=0.1, mean=1.0)
    sd["llama.norm.weight"] = t(LLM, scale=0.1, mean=1.0)
    return sd


def softmax(s):
    e = np.exp(s - s.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def paper_forward(sd, x, variant="llm"):
    """The paper's ViTLLaMA forward in numpy, float64; returns every stage's tokens, attention and logits."""
    w = {k: v.double().numpy() for k, v in sd.items()}
    ln = lambda t, p: (t - t.mean(-1, keepdims=True)) / np.sqrt(t.var(-1, keepdims=True) + 1e-6) * w[p + ".weight"] + w[p + ".bias"]  # noqa: E731
    rms = lambda t, g: g * t / np.sqrt((t ** 2).mean(-1, keepdims=True) + 1e-6)  # noqa: E731
    gelu = np.vectorize(lambda v: 0.5 * v * (1 + math.erf(v / math.sqrt(2))))
    g = SIZE // PATCH
    patches = x.reshape(3, g, PATCH, g, PATCH).transpose(1, 3, 0, 2, 4).reshape(g * g, -1)
    t = patches @ w["patch_embed.proj.weight"].reshape(DIM, -1).T + w["patch_embed.proj.bias"]
    t = np.concatenate([w["cls_token"][0], t]) + w["pos_embed"][0]
    out, attn = {"embed": t}, {}
    for i in range(DEPTH):
        p = f"blocks.{i}."
        qkv = (ln(t, p + "norm1") @ w[p + "attn.qkv.weight"].T + w[p + "attn.qkv.bias"]).reshape(-1, 3, HEADS, DIM // HEADS).transpose(1, 2, 0, 3)
        a = softmax(qkv[0] @ qkv[1].transpose(0, 2, 1) * (DIM // HEADS) ** -0.5)
        t = t + (a @ qkv[2]).transpose(1, 0, 2).reshape(-1, DIM) @ w[p + "attn.proj.weight"].T + w[p + "attn.proj.bias"]
        h = gelu(ln(t, p + "norm2") @ w[p + "mlp.fc1.weight"].T + w[p + "mlp.fc1.bias"])
        t = t + h @ w[p + "mlp.fc2.weight"].T + w[p + "mlp.fc2.bias"]
        out[f"block{i + 1}"], attn[f"block{i + 1}"] = t, a
    if variant != "baseline":
        z = t @ w["llama_dim_mapper1.weight"].T
        out["llm.in"] = z
        if variant == "llm":
            p, d = "llama.layers.0.", LLM // LLM_HEADS
            n1 = rms(z, w[p + "attention_norm.weight"])
            q, k, v = ((n1 @ w[p + f"attention.{n}.weight"].T).reshape(-1, LLM_HEADS, d).transpose(1, 0, 2) for n in ("wq", "wk", "wv"))
            a = softmax(q @ k.transpose(0, 2, 1) / math.sqrt(d))
            hs = z + (a @ v).transpose(1, 0, 2).reshape(-1, LLM) @ w[p + "attention.wo.weight"].T
            n2 = rms(hs, w[p + "ffn_norm.weight"])
            gate = n2 @ w[p + "feed_forward.w1.weight"].T
            z = hs + ((gate / (1 + np.exp(-gate))) * (n2 @ w[p + "feed_forward.w3.weight"].T)) @ w[p + "feed_forward.w2.weight"].T
            attn["llm.block"] = a
        out["llm.block"] = z
        z = rms(z, w["llama.norm.weight"])
        out["llm.norm"] = z
        t = z @ w["llama_dim_mapper2.weight"].T
        out["llm.out"] = t
    t = ln(t, "norm")
    out["norm"] = t
    return out, attn, t[0] @ w["head.weight"].T + w["head.bias"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    rng = np.random.default_rng(11)
    sd = paper_state_dict(rng)
    ckpt = os.path.join(a.work, "checkpoint-299.pth")
    args = argparse.Namespace(model="vit_llama_tiny_patch16_224", input_size=SIZE, nb_classes=CLASSES, lr=5e-4)
    torch.save({"model": sd, "optimizer": {"state": {}, "param_groups": [{"lr": 1e-5}]}, "epoch": 299, "args": args}, ckpt)
    converter = os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "plugins", "sdk", "convert_paper_checkpoint.py")
    plugin = os.path.join(a.work, "plugin")
    r = subprocess.run([sys.executable, converter, ckpt, plugin], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    print("ok  converted: " + r.stdout.strip())
    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.count("ok: every capture") == 4 and "tokens.llm.norm" in r.stdout, r.stdout
    print("ok  plugin check passes every variant")

    image = os.path.join(a.work, "photo.png")
    photo = cv2.imread(os.path.join(os.environ["FILTERSCOPE_SHARED_DATA"], "images", "horse.png"))
    cv2.imwrite(image, cv2.resize(photo, (80, 64), interpolation=cv2.INTER_AREA))
    # The paper's evaluation transform (DeiT): shorter side to int(size / 0.875) with PIL's bicubic, centre crop.
    spec = json.load(open(os.path.join(plugin, "plugin.json")))["input"]
    assert (spec["crop_pct"], spec["resample"], spec["interpolation"]) == (0.875, "pil", "bicubic"), spec
    x = to_tensor(pil_prepare(image, spec), spec)
    x = (x[0] if x.dim() == 4 else x).double().numpy()
    g = SIZE // PATCH
    for variant in ("llm", "identity", "baseline"):
        out = os.path.join(a.work, "out-" + variant)
        r = subprocess.run([a.cli, "run", "--plugin", plugin, "--variant", variant, "--input", image, "--out", out,
                            "--no-figures", "--quiet", "--analyses", "norm,attention", "--device", "cpu"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        tokens, attn, logits = paper_forward(sd, x, variant)
        worst = 0.0
        for stage, t in tokens.items():
            got = np.load(os.path.join(out, "photo", stage, "norm.npy"))
            want = np.linalg.norm(t[1:], axis=-1).reshape(g, g)
            assert np.allclose(got, want, rtol=1e-4, atol=1e-5), (variant, stage, np.abs(got - want).max())
            worst = max(worst, float(np.abs(got - want).max() / np.abs(want).max()))
        for stage, p in attn.items():
            for h in range(p.shape[0]):
                got = np.load(os.path.join(out, "photo", stage, f"attn_head{h}.npy"))
                assert np.allclose(got, p[h, 0, 1:].reshape(g, g), rtol=1e-4, atol=1e-6), (variant, stage, h)
        got = np.load(os.path.join(out, "photo", "logits.npy"))[0]
        assert np.allclose(got, logits, rtol=1e-4, atol=1e-5), (variant, got, logits)
        print(f"ok  {variant}: {len(tokens)} stages' norms, {sum(p.shape[0] for p in attn.values())} attention heads and "
              f"the logits equal the paper's forward in numpy (worst relative {worst:.1e})")

    def refused(ck, expect, what, extra=()):
        r = subprocess.run([sys.executable, converter, ck, os.path.join(a.work, "refused"), *extra], capture_output=True, text=True, timeout=300)
        assert r.returncode != 0 and expect in r.stderr, (what, r.stderr)
        print(f"ok  {what}: {r.stderr.strip()[:140]}")

    bad = os.path.join(a.work, "bad.pth")
    torch.save({"model": {k: v for k, v in sd.items() if not k.startswith("llama")}, "args": args}, bad)
    refused(bad, "not a ViT-LLaMA checkpoint", "a checkpoint without the LLaMA part")
    torch.save({"model": sd, "args": argparse.Namespace(model="vit_llama_custom", input_size=SIZE)}, bad)
    refused(bad, "pass heads=", "an unknown model size")
    torch.save({"model": sd, "args": argparse.Namespace(model="vit_llama_tiny_patch16_224", input_size=224)}, bad)
    refused(bad, "pos_embed has 17 positions", "an input size the position embedding does not fit")


if __name__ == "__main__":
    main()
