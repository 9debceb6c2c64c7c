#!/usr/bin/python3
"""run --figure-format png,pdf,svg: every figure is written in all three formats with one layout. The PDF,
rendered by Poppler (pdftoppm, independent of Qt) at the PNG's resolution, has at every token-cell centre of
a map figure exactly the PNG's colour, and the whole page matches the PNG (same layout, text that differs
only in anti-aliasing). The SVG draws token cells as shapes; its only embedded pictures are the colorbar
gradient and, on overlays, the photo."""
import argparse
import glob
import os
import shutil
import subprocess

import numpy as np
from PIL import Image


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    demo = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-llama")
    image = os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "resources", "demo", "astronaut.png")
    out = os.path.join(a.work, "out")
    r = subprocess.run([a.cli, "run", "--plugin", demo, "--input", image, "--out", out, "--stages", "embed,llm.block",
                        "--analyses", "activation,attention", "--figure-format", "png,pdf,svg"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    pngs = sorted(glob.glob(os.path.join(out, "astronaut", "*", "*.png")))
    names = [os.path.relpath(p, os.path.join(out, "astronaut")) for p in pngs]
    assert names == ["embed/activation.png", "embed/activation_overlay.png", "llm.block/activation.png",
                     "llm.block/activation_overlay.png", "llm.block/attn_heads.png", "llm.block/rollout.png",
                     "llm.block/rollout_overlay.png"], names
    for png in pngs:
        stem = png[:-4]
        for ext in [".pdf", ".svg"]:
            assert os.path.getsize(stem + ext) > 0, stem + ext
        assert open(stem + ".pdf", "rb").read(5) == b"%PDF-", stem
        svg = open(stem + ".svg").read()
        images = svg.count("<image")
        # Token cells are shapes (196 per map at least); on a single map the only pictures are the colorbar's
        # gradient and an overlay's photo (a grid embeds its photo once per cell).
        assert svg.count("<path") + svg.count("<rect") >= 196, stem
        if not png.endswith("_heads.png"):
            assert images == 1 + (1 if png.endswith("_overlay.png") else 0), (stem, images)
    print(f"ok  {len(pngs)} figures, each as PNG, PDF and SVG; SVG cells are shapes")

    checked = 0
    for stage in ["embed", "llm.block"]:
        stem = os.path.join(out, "astronaut", stage, "activation")
        png = np.asarray(Image.open(stem + ".png").convert("RGB")).astype(int)
        # --figure-scale 2 (default): 2 PNG pixels per point; 144 DPI renders the PDF on the same grid.
        subprocess.run(["pdftoppm", "-r", "144", "-png", "-singlefile", stem + ".pdf", stem + "_pdf"], check=True,
                       timeout=120)
        pdf = np.asarray(Image.open(stem + "_pdf.png").convert("RGB")).astype(int)
        assert pdf.shape == png.shape, (pdf.shape, png.shape)
        # The map: 14x14 cells in a 448-point square at (16, 42) points (MapFigurePainter's layout).
        for i in range(14):
            for j in range(14):
                x, y = int((16 + (j + 0.5) * 32) * 2), int((42 + (i + 0.5) * 32) * 2)
                assert (np.abs(pdf[y, x] - png[y, x]) <= 1).all(), (stage, i, j, pdf[y, x], png[y, x])
                checked += 1
        diff = np.abs(pdf - png).mean()
        assert diff < 3.0, (stage, diff)
        print(f"ok  {stage}: PDF render = PNG at all 196 cell centres; mean page difference {diff:.2f} grey levels")
    assert checked == 2 * 196

    # --figures overlay: only the overlays of each map (the grids still come), nothing else changes.
    only = os.path.join(a.work, "only")
    r = subprocess.run([a.cli, "run", "--plugin", demo, "--input", image, "--out", only, "--stages", "llm.block",
                        "--analyses", "activation", "--figures", "overlay"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    names = sorted(os.listdir(os.path.join(only, "astronaut", "llm.block")))
    assert "activation_overlay.png" in names and "activation.png" not in names, names
    assert "activation.npy" in names, names
    r = subprocess.run([a.cli, "run", "--plugin", demo, "--input", image, "--out", only, "--figures", "maps"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 2 and 'unknown figure kind "maps" (known: map, overlay)' in r.stderr, r.stderr
    print("ok  --figures overlay writes only overlays; a wrong kind is named")


if __name__ == "__main__":
    main()
