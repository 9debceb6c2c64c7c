#!/usr/bin/python3
"""A stage that returns attention but no tokens is analysed like any other (issue: attention-only stages
were dropped). The plugin is written here, not alongside the C++: a patch embedding, then a LLaMA-style
block that returns `tokens.llm.in`, `attn.llm` (RMSNorm, 4 heads, RoPE on q/k) and `tokens.llm.out`, but no
`tokens.llm`. `run --analyses attention` must write every head of `llm`, its mean and mask, and its rows of
attention_heads.csv, compared with numpy; the rollout spans it; metrics.csv has no empty row for it."""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from typing import Dict

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import reference_analyses as ref  # noqa: E402
from check_demo_maps import close, prepare  # noqa: E402


class AttentionOnlyStage(torch.nn.Module):
    def __init__(self):
        super().__init__()
        g = torch.Generator().manual_seed(3)
        self.patch = torch.nn.Parameter(torch.randn(3 * 16 * 16, 48, generator=g) / 28)
        self.cls = torch.nn.Parameter(torch.randn(1, 1, 48, generator=g))
        self.adapter = torch.nn.Parameter(torch.randn(48, 64, generator=g) / 7)
        self.wqkv = torch.nn.Parameter(torch.randn(64, 192, generator=g) / 8)
        self.wo = torch.nn.Parameter(torch.randn(64, 64, generator=g) / 8)
        half = 8  # RoPE over head dim 16, Hugging Face's rotate-half form
        freqs = 1.0 / (10000 ** (torch.arange(half, dtype=torch.float32) / half))
        angles = torch.arange(50, dtype=torch.float32)[:, None] * freqs[None, :]
        self.register_buffer("cos", torch.cat([angles.cos(), angles.cos()], dim=1))
        self.register_buffer("sin", torch.cat([angles.sin(), angles.sin()], dim=1))

    def rope(self, x: torch.Tensor) -> torch.Tensor:
        rotated = torch.cat([-x[..., 8:], x[..., :8]], dim=-1)
        return x * self.cos + rotated * self.sin

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        p = x.unfold(2, 16, 16).unfold(3, 16, 16).permute(0, 2, 3, 1, 4, 5).reshape(1, 49, 768)
        t = torch.cat([self.cls, p @ self.patch], dim=1)  # [1,50,48]
        out: Dict[str, torch.Tensor] = {"tokens.embed": t}
        h = t @ self.adapter
        out["tokens.llm.in"] = h
        n = h * torch.rsqrt((h * h).mean(dim=-1, keepdim=True) + 1e-6)
        qkv = (n @ self.wqkv).reshape(1, 50, 3, 4, 16).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        a = (self.rope(q) @ self.rope(k).transpose(-1, -2) / 4.0).softmax(dim=-1)  # [1,4,50,50]
        out["attn.llm"] = a
        out["tokens.llm.out"] = h + (a @ v).transpose(1, 2).reshape(1, 50, 64) @ self.wo
        return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    plugin = os.path.join(a.work, "attention-only-stage")
    os.makedirs(plugin)
    torch.jit.script(AttentionOnlyStage()).save(os.path.join(plugin, "model.pt"))
    manifest = {"schema": 1, "id": "attention-only-stage", "name": "LLaMA-style block, attention without tokens",
                "modality": "image", "model": "model.pt",
                "input": {"size": [112, 112], "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                          "resize": "shorter-crop"},
                "tokens": {"layout": "grid", "grid": [7, 7], "prefix": 1}}
    json.dump(manifest, open(os.path.join(plugin, "plugin.json"), "w"))

    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "attn.llm" in r.stdout, r.stdout + r.stderr

    images = [os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "resources", "demo", "astronaut.png")]
    coffee = os.path.join(os.environ.get("FILTERSCOPE_SHARED_DATA", ""), "images", "coffee.png")
    if os.path.exists(coffee):
        images.append(coffee)
    out = os.path.join(a.work, "out")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", *images, "--out", out, "--analyses",
                        "norm,attention", "--device", "cpu", "--figure-scale", "1"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    heads = list(csv.DictReader(open(os.path.join(out, "attention_heads.csv"))))
    metrics = list(csv.DictReader(open(os.path.join(out, "metrics.csv"))))
    checked = 0
    for image in images:
        stem = os.path.splitext(os.path.basename(image))[0]
        with torch.no_grad():
            caps = model(prepare(image, manifest["input"]))
        attn = caps["attn.llm"].numpy()
        d = os.path.join(out, stem, "llm")
        for head in range(4):
            close(f"{stem}/llm/attn_head{head}", np.load(os.path.join(d, f"attn_head{head}.npy")),
                  ref.attention_row(attn, 1, 7, 7, head, 0), 1e-5, 1e-8)
        close(f"{stem}/llm/attn_mean", np.load(os.path.join(d, "attn_mean.npy")),
              ref.attention_row(attn, 1, 7, 7, -1, 0), 1e-5, 1e-8)
        assert (np.load(os.path.join(d, "attn_mean_mask.npy")) == ref.mass_mask(np.load(os.path.join(d, "attn_mean.npy")))).all()
        assert os.path.getsize(os.path.join(d, "attn_heads.png")) > 5000
        rows = [row for row in heads if row["input"] == image and row["stage"] == "llm"]
        assert len(rows) == 4, rows
        for row, (ent, dist, sink) in zip(rows, ref.head_statistics(attn, 1, 7, 7)):
            close(f"{stem}/llm/head{row['head']}", np.array([float(row[k]) for k in ["entropy", "mean_distance",
                                                                                     "sink_share"]]),
                  np.array([ent, dist, sink]), 1e-5, 1e-7)
        # The only attention stage: the rollout is that one layer, filed under it.
        close(f"{stem}/rollout", np.load(os.path.join(d, "rollout.npy")), ref.rollout([attn], 1, 7, 7), 1e-5, 1e-8)
        stages = [row["stage"] for row in metrics if row["input"] == image]
        assert stages == ["embed", "llm.in", "llm.out"], stages  # no empty row for the attention-only stage
        close(f"{stem}/llm.out/norm", np.load(os.path.join(out, stem, "llm.out", "norm.npy")),
              ref.norm_map(caps["tokens.llm.out"].numpy(), 1, 7, 7), 1e-5, 1e-6)
        checked += 1
    assert checked == len(images) and checked > 0
    print(f"ok  attention-only stage 'llm' on {checked} images: 4 heads, mean, mask, head statistics and rollout "
          f"match numpy; metrics.csv lists only the token stages")


if __name__ == "__main__":
    main()
