#!/usr/bin/python3
"""Converts a trained checkpoint of the paper's ViT-LLaMA image classifier into a Filterscope plugin.

    convert_paper_checkpoint.py checkpoint.pth OUT_DIR [--heads 6] [--llm-heads 32] [--image-size 224]

OUT_DIR then holds encoder.pt, tail.pt, adapters.safetensors, llama-layer/ (Meta format) and plugin.json;
open it in Filterscope and compare the variants (+LLM layer, +random block, +identity, baseline) in the
Variants menu, or run filterscope-cli run --plugin OUT_DIR --variant NAME.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from filterscope_sdk import SdkError, convert_paper_checkpoint  # noqa: E402

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("out_dir")
    ap.add_argument("--heads", type=int, help="ViT attention heads (default: from the model name)")
    ap.add_argument("--llm-heads", type=int, help="LLaMA attention heads (default: width / 128)")
    ap.add_argument("--image-size", type=int, help="input size (default: args.input_size or 224)")
    ap.add_argument("--norm-eps", type=float, default=1e-6, help="LLaMA RMSNorm epsilon (LLaMA-1: 1e-6)")
    ap.add_argument("--id", help="plugin id (default: paper-<checkpoint name>)")
    a = ap.parse_args()
    try:
        m = convert_paper_checkpoint(a.checkpoint, a.out_dir, heads=a.heads, llm_heads=a.llm_heads,
                                     image_size=a.image_size, norm_eps=a.norm_eps, plugin_id=a.id)
    except (SdkError, OSError, KeyError) as e:
        sys.exit(f"error: {e}")
    print(f"wrote plugin '{m['id']}' to {a.out_dir}")
