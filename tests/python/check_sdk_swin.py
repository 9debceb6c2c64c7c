#!/usr/bin/python3
"""torchvision's swin_t through the one-line export (random weights, seeded): four stages on their own grids
(56x56, 28x28, 14x14, 7x7, channels-last outputs, no CLS) and the shifted-window attention of each stage's last
block as wattn.<stage>. The saved plugin's captures match an untouched copy of the model observed with forward
hooks, and its window probabilities match an independent numpy recomputation of shifted-window attention
(roll, partition, relative position bias, region mask, softmax); the CLI's maps (token norms on each stage's
own grid; the CLS-less default attention map, the mean over all query rows, placed back through the roll)
match numpy on those, with torchvision's own eval transform on PIL as the input."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import torch
import torchvision
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from check_probe import metrics  # noqa: E402

STAGES = {"stage1": 1, "stage2": 3, "stage3": 5, "stage4": 7}  # model.features index of each stage


def hooked(model, x):
    """Stage outputs and each stage's last attention input, from plain forward hooks."""
    got, handles = {}, []
    for name, index in STAGES.items():
        handles.append(model.features[index].register_forward_hook(
            lambda _m, _i, out, name=name: got.__setitem__("tokens." + name, out.detach())))
        handles.append(model.features[index][-1].attn.register_forward_pre_hook(
            lambda _m, inp, name=name: got.__setitem__("attn_input." + name, inp[0].detach())))
    with torch.no_grad():
        got["logits"] = model(x)
    for h in handles:
        h.remove()
    return got


def window_probabilities(attn, x):
    """Shifted-window attention probabilities [H,nW,w²,w²] of torchvision's ShiftedWindowAttention `attn` on
    its input x [1,h,w,C], in float64 numpy, written from the Swin paper rather than torchvision's code."""
    x = x[0].numpy().astype(np.float64)
    h, w, c = x.shape
    size, heads = attn.window_size[0], attn.num_heads
    shift = attn.shift_size[0] if size < h else 0
    rolled = np.roll(x, (-shift, -shift), axis=(0, 1))
    windows = rolled.reshape(h // size, size, w // size, size, c).transpose(0, 2, 1, 3, 4).reshape(-1, size * size, c)
    qkv = windows @ attn.qkv.weight.detach().numpy().T.astype(np.float64) + attn.qkv.bias.detach().numpy()
    d = c // heads
    q, k = (qkv[..., i * c:(i + 1) * c].reshape(-1, size * size, heads, d).transpose(2, 0, 1, 3) for i in (0, 1))
    scores = (q * d ** -0.5) @ k.transpose(0, 1, 3, 2)
    # Relative position bias: table row (dy + size − 1)·(2·size − 1) + (dx + size − 1) for slots i, j.
    ys, xs = np.divmod(np.arange(size * size), size)
    index = (ys[:, None] - ys[None, :] + size - 1) * (2 * size - 1) + (xs[:, None] - xs[None, :] + size - 1)
    table = attn.relative_position_bias_table.detach().numpy().astype(np.float64)
    scores = scores + table[index].transpose(2, 0, 1)[:, None]
    if shift:
        # After the roll, the last `shift` rows and columns wrapped around from the far edge: tokens on
        # different sides of that seam must not attend to each other (Swin's −100 mask).
        ry, rx = np.divmod(np.arange(h * w), w)
        region = ((ry >= h - shift) * 2 + (rx >= w - shift)).reshape(h, w)
        region = region.reshape(h // size, size, w // size, size).transpose(0, 2, 1, 3).reshape(-1, size * size)
        scores = scores + np.where(region[:, :, None] != region[:, None, :], -100.0, 0.0)[None]
    scores = scores - scores.max(-1, keepdims=True)
    p = np.exp(scores)
    return p / p.sum(-1, keepdims=True), shift


def dense_from_windows(p, h, w, size, shift):
    """[H,N,N] full attention with each window's probabilities at the original (unrolled) token indices."""
    heads = p.shape[0]
    index = np.roll(np.arange(h * w).reshape(h, w), (-shift, -shift), axis=(0, 1))
    slots = index.reshape(h // size, size, w // size, size).transpose(0, 2, 1, 3).reshape(-1, size * size)
    dense = np.zeros((heads, h * w, h * w))
    for k, tokens in enumerate(slots):
        dense[:, tokens[:, None], tokens[None, :]] = p[:, k]
    return dense


def token_mask(mask_path, h, w, resize=232, crop=224):
    """The mask through torchvision's eval geometry (shorter side to `resize`, the long side truncated as
    torchvision does, centre crop with rounded offsets), nearest by pixel centres, then area-averaged to the
    h×w grid, fraction >= 0.5."""
    grey = np.asarray(Image.open(mask_path).convert("L"))
    h0, w0 = grey.shape
    nh, nw = (resize, int(resize * w0 / h0)) if h0 <= w0 else (int(resize * h0 / w0), resize)
    top, left = int(round((nh - crop) / 2.0)), int(round((nw - crop) / 2.0))
    ys = np.minimum(((np.arange(crop) + top + 0.5) * h0 / nh).astype(int), h0 - 1)
    xs = np.minimum(((np.arange(crop) + left + 0.5) * w0 / nw).astype(int), w0 - 1)
    px = (grey[ys][:, xs] >= 1).astype(np.float64)
    cells = px.reshape(h, crop // h, w, crop // w).mean(axis=(1, 3))  # crop is a multiple of every grid here
    return (cells >= 0.5).ravel()


def check_probe(a, plugin, untouched, transform):
    """probe on two photos with masks: mask metrics on each stage's own grid equal numpy's on the hooks."""
    masks = os.path.join(os.environ["FILTERSCOPE_SHARED_DATA"], "masks")
    inputs = [os.path.join(masks, f) for f in ("astronaut.png", "coco_000000000165.jpg")]
    out = os.path.join(a.work, "probe")
    r = subprocess.run([a.cli, "probe", "--plugin", plugin, "--input", *inputs, "--masks", masks, "--out", out,
                        "--maps", "norm,attention", "--stages", "stage2,stage4", "--device", "cpu"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    rows = {}
    with open(os.path.join(out, "probe.csv")) as f:
        next(f)
        for line in f:
            path, _, stage, kind, metric, value = line.rstrip("\n").split(",")
            rows[(os.path.basename(path), stage, kind, metric)] = float(value) if value else float("nan")
    worst, checked = 0.0, 0
    saved = torch.jit.load(os.path.join(plugin, "model.pt"))
    for path in inputs:
        x = transform(Image.open(path).convert("RGB"))[None]
        want = hooked(untouched, x)
        with torch.no_grad():
            captured = saved(x)
        stem = os.path.splitext(os.path.basename(path))[0]
        for name, grid in (("stage2", 28), ("stage4", 7)):
            g = token_mask(os.path.join(masks, stem + "_mask.png"), grid, grid)
            norms = np.linalg.norm(want["tokens." + name][0].numpy().astype(np.float64), axis=-1)
            # The window probabilities as the plugin returns them (float32, checked against numpy above): rank
            # metrics compare near-equal values, which float64 recomputation would order differently.
            p = captured["wattn." + name][0].numpy().astype(np.float64)
            shift = 3 if grid > 7 else 0
            mean_row = dense_from_windows(p, grid, grid, 7, shift).mean(0).mean(0)
            for kind, m in (("norm", norms), ("attention", mean_row)):
                # Maps are stored as float32: rank metrics see float32 ties, and so does the reference.
                for metric, value in metrics(m.astype(np.float32), g).items():
                    got = rows[(os.path.basename(path), name, kind, metric)]
                    if np.isnan(value):
                        assert np.isnan(got), (path, name, kind, metric, got)
                        continue
                    worst = max(worst, abs(got - value))
                    checked += 1
                    assert abs(got - value) <= 1e-6 + 1e-6 * abs(value), (path, name, kind, metric, got, value)
    print(f"ok  probe: {checked} mask and label-free metrics on the 28x28 and 7x7 stages = numpy (worst {worst:.1e})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    source = os.environ["FILTERSCOPE_SOURCE_DIR"]
    plugin = os.path.join(a.work, "swin-t")
    r = subprocess.run([sys.executable, os.path.join(source, "plugins", "sdk", "export_torchvision.py"), "swin_t",
                        plugin, "--seed", "3"], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    assert manifest["tokens"] == {"layout": "grid", "grid": [56, 56], "prefix": 0}, manifest["tokens"]
    declared = {s["name"]: (s["grid"], s["window"]) for s in manifest["stages"]}
    assert declared == {"stage1": ([56, 56], {"size": 7, "shift": 3}), "stage2": ([28, 28], {"size": 7, "shift": 3}),
                        "stage3": ([14, 14], {"size": 7, "shift": 3}),
                        "stage4": ([7, 7], {"size": 7, "shift": 0})}, declared
    print("ok  export_torchvision.py swin_t: four stages with their own grids and windows")

    torch.manual_seed(3)  # the script's weights: the same seed, the same constructor
    untouched = torchvision.models.swin_t(weights=None).eval()
    transform = torchvision.models.get_weight("Swin_T_Weights.IMAGENET1K_V1").transforms()
    image = os.path.join(source, "resources", "demo", "astronaut.png")
    x = transform(Image.open(image).convert("RGB"))[None]
    want = hooked(untouched, x)
    with torch.no_grad():
        got = torch.jit.load(os.path.join(plugin, "model.pt"))(x)
    worst = {}
    for name in STAGES:
        t = want["tokens." + name]
        tokens = t.reshape(1, t.shape[1] * t.shape[2], t.shape[3])
        worst["tokens." + name] = float((got["tokens." + name] - tokens).abs().max() / tokens.abs().max())
        module = untouched.features[STAGES[name]][-1].attn
        p, shift = window_probabilities(module, want["attn_input." + name])
        captured = got["wattn." + name][0].numpy()
        assert captured.shape == p.shape, (name, captured.shape, p.shape)
        worst["wattn." + name] = float(np.abs(captured - p).max())
        want["p." + name], want["shift." + name] = p, shift
    worst["logits"] = float((got["logits"] - want["logits"]).abs().max() / want["logits"].abs().max())
    bad = {k: v for k, v in worst.items() if v > 1e-5}
    assert not bad, bad
    print("ok  saved plugin vs hooks and numpy windows, worst " + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))

    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "[1,3,64,49,49]" in r.stdout and "stage stage4: prefix 0 + grid 7x7 = 49" in r.stdout, \
        r.stdout + r.stderr
    print("ok  plugin check passes: wattn.stage1 [1,3,64,49,49], each stage on its own grid")

    out = os.path.join(a.work, "out")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--no-figures",
                        "--analyses", "norm,attention", "--device", "cpu"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    for name, grid in (("stage1", 56), ("stage2", 28), ("stage3", 14), ("stage4", 7)):
        t = want["tokens." + name][0].numpy().astype(np.float64)
        norms = np.linalg.norm(t, axis=-1)
        cli = np.load(os.path.join(out, "astronaut", name, "norm.npy"))
        assert cli.shape == (grid, grid), (name, cli.shape)
        err = float(np.abs(cli - norms).max() / norms.max())
        # The map without a CLS: the mean over all query rows of the head-mean attention, on the image grid.
        dense = dense_from_windows(want["p." + name], grid, grid, 7, want["shift." + name])
        mean = dense.mean(0).mean(0).reshape(grid, grid)
        attn = np.load(os.path.join(out, "astronaut", name, "attn_mean.npy"))
        head0 = np.load(os.path.join(out, "astronaut", name, "attn_head0.npy"))
        errs = (err, float(np.abs(attn - mean).max()), float(np.abs(head0 - dense[0].mean(0).reshape(grid, grid)).max()))
        assert max(errs) < 1e-5, (name, errs)
        print(f"ok  CLI {name} ({grid}x{grid}): norms {errs[0]:.1e} (relative), mean-row attention {errs[1]:.1e}, "
              f"head 0 {errs[2]:.1e} vs numpy")
    check_probe(a, plugin, untouched, transform)


if __name__ == "__main__":
    main()
