#!/usr/bin/python3
"""End to end: filterscope-cli on real photos through the demo plugin, compared with the same model run
in PyTorch on an input prepared in Python exactly as plugins/README.md documents, and the maps computed
with numpy (reference_analyses.py). Exits non-zero on any mismatch."""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import reference_analyses as ref  # noqa: E402


def prepare_rgb(path, spec):
    """The documented resize and crop, step for step: the uint8 RGB image the model sees."""
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    H, W = spec["size"]
    h0, w0 = rgb.shape[:2]
    interp = {"bilinear": cv2.INTER_LINEAR, "nearest": cv2.INTER_NEAREST, "bicubic": cv2.INTER_CUBIC,
              "area": cv2.INTER_AREA}[spec.get("interpolation", "bilinear")]
    if spec.get("resize", "stretch") == "shorter-crop":
        s = max(H / h0, W / w0)
        nh = max(H, int(np.floor(h0 * s + 0.5)))
        nw = max(W, int(np.floor(w0 * s + 0.5)))
        if (nh, nw) != (h0, w0):
            rgb = cv2.resize(rgb, (nw, nh), interpolation=interp)
        top, left = (nh - H) // 2, (nw - W) // 2
        rgb = rgb[top:top + H, left:left + W]
    elif (h0, w0) != (H, W):
        rgb = cv2.resize(rgb, (W, H), interpolation=interp)
    return rgb


def normalise(rgb, spec):
    x = rgb.astype(np.float32) / np.float32(255.0)
    x = (x - np.array(spec["mean"], np.float32)) / np.array(spec["std"], np.float32)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1))[None])


def prepare(path, spec):
    """The documented preprocessing, step for step."""
    return normalise(prepare_rgb(path, spec), spec)


def close(name, got, want, rtol, atol):
    if got.shape != want.shape:
        raise AssertionError(f"{name}: shape {got.shape} != {want.shape}")
    err = np.abs(got - want)
    bad = err > atol + rtol * np.abs(want)
    if bad.any():
        i = np.unravel_index(np.argmax(err), err.shape)
        raise AssertionError(f"{name}: {bad.sum()} values differ; worst at {i}: {got[i]} vs {want[i]}")
    return float(err.max())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    src = os.environ["FILTERSCOPE_SOURCE_DIR"]
    plugin = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-llama")
    images = [os.path.join(src, "resources", "demo", "astronaut.png")]
    coffee = os.path.join(os.environ.get("FILTERSCOPE_SHARED_DATA", ""), "images", "coffee.png")
    if os.path.exists(coffee):
        images.append(coffee)  # 600x400: exercises resize + centre crop
    out = os.path.join(args.work, "out")
    shutil.rmtree(args.work, ignore_errors=True)
    r = subprocess.run([args.cli, "run", "--plugin", plugin, "--input", *images, "--out", out, "--device", "cpu"],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise AssertionError(f"cli exit {r.returncode}: {r.stderr}")

    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    h, w = manifest["tokens"]["grid"]
    prefix = manifest["tokens"]["prefix"]
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    rows = {(row["input"], row["stage"]): row for row in csv.DictReader(open(os.path.join(out, "metrics.csv")))}
    head_rows = list(csv.DictReader(open(os.path.join(out, "attention_heads.csv"))))
    checked = 0
    worst = {}
    for image in images:
        stem = os.path.splitext(os.path.basename(image))[0]
        with torch.no_grad():
            caps = model(prepare(image, manifest["input"]))
        stages = [k[len("tokens."):] for k in caps if k.startswith("tokens.")]
        assert stages == [s["name"] for s in manifest["stages"]], stages
        for stage in stages:
            t = caps["tokens." + stage].numpy()
            d = os.path.join(out, stem, stage)
            load = lambda n: np.load(os.path.join(d, n))  # noqa: E731
            for n in ["norm.npy", "activation.npy", "freq.npy", "spectrum.npy"]:
                assert load(n).dtype == np.float32, n
            want_norm = ref.norm_map(t, prefix, h, w)
            want_act = ref.activation_map(t, prefix, h, w)
            want_freq = ref.freq_map(t, prefix, h, w)
            want_spec, want_hf = ref.spectrum(t, prefix, h, w)
            worst["norm"] = max(worst.get("norm", 0), close(f"{stem}/{stage}/norm", load("norm.npy"), want_norm, 1e-5, 1e-6))
            worst["activation"] = max(worst.get("activation", 0),
                                      close(f"{stem}/{stage}/activation", load("activation.npy"), want_act, 1e-5, 1e-6))
            worst["freq"] = max(worst.get("freq", 0), close(f"{stem}/{stage}/freq", load("freq.npy"), want_freq, 1e-4, 1e-4))
            worst["spectrum"] = max(worst.get("spectrum", 0),
                                    close(f"{stem}/{stage}/spectrum", load("spectrum.npy"), want_spec, 1e-4, 1e-6 * want_spec.max()))
            close(f"{stem}/{stage}/prefix_norm", load("prefix_norm.npy"),
                  np.linalg.norm(t[0, :prefix].astype(np.float64), axis=1), 1e-5, 1e-6)
            row = rows[(image, stage)]
            close(f"{stem}/{stage}/metrics", np.array([float(row["activation_mean"]), float(row["freq_max"]),
                                                        float(row["norm_min"]), float(row["hf_ratio"])]),
                  np.array([want_act.mean(), want_freq.max(), want_norm.min(), want_hf]), 1e-5, 1e-6)
            for fig in ["norm.png", "norm_overlay.png", "activation.png", "freq_overlay.png", "spectrum.png"]:
                assert os.path.getsize(os.path.join(d, fig)) > 10000, fig
            if "attn." + stage in caps:
                a = caps["attn." + stage].numpy()
                for head in range(a.shape[1]):
                    close(f"{stem}/{stage}/attn_head{head}", load(f"attn_head{head}.npy"),
                          ref.attention_row(a, prefix, h, w, head, 0), 1e-6, 1e-9)
                want_mean = ref.attention_row(a, prefix, h, w, -1, 0)
                worst["attention"] = max(worst.get("attention", 0),
                                         close(f"{stem}/{stage}/attn_mean", load("attn_mean.npy"), want_mean, 1e-5, 1e-9))
                mask = load("attn_mean_mask.npy")
                assert (mask == ref.mass_mask(load("attn_mean.npy"))).all(), f"{stem}/{stage}: mass mask differs"
                stats = ref.head_statistics(a, prefix, h, w)
                heads_csv = [r for r in head_rows if r["input"] == image and r["stage"] == stage]
                assert len(heads_csv) == a.shape[1], (stage, len(heads_csv))
                for r, (ent, dist, sink) in zip(heads_csv, stats):
                    close(f"{stem}/{stage}/head{r['head']}/stats",
                          np.array([float(r["entropy"]), float(r["mean_distance"]), float(r["sink_share"])]),
                          np.array([ent, dist, sink]), 1e-5, 1e-7)
            checked += 1
        attn_stages = [k for k in caps if k.startswith("attn.")]
        last = os.path.join(out, stem, attn_stages[-1][len("attn."):])
        worst["rollout"] = close(f"{stem}/rollout", np.load(os.path.join(last, "rollout.npy")),
                                 ref.rollout([caps[k].numpy() for k in attn_stages], prefix, h, w), 1e-4, 1e-7)
    assert checked == len(images) * len(manifest["stages"]) and checked > 0, checked
    print(f"{checked} image x stage pairs match numpy; worst abs error: " +
          ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))


if __name__ == "__main__":
    main()
