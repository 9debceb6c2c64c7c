#!/usr/bin/python3
"""Exports a torchvision Vision Transformer or Swin Transformer as a Filterscope plugin, in one line:

    export_torchvision.py vit_b_16 OUT_DIR [--state-dict FILE] [--seed 0]

Models: vit_b_16, vit_b_32, vit_l_16, swin_t (torchvision >= 0.14).
ViT stages: embed (patch embedding + position embedding), block1 … blockL (every encoder layer, with the
attention probabilities of each), norm (the final LayerNorm).
Swin-T stages: stage1 … stage4 (56x56, 28x28, 14x14 and 7x7 tokens, no CLS), each on its own grid, with the
windowed attention of its last block (7x7 windows, shifted by 3 where the grid is larger than one window).
Preprocessing: torchvision's IMAGENET1K_V1 eval transform, reproduced exactly (Pillow resize of the shorter side
to resize_size, centre crop to crop_size, ImageNet mean/std: "resample": "pil", "crop_pct").
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

WEIGHTS = {"vit_b_16": "ViT_B_16_Weights", "vit_b_32": "ViT_B_32_Weights", "vit_l_16": "ViT_L_16_Weights",
           "swin_t": "Swin_T_Weights"}


def vit_parts(model, crop):
    """Stages, attention and token layout of a torchvision VisionTransformer."""
    layers = list(model.encoder.layers)
    stages = {"embed": model.encoder.dropout}
    attention = {}
    for i, layer in enumerate(layers, 1):
        stages[f"block{i}"] = layer
        attention[f"block{i}"] = layer.self_attention
    stages["norm"] = model.encoder.ln
    grid = crop // model.patch_size
    return dict(stages=stages, attention=attention, tokens={"layout": "grid", "grid": [grid, grid], "prefix": 1},
                description=f"{len(layers)} encoder layers",
                citation="Dosovitskiy et al. An Image is Worth 16x16 Words. ICLR 2021 (arXiv:2010.11929).")


def swin_parts(model, crop):
    """Swin's four stages on their own grids (channels-last [1,h,w,C] outputs), each with the windowed
    attention of its last block. torchvision does not shift a window that covers the whole grid."""
    stages, attention, grids, windows = {}, {}, {}, {}
    grid = crop // 4  # the 4x4 patch embedding
    for i, index in enumerate((1, 3, 5, 7), 1):
        name = f"stage{i}"
        stages[name] = model.features[index]
        block = model.features[index][-1]
        attention[name] = block.attn
        size = block.attn.window_size[0]
        grids[name] = [grid, grid]
        windows[name] = {"size": size, "shift": block.attn.shift_size[0] if size < grid else 0}
        grid //= 2
    return dict(stages=stages, attention=attention, stage_grids=grids, windows=windows,
                tokens={"layout": "grid", "grid": grids["stage1"], "prefix": 0},
                labels={f"stage{i}": f"Stage {i} ({g[0]}x{g[1]})" for i, g in enumerate(grids.values(), 1)},
                description="four stages of shifted-window attention (2, 2, 6, 2 blocks)",
                citation="Liu et al. Swin Transformer: Hierarchical Vision Transformer using Shifted Windows. "
                         "ICCV 2021 (arXiv:2103.14030).")


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
    parts = swin_parts(model, crop) if a.model.startswith("swin") else vit_parts(model, crop)
    spec = {"size": [crop, crop], "mean": list(t.mean), "std": list(t.std), "resize": "shorter-crop",
            "interpolation": t.interpolation.value, "crop_pct": crop / resize, "resample": "pil"}
    trained = "trained weights from " + os.path.basename(a.state_dict) if a.state_dict else \
        f"random weights (seed {a.seed}): a pipeline check, not a trained model"
    description = parts.pop("description")
    try:
        export_plugin(model, torch.zeros(1, 3, crop, crop), a.out_dir, f"torchvision-{a.model.replace('_', '-')}",
                      f"torchvision {a.model}", input_spec=spec,
                      description=f"torchvision.models.{a.model}, {description}; {trained}.", **parts)
    except SdkError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {a.out_dir}: {len(parts['stages'])} stages, attention of {len(parts['attention'])}; next: "
          f"filterscope-cli plugin check {a.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
