#!/usr/bin/python3
"""Models nobody here wrote, through the documented SDK route: torchvision's vit_b_16 (random weights, seeded;
its attention is called by keyword with need_weights=False) and nn.TransformerEncoder (batch-first, whose
fused fast path skips the attention module in eval mode). Each exported plugin passes `plugin check`; its
captures, run from the saved TorchScript file, match an untouched copy of the model observed with plain
forward hooks (tokens 1e-5, attention probabilities 1e-5); the CLI's token norms of vit_b_16 match numpy."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import torch
import torchvision
from torch import nn

sys.path.insert(0, os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "plugins", "sdk"))
sys.path.insert(0, os.path.dirname(__file__))
from filterscope_sdk import SdkError, export_plugin  # noqa: E402
from check_demo_maps import prepare  # noqa: E402

SPEC = {"size": [224, 224], "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "resize": "shorter-crop",
        "interpolation": "bilinear"}


def hooked_reference(model, layers, attention_of, x, autograd=False):
    """Outputs of `layers` and per-head probabilities of the MultiheadAttention modules in `attention_of`
    (recomputed from the input their caller gives them), from an untouched model. `autograd`: run with
    gradients on, so PyTorch's fused encoder path (which never calls the attention module) is not taken."""
    got, handles = {}, []
    for name, module in layers.items():
        handles.append(module.register_forward_hook(
            lambda _m, _i, out, name=name: got.__setitem__("tokens." + name, out[0] if isinstance(out, tuple) else out)))
    for name, mha in attention_of.items():
        def pre(module, args, kwargs, name=name):
            q = kwargs.get("query", args[0] if args else None)
            got["attn." + name] = nn.MultiheadAttention.forward(module, q, q, q, need_weights=True,
                                                                average_attn_weights=False)[1]
        handles.append(_pre_hook_via_forward(mha, pre))
    with torch.set_grad_enabled(autograd):
        model(x)
    got = {k: v.detach() for k, v in got.items()}
    for h in handles:
        h.remove()
    return got


class _Restore:
    def __init__(self, module, original):
        self.module, self.original = module, original

    def remove(self):
        self.module.forward = self.original


def _pre_hook_via_forward(mha, pre):
    """torch 1.13 has no keyword-aware forward pre-hooks: observe the call by wrapping forward on this copy."""
    original = mha.forward

    def forward(*args, **kwargs):
        pre(mha, args, kwargs)
        return original(*args, **kwargs)
    mha.forward = forward
    return _Restore(mha, original)


def compare(name, got, want, tol):
    got, want = got.detach().numpy(), want.detach().numpy()
    assert got.shape == want.shape, (name, got.shape, want.shape)
    err = float(np.abs(got - want).max())
    assert err <= tol, (name, err)
    return err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    torch.manual_seed(0)
    x = torch.randn(1, 3, 224, 224)

    # torchvision vit_b_16: embed (after the position embedding), two blocks, the final norm.
    model = torchvision.models.vit_b_16().eval()
    untouched = torchvision.models.vit_b_16().eval()
    untouched.load_state_dict(model.state_dict())
    L, R = model.encoder.layers, untouched.encoder.layers
    plugin = os.path.join(a.work, "tv-vit-b-16")
    export_plugin(model, torch.zeros(1, 3, 224, 224), plugin, "tv-vit-b-16", "torchvision vit_b_16 (random)",
                  {"layout": "grid", "grid": [14, 14], "prefix": 1}, SPEC,
                  stages={"embed": model.encoder.dropout, "block1": L[0], "block12": L[11], "norm": model.encoder.ln},
                  attention={"block1": L[0].self_attention, "block12": L[11].self_attention})
    want = hooked_reference(untouched, {"embed": untouched.encoder.dropout, "block1": R[0], "block12": R[11],
                                        "norm": untouched.encoder.ln},
                            {"block1": R[0].self_attention, "block12": R[11].self_attention}, x)
    got = torch.jit.load(os.path.join(plugin, "model.pt"))(x)
    errs = {k: compare(k, got[k], want[k], 1e-5 if k.startswith("attn.") else 1e-4) for k in want}
    assert len(errs) == 6, errs
    print("ok  vit_b_16: saved plugin vs hooks on an untouched copy, worst " +
          ", ".join(f"{k} {v:.1e}" for k, v in errs.items()))
    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "attn.block12" in r.stdout and "[1,12,197,197]" in r.stdout, r.stdout + r.stderr
    print("ok  vit_b_16 plugin passes plugin check")

    image = os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "resources", "demo", "astronaut.png")
    out = os.path.join(a.work, "out")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--no-figures",
                        "--analyses", "norm", "--stages", "block12", "--device", "cpu"], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    ref = hooked_reference(untouched, {"block12": R[11]}, {}, prepare(image, SPEC))["tokens.block12"][0, 1:].numpy()
    norms = np.linalg.norm(ref.astype(np.float64), axis=1).reshape(14, 14)
    cli = np.load(os.path.join(out, "astronaut", "block12", "norm.npy"))
    err = float(np.abs(cli - norms).max() / np.abs(norms).max())
    assert err < 1e-5, err
    print(f"ok  vit_b_16 token norms from the CLI = numpy on the hooks (relative {err:.1e})")

    # The one-liner: plugins/sdk/export_torchvision.py vit_b_16 OUT, then plugin check.
    preset = os.path.join(a.work, "preset-vit-b-16")
    r = subprocess.run([sys.executable, os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "plugins", "sdk",
                                                     "export_torchvision.py"), "vit_b_16", preset],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([a.cli, "plugin", "check", preset], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "attn.block12" in r.stdout and "tokens.norm" in r.stdout, r.stdout + r.stderr
    manifest = json.load(open(os.path.join(preset, "plugin.json")))
    assert manifest["input"]["crop_pct"] == 0.875 and manifest["input"]["resample"] == "pil", manifest["input"]
    assert [s["name"] if isinstance(s, dict) else s for s in manifest["stages"]] == \
        ["embed"] + [f"block{i}" for i in range(1, 13)] + ["norm"], manifest["stages"]
    print("ok  export_torchvision.py vit_b_16 OUT: 14 stages, 12 attention captures, torchvision's eval transform; "
          "plugin check passes")

    # nn.TransformerEncoder, batch-first: the fused path would skip self_attn.
    torch.manual_seed(1)

    class Encoder(nn.Module):
        def __init__(self, batch_first=True):
            super().__init__()
            self.batch_first = batch_first
            self.embed = nn.Conv2d(3, 64, 8, 8)
            self.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(64, 4, 128, dropout=0.0,
                                                                        batch_first=batch_first), 2)

        def forward(self, inp):
            t = self.embed(inp).flatten(2).transpose(1, 2)
            return self.enc(t if self.batch_first else t.transpose(0, 1))

    enc = Encoder().eval()
    untouched = Encoder().eval()
    untouched.load_state_dict(enc.state_dict())
    plugin = os.path.join(a.work, "te")
    small = {"size": [32, 32], "mean": [0.5] * 3, "std": [0.5] * 3}
    with torch.no_grad():  # as a user would call it: the SDK must still see the attention
        export_plugin(enc, torch.zeros(1, 3, 32, 32), plugin, "te", "TransformerEncoder", {"layout": "grid",
                      "grid": [4, 4], "prefix": 0}, small, stages={"block1": enc.enc.layers[0], "block2": enc.enc.layers[1]},
                      attention={"block1": enc.enc.layers[0].self_attn, "block2": enc.enc.layers[1].self_attn})
    xs = torch.randn(1, 3, 32, 32)
    U = untouched.enc.layers
    want = hooked_reference(untouched, {"block1": U[0], "block2": U[1]}, {"block1": U[0].self_attn,
                                                                          "block2": U[1].self_attn}, xs,
                           autograd=True)
    got = torch.jit.load(os.path.join(plugin, "model.pt"))(xs)
    errs = {k: compare(k, got[k], want[k], 1e-5) for k in want}
    assert len(errs) == 4, errs
    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    print("ok  nn.TransformerEncoder (batch-first) exports its attention and passes plugin check, worst " +
          ", ".join(f"{k} {v:.1e}" for k, v in errs.items()))

    # Checked at export, with how to fix it, before anything is written: a CLS-less model declared with a CLS.
    bad, wrong = os.path.join(a.work, "te-bad"), Encoder().eval()
    try:
        export_plugin(wrong, torch.zeros(1, 3, 32, 32), bad, "te-bad", "bad", {"layout": "grid", "grid": [4, 4],
                      "prefix": 1}, small, stages={"block1": wrong.enc.layers[0]})
        raise AssertionError("no error")
    except SdkError as e:
        message = str(e)
    assert "tokens.block1 is [1,16,64], expected [1,17,C] (prefix 1 + grid 4x4): the model has no prefix (CLS) " \
           "token here: set tokens.prefix to 0" in message and not os.path.exists(bad), message
    print("ok  a contract problem stops the export with how to fix it: " + message.splitlines()[1].strip())

    # Sequence-first (PyTorch's default): stage outputs [16,1,64] become the contract's [1,16,64].
    torch.manual_seed(2)
    enc, untouched = Encoder(False).eval(), Encoder(False).eval()
    untouched.load_state_dict(enc.state_dict())
    plugin = os.path.join(a.work, "te-seq")
    export_plugin(enc, torch.zeros(1, 3, 32, 32), plugin, "te-seq", "TransformerEncoder, sequence-first",
                  {"layout": "grid", "grid": [4, 4], "prefix": 0}, small,
                  stages={"block1": enc.enc.layers[0], "block2": enc.enc.layers[1]},
                  attention={"block1": enc.enc.layers[0].self_attn, "block2": enc.enc.layers[1].self_attn})
    U = untouched.enc.layers
    want = hooked_reference(untouched, {"block1": U[0], "block2": U[1]}, {"block1": U[0].self_attn,
                                                                          "block2": U[1].self_attn}, xs, autograd=True)
    assert tuple(want["tokens.block1"].shape) == (16, 1, 64), want["tokens.block1"].shape
    got = torch.jit.load(os.path.join(plugin, "model.pt"))(xs)
    errs = {k: compare(k, got[k], want[k].transpose(0, 1) if k.startswith("tokens.") else want[k], 1e-5) for k in want}
    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "[1,16,64]" in r.stdout, r.stdout + r.stderr
    print("ok  sequence-first [16,1,64] stage outputs exported as [1,16,64]; plugin check passes, worst " +
          ", ".join(f"{k} {v:.1e}" for k, v in errs.items()))


if __name__ == "__main__":
    main()
