#!/usr/bin/python3
"""The paper's (timm/DeiT eval) preprocessing, `"resample": "pil"` with `"crop_pct"`, against Debian's PIL
and torchvision 0.14's rounding rules written out here: Image.open(...).convert("RGB"), Resize on the
shorter side to int(size / crop_pct) (longer side int(new_short * long / short)) or to (int(H/p), int(W/p)),
PIL's bicubic/bilinear resampling, CenterCrop at int(round((h - th) / 2)). Real photos of odd sizes, a
greyscale JPEG, an upscaled small image. Then the maps of a plugin with that preprocessing against the same
model run in PyTorch on the PIL-prepared input, computed with numpy."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
import reference_analyses as ref  # noqa: E402
from check_demo_maps import close  # noqa: E402

FILTERS = {"bicubic": Image.BICUBIC, "bilinear": Image.BILINEAR}


def pil_prepare(path, spec):
    """uint8 [H,W,3] as timm's eval transform (torchvision 0.14 Resize + CenterCrop) makes it."""
    img = Image.open(path).convert("RGB")
    H, W = spec["size"]
    p = spec.get("crop_pct", 1.0)
    w0, h0 = img.size
    if spec.get("resize", "stretch") == "shorter-crop":
        new_short = int(max(H, W) / p)
        short, long = (w0, h0) if w0 <= h0 else (h0, w0)
        new_long = int(new_short * long / short)
        size = (new_short, new_long) if w0 <= h0 else (new_long, new_short)  # PIL sizes are (w, h)
    else:
        size = (int(W / p), int(H / p))
    if size != img.size:
        img = img.resize(size, FILTERS[spec.get("interpolation", "bilinear")])
    top = int(round((size[1] - H) / 2.0))
    left = int(round((size[0] - W) / 2.0))
    return np.asarray(img.crop((left, top, left + W, top + H)))


def to_tensor(u8, spec):
    x = u8.astype(np.float32) / np.float32(255.0)
    x = (x - np.array(spec["mean"], np.float32)) / np.array(spec["std"], np.float32)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1))[None])


def make_images(work, src, shared):
    """Real photos cut to odd sizes, a greyscale JPEG and a small image that must be enlarged."""
    out = []
    astronaut = Image.open(os.path.join(src, "resources", "demo", "astronaut.png")).convert("RGB")
    astronaut.crop((30, 100, 481, 400)).save(os.path.join(work, "astronaut_451x300.png"))
    out.append(os.path.join(work, "astronaut_451x300.png"))
    astronaut.convert("L").crop((0, 0, 299, 451)).save(os.path.join(work, "grey_299x451.jpg"), quality=90)
    out.append(os.path.join(work, "grey_299x451.jpg"))
    astronaut.resize((97, 61), Image.BILINEAR).save(os.path.join(work, "small_97x61.png"))
    out.append(os.path.join(work, "small_97x61.png"))
    masks = os.path.join(shared, "masks")
    if os.path.isdir(masks):
        photos = sorted(f for f in os.listdir(masks) if f.endswith(".jpg"))
        assert photos, masks
        out += [os.path.join(masks, f) for f in photos]  # JPEGs of 640x536, 480x640, 500x333, ...
        coffee = Image.open(os.path.join(shared, "images", "coffee.png")).convert("RGB")
        coffee.crop((0, 0, 640, 427)).resize((640, 427)).save(os.path.join(work, "coffee_640x427.png"))
        out.append(os.path.join(work, "coffee_640x427.png"))
    return out


def write_plugin(directory, demo, spec):
    os.makedirs(directory, exist_ok=True)
    shutil.copy(os.path.join(demo, "model.pt"), directory)
    manifest = json.load(open(os.path.join(demo, "plugin.json")))
    manifest["input"] = spec
    json.dump(manifest, open(os.path.join(directory, "plugin.json"), "w"))
    return manifest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    build, src = os.environ["FILTERSCOPE_BUILD_DIR"], os.environ["FILTERSCOPE_SOURCE_DIR"]
    demo = os.path.join(build, "plugins", "demo-vit-llama")
    dump = os.path.join(build, "bin", "image_prepare_dump")
    images = make_images(a.work, src, os.environ.get("FILTERSCOPE_SHARED_DATA", ""))
    if os.environ.get("FILTERSCOPE_SANITIZED"):
        # Under the sanitizers each image costs a 3 s program start: the synthetic odd sizes, two photos
        # and the last (coffee) exercise the same code as all twelve.
        images = images[:5] + images[-1:]
    norm = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}
    specs = {
        "paper-eval": dict(size=[224, 224], resize="shorter-crop", interpolation="bicubic", crop_pct=0.875,
                           resample="pil", **norm),
        "bilinear-nonsquare": dict(size=[160, 208], resize="shorter-crop", interpolation="bilinear", crop_pct=0.9,
                                   resample="pil", **norm),
        "stretch-crop": dict(size=[224, 224], resize="stretch", interpolation="bicubic", crop_pct=0.95,
                             resample="pil", **norm),
    }
    pixels = differing = worst = 0
    for name, spec in specs.items():
        plugin = os.path.join(a.work, "plugins", name)
        write_plugin(plugin, demo, spec)
        for image in images:
            out = os.path.join(a.work, name + "_" + os.path.basename(image) + ".npy")
            r = subprocess.run([dump, plugin, image, out], capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, r.stderr
            got = np.load(out)
            want = pil_prepare(image, spec).astype(np.float32)
            assert got.shape == want.shape, (name, image, got.shape, want.shape)
            diff = np.abs(got - want)
            pixels += diff.size
            differing += int((diff > 0).sum())
            worst = max(worst, float(diff.max()))
            assert diff.max() <= 1 and (diff > 0).mean() < 1e-3, (name, image, diff.max(), (diff > 0).mean())
    assert pixels > 0
    print(f"ok  {len(images)} images x {len(specs)} preprocessings: {differing} of {pixels} values differ from "
          f"PIL (worst {worst:.0f} levels)")

    # The maps of a plugin with the paper's preprocessing against PIL + PyTorch + numpy.
    spec = specs["paper-eval"]
    plugin = os.path.join(a.work, "plugins", "paper-eval")
    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    h, w = manifest["tokens"]["grid"]
    prefix = manifest["tokens"]["prefix"]
    out = os.path.join(a.work, "out")
    chosen = images[:2] + images[-1:]
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", *chosen, "--out", out, "--analyses",
                        "norm,activation", "--no-figures", "--device", "cpu"], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    checked, err = 0, 0.0
    for image in chosen:
        stem = os.path.splitext(os.path.basename(image))[0]
        with torch.no_grad():
            caps = model(to_tensor(pil_prepare(image, spec), spec))
        for stage in ["embed", "block4", "llm.block", "norm"]:
            t = caps["tokens." + stage].numpy()
            d = os.path.join(out, stem, stage)
            err = max(err, close(f"{stem}/{stage}/norm", np.load(os.path.join(d, "norm.npy")),
                                 ref.norm_map(t, prefix, h, w), 1e-5, 1e-5))
            err = max(err, close(f"{stem}/{stage}/activation", np.load(os.path.join(d, "activation.npy")),
                                 ref.activation_map(t, prefix, h, w), 1e-5, 1e-5))
            checked += 1
    assert checked == 4 * len(chosen)
    print(f"ok  {checked} image x stage maps with the paper's preprocessing match PIL + PyTorch + numpy "
          f"(worst abs error {err:.1e})")


if __name__ == "__main__":
    main()
