#!/usr/bin/python3
"""File > Export View is the batch's figure. `filterscope --export` (the window's Export View without a
window) and `filterscope-cli run --figures overlay --figure-scale` at the same size write the same figure:
PNG at 300 DPI equal pixel for pixel up to anti-aliasing, PDF equal once both are rendered by Poppler, SVG
equal but for its title. The export is white, tight (map and colorbar fill most of it), exactly as wide as
--size asks, and its errors name what is wrong. Inputs: real photos from ../shared/data, not the demo's."""
import argparse
import os
import re
import shutil
import subprocess

import numpy as np
from PIL import Image


def run(args, code=0):
    r = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert r.returncode == code, (args, r.returncode, r.stderr)
    return r


def pixels(path):
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def same_up_to_antialiasing(a, b, what):
    assert a.shape == b.shape, (what, a.shape, b.shape)
    d = np.abs(a - b).max(axis=2)
    far = int((d > 40).sum())
    assert far <= a.shape[0] * a.shape[1] * 0.001 and d.mean() < 0.5, (what, far, d.mean())
    return far, d.mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--gui", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    plugins = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins")
    demo, baseline = os.path.join(plugins, "demo-vit-llama"), os.path.join(plugins, "demo-vit-baseline")
    masks = os.path.join(os.environ["FILTERSCOPE_SHARED_DATA"], "masks")
    photo = os.path.join(a.work, "cat.jpg")
    shutil.copy(os.path.join(masks, "oxford_pet_maine_coon_201.jpg"), photo)
    w = lambda name: os.path.join(a.work, name)
    export = lambda *extra: [a.gui, "--plugin", demo, "--input", photo, "--device", "cpu", *extra]

    # The batch's overlay of the frozen block's activation at 300/72 px per point, in all three formats.
    run([a.cli, "run", "--plugin", demo, "--input", photo, "--out", w("cli"), "--stages", "llm.block",
         "--analyses", "activation", "--figures", "overlay", "--figure-scale", str(300 / 72),
         "--figure-format", "png,pdf,svg", "--device", "cpu", "--quiet"])
    batch = w("cli/cat/llm.block/activation_overlay")
    for ext in ["png", "pdf", "svg"]:
        r = run(export("--stage", "llm.block", "--map", "activation", "--export", w("view." + ext), "--dpi", "300"))
        assert "wrote " + w("view." + ext) in r.stderr, r.stderr
    png, ref = pixels(w("view.png")), pixels(batch + ".png")
    far, mean = same_up_to_antialiasing(png, ref, "png")
    print(f"ok  PNG at 300 DPI = the batch's overlay at 300/72 px/pt: {png.shape[1]}x{png.shape[0]}, "
          f"{far} pixels differ by more than 40 levels, mean difference {mean:.3f}")
    for pdf in [w("view.pdf"), batch + ".pdf"]:
        run(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, pdf[:-4] + "_pdf"])
    same_up_to_antialiasing(pixels(w("view_pdf.png")), pixels(batch + "_pdf.png"), "pdf")
    untitled = lambda path: re.sub(r"<title>.*?</title>", "", open(path).read(), flags=re.S)
    assert untitled(w("view.svg")) == untitled(batch + ".svg"), "svg differs"
    print("ok  the PDF (rendered by pdftoppm) and the SVG (but for its title) are the batch's too")

    # White and tight: the edges are paper, the map and its colorbar take most of the figure.
    assert (png[0] == 255).all() and (png[-1] == 255).all() and (png[:, 0] == 255).all() and (png[:, -1] == 255).all()
    colourful = (png.max(axis=2) - png.min(axis=2)) > 30
    rows, cols = np.where(colourful)
    box = (rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1) / (png.shape[0] * png.shape[1])
    assert box > 0.6, box
    print(f"ok  white edges; map and colorbar span {box:.0%} of the figure")

    # --size: the width asked for, exactly; with a height, the figure fits it. Text keeps its size.
    run(export("--map", "norm", "--export", w("column.png"), "--dpi", "300", "--size", "3.5in"))
    column = Image.open(w("column.png"))
    assert column.size[0] == 1050, column.size
    assert abs(column.info["dpi"][0] - 300) < 0.5, column.info
    run(export("--map", "norm", "--export", w("box.png"), "--dpi", "72", "--size", "10x6cm"))
    boxed = Image.open(w("box.png")).size
    assert boxed[0] <= round(10 / 2.54 * 72) and boxed[1] <= round(6 / 2.54 * 72) + 1, boxed
    print(f"ok  --size 3.5in at 300 DPI: {column.size[0]} px wide; 10x6cm fits in {boxed}")

    # Compare mode: A, B and A - B in one figure, the difference on the diverging map.
    r = run(export("--compare", baseline, "--map", "activation", "--export", w("compare.png"), "--dpi", "96"))
    cmp = pixels(w("compare.png"))
    assert cmp.shape[1] > 2 * cmp.shape[0], cmp.shape
    reds = ((cmp[..., 0] > 150) & (cmp[..., 2] < 90)).sum()
    blues = ((cmp[..., 2] > 150) & (cmp[..., 0] < 90)).sum()
    assert reds > 100 and blues > 100, (reds, blues)
    print(f"ok  compare export: A, B and A - B side by side ({cmp.shape[1]}x{cmp.shape[0]} px)")

    # Errors name what is wrong; nothing is written.
    bad = lambda extra, code, text: (lambda r: (text in r.stderr or print(r.stderr)) and text in r.stderr)(
        run(export(*extra), code))
    assert bad(["--map", "heat", "--export", w("x.png")], 2, '--map "heat" is not a map')
    assert bad(["--stage", "block9", "--export", w("x.png")], 2,
               "plugin 'demo-vit-llama' has no stage \"block9\" (stages: embed, block1")
    assert bad(["--size", "wide", "--export", w("x.png")], 2, '--size "wide": "wide" is not a length above 0')
    assert bad(["--size", "1in", "--export", w("x.png")], 2, "leaves the map")
    assert bad(["--export", w("x.bmp")], 2, "unknown figure format \"bmp\"")
    assert bad(["--dpi", "lots", "--export", w("x.png")], 2, '--dpi must be a whole number from 18 to 2400')
    broken = w("broken.png")
    open(broken, "wb").write(b"\x89PNG\r\n\x1a\n not an image")
    r = run([a.gui, "--plugin", demo, "--input", broken, "--export", w("x.png")], 1)
    assert broken + ": damaged PNG (libpng: [20]an[20]: invalid chunk type)" in r.stderr, r.stderr
    assert not os.path.exists(w("x.png")) and not os.path.exists(w("x.bmp"))
    print("ok  bad --map, --stage, --size, --dpi, suffix and input: exit 2 or 1, each named, nothing written")


if __name__ == "__main__":
    main()
