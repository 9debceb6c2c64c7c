#!/usr/bin/python3
"""The batch against the Python path researchers use today, on the same real photos, one process run each:

  Python: PyTorch runs the plugin's TorchScript model, numpy computes the activation and frequency maps of
          every stage (tests/python/reference_analyses.py), matplotlib writes one 400x400 px overlay with
          colorbar per map (the usual imshow + imshow(alpha) + colorbar + savefig).
  Filterscope: filterscope-cli run --analyses activation,freq --figures overlay --figure-scale 1.

Prints both wall times (whole process: start-up, model load, every input), the ratio, and checks that the
numbers agree to 1e-4. Usage: bench_figures_vs_python.py BUILD_DIR [--images N]"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_PATH = r'''
import json, os, sys
import numpy as np, torch
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
sys.path.insert(0, sys.argv[1])
import reference_analyses as ref
from check_demo_maps import normalise, prepare_rgb
plugin, out = sys.argv[2], sys.argv[3]
spec = json.load(open(os.path.join(plugin, "plugin.json")))
model = torch.jit.load(os.path.join(plugin, "model.pt")).eval()
h, w = spec["tokens"]["grid"]
prefix = spec["tokens"]["prefix"]
torch.set_grad_enabled(False)
for path in sys.argv[4:]:
    rgb = prepare_rgb(path, spec["input"])
    caps = model(normalise(rgb, spec["input"]))
    stem = os.path.splitext(os.path.basename(path))[0]
    for key, t in caps.items():
        if not key.startswith("tokens."):
            continue
        stage = key[len("tokens."):]
        tokens = t.numpy()
        for name, m in (("activation", ref.activation_map(tokens, prefix, h, w)),
                        ("freq", ref.freq_map(tokens, prefix, h, w))):
            d = os.path.join(out, stem, stage)
            os.makedirs(d, exist_ok=True)
            np.save(os.path.join(d, name + ".npy"), m.astype(np.float32))
            fig, ax = plt.subplots(figsize=(4, 4), dpi=100)
            ax.imshow(rgb)
            im = ax.imshow(m, alpha=0.6, cmap="viridis", interpolation="nearest",
                           extent=(0, rgb.shape[1], rgb.shape[0], 0))
            fig.colorbar(im, ax=ax, fraction=0.046)
            ax.set_title(f"{stem} | {stage} | {name}")
            ax.axis("off")
            fig.savefig(os.path.join(d, name + "_overlay.png"))
            plt.close(fig)
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--images", type=int, default=8)
    a = ap.parse_args()
    shared = os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared", "data")
    photos = sorted(glob.glob(os.path.join(shared, "masks", "*.jpg"))) + [os.path.join(shared, "images", "coffee.png")]
    photos = photos[:a.images]
    assert len(photos) == a.images, photos
    plugin = os.path.join(a.build, "plugins", "demo-vit-llama")
    cli = os.path.join(a.build, "bin", "filterscope-cli")
    work = tempfile.mkdtemp()
    try:
        py_out, fs_out = os.path.join(work, "python"), os.path.join(work, "filterscope")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", PYTHON_PATH, os.path.join(HERE, "..", "python"), plugin, py_out,
                        *photos], check=True, timeout=1800)
        python_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run([cli, "run", "--plugin", plugin, "--input", *photos, "--out", fs_out, "--analyses",
                        "activation,freq", "--figures", "overlay", "--figure-scale", "1", "--quiet"], check=True,
                       timeout=1800)
        filterscope_s = time.perf_counter() - t0
        maps = worst = 0
        for f in glob.glob(os.path.join(py_out, "*", "*", "*.npy")):
            rel = os.path.relpath(f, py_out)
            got = np.load(os.path.join(fs_out, rel))
            want = np.load(f)
            worst = max(worst, float(np.abs(got - want).max()))
            maps += 1
        figures_py = len(glob.glob(os.path.join(py_out, "*", "*", "*_overlay.png")))
        figures_fs = len(glob.glob(os.path.join(fs_out, "*", "*", "*_overlay.png")))
        print(f"{len(photos)} photos, {maps} maps, {figures_py} / {figures_fs} overlay figures (Python / Filterscope)")
        print(f"numbers: largest |difference| {worst:.2e} ({'equal to 1e-4' if worst <= 1e-4 else 'DIFFER'})")
        print(f"Python (PyTorch + numpy + matplotlib): {python_s:.2f} s")
        print(f"filterscope-cli run:                   {filterscope_s:.2f} s")
        print(f"ratio: Filterscope is {python_s / filterscope_s:.1f}x faster end to end")
        return 0 if worst <= 1e-4 and figures_py == figures_fs == maps else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
