#!/usr/bin/python3
"""Benchmark of the dataset probe: inputs per second for a two-model probe (the paper's question: with
and without the frozen LLM block) and the share of the time spent outside the forward passes (goal: under
10%). Runs on ViT-Base-sized models built here with the demo's code (12 blocks of 768, a 1024-wide
LLaMA-style layer, random weights) and on the tiny demo plugins, over copies of the shared photos with
masks.

usage: /usr/bin/python3 tests/bench/bench_probe.py BUILD_DIR [--inputs 24]"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def base_sized_plugins(work):
    sys.path.insert(0, os.path.join(SOURCE, "plugins", "demo-vit-llama"))
    import build_plugin as bp  # noqa: E402
    bp.DIM, bp.HEADS, bp.DEPTH = 768, 12, 12
    bp.LLM_DIM, bp.LLM_HEADS, bp.LLM_HIDDEN = 1024, 8, 2816
    out = []
    for variant, name in [("llm", "vitb-llama"), ("baseline", "vitb-baseline")]:
        d = os.path.join(work, name)
        bp.build(d, variant)
        manifest = json.load(open(os.path.join(SOURCE, "plugins", "demo-vit-" + ("llama" if variant == "llm" else "baseline"),
                                               "plugin.json")))
        manifest["id"] = name
        manifest["name"] = name
        json.dump(manifest, open(os.path.join(d, "plugin.json"), "w"))
        out.append(d)
    return out


def probe(cli, plugins, data, out):
    r = subprocess.run([cli, "probe", "--plugin", *plugins, "--input", data, "--masks", data, "--out", out,
                        "--device", "cpu"], capture_output=True, text=True, timeout=3600)
    if r.returncode != 0:
        sys.exit(r.stderr)
    m = re.search(r"(\d+) items computed.*\ntime: ([\d.]+) s, of which forward passes ([\d.]+) s", r.stderr)
    items, total, forward = int(m.group(1)), float(m.group(2)), float(m.group(3))
    return items, total, forward


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--inputs", type=int, default=24)
    a = ap.parse_args()
    cli = os.path.join(a.build, "bin", "filterscope-cli")
    shared = os.path.join(SOURCE, "..", "shared", "data", "masks")
    work = tempfile.mkdtemp(prefix="bench-probe-")
    try:
        data = os.path.join(work, "data")
        os.makedirs(data)
        photos = sorted(f for f in os.listdir(shared) if not os.path.splitext(f)[0].endswith("_mask"))
        for i in range(a.inputs):
            f = photos[i % len(photos)]
            stem, ext = os.path.splitext(f)
            shutil.copy(os.path.join(shared, f), os.path.join(data, f"{stem}_{i}{ext}"))
            shutil.copy(os.path.join(shared, stem + "_mask.png"), os.path.join(data, f"{stem}_{i}_mask.png"))
        print(f"{a.inputs} photos with masks, 2 models, figures off; {os.cpu_count()} cores")
        print(f"{'models':<34} {'inputs/s':>9} {'outside forward':>16}")
        demo = [os.path.join(a.build, "plugins", p) for p in ("demo-vit-llama", "demo-vit-baseline")]
        for label, plugins in [("demo ViT-Tiny + LLaMA-style / baseline", demo),
                               ("ViT-Base + 1024-d LLaMA layer / baseline", base_sized_plugins(work))]:
            items, total, forward = probe(cli, plugins, data, os.path.join(work, "out-" + str(len(label))))
            print(f"{label:<34} {items / 2 / total:>9.2f} {100 * (total - forward) / total:>15.1f}%")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
