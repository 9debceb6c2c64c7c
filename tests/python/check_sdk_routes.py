#!/usr/bin/python3
"""The SDK's other routes, on models written here independently of the bundled demos:
- cross-attention: a BLIP-2-style Q-Former (learned queries, query self-attention, then cross-attention to the
  image tokens through nn.MultiheadAttention called with keyword key/value) exported with cross_attention=
  gives xattn.<stage> [1,H,M,N]; it matches hooks on an untouched copy, passes plugin check, and the CLI's
  query maps equal numpy's mean over heads;
- renamed attention: vit-pytorch-style modules (to_qkv, to_out, heads, a head size that is not width/heads) on
  a fused kernel are refused with the parts they have and the switch to pass; with attention_names= they export
  and match hooks;
- a windowed capture declared on a model without windows is refused at export;
- an encoder layer run under torch.inference_mode() inside forward (PyTorch's fused path, which autograd cannot
  switch off there) is refused with the reason and the switch."""
import argparse
import os
import shutil
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "plugins", "sdk"))
sys.path.insert(0, os.path.dirname(__file__))
from filterscope_sdk import SdkError, export_plugin  # noqa: E402
from check_demo_maps import prepare  # noqa: E402

SMALL = {"size": [32, 32], "mean": [0.5] * 3, "std": [0.5] * 3}


class QFormer(nn.Module):
    """Patch embedding → one encoder block → 6 queries that attend to each other, then to the image."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Conv2d(3, 32, 8, 8)  # 4x4 grid
        self.cls = nn.Parameter(torch.randn(1, 1, 32))
        self.block = nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, batch_first=True)
        self.queries = nn.Parameter(torch.randn(1, 6, 32))
        self.self_attn = nn.MultiheadAttention(32, 2, batch_first=True)
        self.cross = nn.MultiheadAttention(32, 2, kdim=32, vdim=32, batch_first=True)
        self.out = nn.Identity()

    def forward(self, x):
        t = torch.cat([self.cls, self.embed(x).flatten(2).transpose(1, 2)], 1)
        t = self.block(t)
        q = self.queries + self.self_attn(self.queries, self.queries, self.queries, need_weights=False)[0]
        q = q + self.cross(query=q, key=t, value=t, need_weights=False)[0]
        return self.out(q).mean(1)


class RenamedAttention(nn.Module):
    """vit-pytorch's naming, on PyTorch 2's fused kernel when present (no softmax call to intercept)."""

    def __init__(self, dim=32, heads=2, dim_head=24):
        super().__init__()
        self.heads, self.scale = heads, dim_head ** -0.5
        self.to_qkv = nn.Linear(dim, heads * dim_head * 3, bias=False)
        self.to_out = nn.Linear(heads * dim_head, dim)

    def forward(self, x):
        b, n, _ = x.shape
        q, k, v = self.to_qkv(x).reshape(b, n, 3, self.heads, -1).permute(2, 0, 3, 1, 4).unbind(0)
        # Written out as the exp/sum a fused kernel would hide: no softmax call for the SDK to see.
        s = (q @ k.transpose(-2, -1)) * self.scale
        e = torch.exp(s - s.amax(-1, keepdim=True))
        return self.to_out(((e / e.sum(-1, keepdim=True)) @ v).transpose(1, 2).reshape(b, n, -1))


class RenamedViT(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Conv2d(3, 32, 8, 8)
        self.attn = RenamedAttention()

    def forward(self, x):
        t = self.embed(x).flatten(2).transpose(1, 2)
        return t + self.attn(t)


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)

    torch.manual_seed(4)
    model, untouched = QFormer().eval(), QFormer().eval()
    untouched.load_state_dict(model.state_dict())
    plugin = os.path.join(a.work, "qformer")
    tokens = {"layout": "grid", "grid": [4, 4], "prefix": 1, "queries": 6}
    export_plugin(model, torch.zeros(1, 3, 32, 32), plugin, "sdk-qformer", "SDK Q-Former", tokens, SMALL,
                  stages={"block": model.block, "qformer": model.out}, attention={"block": model.block.self_attn,
                                                                                  "qformer": model.self_attn},
                  cross_attention={"qformer": model.cross})
    x = torch.randn(1, 3, 32, 32)
    want = {}
    untouched.out.register_forward_hook(lambda _m, _i, out: want.__setitem__("tokens.qformer", out.detach()))
    original = untouched.cross.forward

    def observed(*args, **kwargs):
        kwargs["need_weights"], kwargs["average_attn_weights"] = True, False
        out, weights = original(*args, **kwargs)
        want["xattn.qformer"] = weights.detach()
        return out, None
    untouched.cross.forward = observed

    def reference(inp):
        with torch.enable_grad():  # as the SDK exports: the encoder layer's fused path off, the same numbers
            untouched(inp)
        return {k: v.clone() for k, v in want.items()}
    want = reference(x)
    with torch.no_grad():
        got = torch.jit.load(os.path.join(plugin, "model.pt"))(x)
    assert tuple(got["xattn.qformer"].shape) == (1, 2, 6, 17), got["xattn.qformer"].shape
    errs = {k: float((got[k] - want[k]).abs().max()) for k in want}
    assert max(errs.values()) < 1e-5, errs
    r = run([a.cli, "plugin", "check", plugin])
    assert r.returncode == 0 and "xattn.qformer" in r.stdout and "cross-attention" in r.stdout, r.stdout + r.stderr
    image = os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "resources", "demo", "astronaut.png")
    out = os.path.join(a.work, "out")
    r = run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--no-figures", "--analyses",
             "qformer", "--device", "cpu"])
    assert r.returncode == 0, r.stderr
    maps = np.load(os.path.join(out, "astronaut", "qformer", "query_maps.npy"))
    xattn = reference(prepare(image, SMALL))["xattn.qformer"][0].numpy().astype(np.float64)
    expected = xattn.mean(0)[:, 1:].reshape(6, 4, 4)  # mean over heads, grid part, raw
    err = float(np.abs(maps - expected).max())
    assert maps.shape == (6, 4, 4) and err < 1e-5, (maps.shape, err)
    print("ok  cross_attention= exports xattn.qformer [1,2,6,17] matching hooks (worst " +
          ", ".join(f"{k} {v:.1e}" for k, v in errs.items()) + f"); plugin check passes; CLI query maps = numpy "
          f"({err:.1e})")

    # Renamed attention without a softmax call: refused with its parts and the switch, then exported with it.
    torch.manual_seed(5)
    vit, untouched = RenamedViT().eval(), RenamedViT().eval()
    untouched.load_state_dict(vit.state_dict())
    grid = {"layout": "grid", "grid": [4, 4], "prefix": 0}
    try:
        export_plugin(vit, torch.zeros(1, 3, 32, 32), os.path.join(a.work, "renamed-refused"), "renamed", "renamed",
                      grid, SMALL, stages={"block": vit}, attention={"block": vit.attn})
        raise AssertionError("no error")
    except SdkError as e:
        message = str(e)
    assert "its parts are to_out, to_qkv" in message and "attention_names=" in message, message
    print("ok  renamed attention refused with its parts and the switch: …" + message[message.index("its parts"):][:90])
    vit = RenamedViT().eval()
    vit.load_state_dict(untouched.state_dict())
    plugin = os.path.join(a.work, "renamed")
    export_plugin(vit, torch.zeros(1, 3, 32, 32), plugin, "renamed", "renamed", grid, SMALL,
                  stages={"block": vit}, attention={"block": vit.attn},
                  attention_names={"qkv": "to_qkv", "proj": "to_out", "num_heads": "heads"})
    seen = {}
    untouched.attn.register_forward_pre_hook(lambda _m, inp: seen.__setitem__("x", inp[0].detach()))
    with torch.no_grad():
        untouched(x)
        got = torch.jit.load(os.path.join(plugin, "model.pt"))(x)
    t = seen["x"].numpy().astype(np.float64)
    qkv = t @ untouched.attn.to_qkv.weight.detach().numpy().T.astype(np.float64)
    q, k = (qkv[0, :, i * 48:(i + 1) * 48].reshape(16, 2, 24).transpose(1, 0, 2) for i in (0, 1))
    s = q @ k.transpose(0, 2, 1) / np.sqrt(24)
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    err = float(np.abs(got["attn.block"][0].numpy() - p).max())
    assert err < 1e-5, err
    assert run([a.cli, "plugin", "check", plugin]).returncode == 0
    print(f"ok  attention_names= recomputes renamed attention (head size 24 with width 32): numpy {err:.1e}")

    # Windows declared for a model that has none: refused with the expected shape.
    vit = RenamedViT().eval()
    try:
        export_plugin(vit, torch.zeros(1, 3, 32, 32), os.path.join(a.work, "bad-window"), "bad", "bad", grid, SMALL,
                      stages={"block": vit}, attention={"block": vit.attn}, windows={"block": {"size": 2, "shift": 0}},
                      attention_names={"qkv": "to_qkv", "proj": "to_out", "num_heads": "heads"})
        raise AssertionError("no error")
    except SdkError as e:
        message = str(e)
    assert "windowed attention is not recomputed from the weights" in message, message
    print("ok  windows on a model without them are refused: " + message.splitlines()[-1].strip()[:110])

    class InferenceMode(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Conv2d(3, 32, 8, 8)
            self.layer = nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, batch_first=True)

        def forward(self, inp):
            t = self.embed(inp).flatten(2).transpose(1, 2)
            with torch.inference_mode():
                return self.layer(t).clone()
    fused = InferenceMode().eval()
    try:
        export_plugin(fused, torch.zeros(1, 3, 32, 32), os.path.join(a.work, "fused"), "fused", "fused", grid, SMALL,
                      stages={"block": fused.layer}, attention={"block": fused.layer.self_attn})
        raise AssertionError("no error")
    except SdkError as e:
        message = str(e)
    assert message.startswith("these captures never ran in forward(): attn.block; an nn.MultiheadAttention") and \
        "remove inference_mode from forward()" in message, message
    print("ok  a fused fast path the SDK cannot switch off is refused with the reason and the switch")


if __name__ == "__main__":
    main()
