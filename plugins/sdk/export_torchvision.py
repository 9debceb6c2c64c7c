#!/usr/bin/python3
"""Exports a torchvision Vision Transformer as a Filterscope plugin, in one line:

    export_torchvision.py vit_b_16 OUT_DIR [--state-dict FILE] [--seed 0]

Models: vit_b_16, vit_b_32, vit_l_16 (torchvision >= 0.14). Stages: embed (patch embedding + position
embedding), block1 … blockL (every encoder layer, with the attention probabilities of each), norm (the final
LayerNorm). Preprocessing: torchvision's IMAGENET1K_V1 eval transform, reproduced exactly (Pillow resize of the
shorter side to resize_size, centre crop to crop_size, ImageNet mean/std: "resample": "pil", "crop_pct").
Without --state-dict the weights are random (seeded): a pipeline check, not a trained model; pass the file
torch.save(model.state_dict()) wrote to get the trained one. Then: filterscope-cli plugin check OUT_DIR.
"""
import argparse
import os
import sys

import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from filterscope_sdk import SdkError, export_plugin  # noqa: E402

WEIGHTS = {"vit_b_16": "ViT_B_16_Weights", "vit_b_32": "ViT_B_32_Weights", "vit_l_16": "ViT_L_16_Weights"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=sorted(WEIGHTS))
    ap.add_argument("out_dir")
    ap.add_argument("--state-dict", help="weights saved with torch.save(model.state_dict(), FILE)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random weights (without --state-dict)")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    model = getattr(torchvision.models, a.model)(weights=None)
    if a.state_dict:
        model.load_state_dict(torch.load(a.state_dict, map_location="cpu"))
    model.eval()
    # The eval transform's numbers come with the weights enum; reading them downloads nothing.
    t = torchvision.models.get_weight(WEIGHTS[a.model] + ".IMAGENET1K_V1").transforms()
    crop, resize = t.crop_size[0], t.resize_size[0]
    layers = list(model.encoder.layers)
    stages = {"embed": model.encoder.dropout}
    attention = {}
    for i, layer in enumerate(layers, 1):
        stages[f"block{i}"] = layer
        attention[f"block{i}"] = layer.self_attention
    stages["norm"] = model.encoder.ln
    grid = crop // model.patch_size
    spec = {"size": [crop, crop], "mean": list(t.mean), "std": list(t.std), "resize": "shorter-crop",
            "interpolation": t.interpolation.value, "crop_pct": crop / resize, "resample": "pil"}
    trained = "trained weights from " + os.path.basename(a.state_dict) if a.state_dict else \
        f"random weights (seed {a.seed}): a pipeline check, not a trained model"
    try:
        export_plugin(model, torch.zeros(1, 3, crop, crop), a.out_dir, f"torchvision-{a.model.replace('_', '-')}",
                      f"torchvision {a.model}", {"layout": "grid", "grid": [grid, grid], "prefix": 1}, spec,
                      stages=stages, attention=attention,
                      description=f"torchvision.models.{a.model}, {len(layers)} encoder layers; {trained}.",
                      citation="Dosovitskiy et al. An Image is Worth 16x16 Words. ICLR 2021 (arXiv:2010.11929).")
    except SdkError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {a.out_dir}: {len(stages)} stages, attention of {len(attention)}; next: "
          f"filterscope-cli plugin check {a.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
