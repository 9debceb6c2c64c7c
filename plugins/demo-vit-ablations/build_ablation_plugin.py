#!/usr/bin/python3
"""Builds the demo "llm" plugin: the demo ViT's encoder, its two adapters and its LLaMA-style layer (the
same seed-0 weights as demo-vit-llama) written the way a researcher's real model would be: the encoder
exported through the SDK (hooks + attention capture), the tail as TorchScript, adapters as safetensors,
the LLM layer as a one-layer Hugging Face checkpoint.
Filterscope composes them and offers the paper's ablations as variants; the "llm" variant reproduces
demo-vit-llama and "baseline" reproduces demo-vit-baseline (tests check both).

Usage: build_ablation_plugin.py OUTPUT_DIR --manifest plugins/demo-vit-ablations/plugin.json
"""
import argparse
import os
import shutil
import sys
from typing import Dict

import torch
from torch import Tensor, nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "demo-vit-llama"))
sys.path.insert(0, os.path.join(HERE, "..", "sdk"))
from build_plugin import DemoViT, init_weights  # noqa: E402
from filterscope_sdk import save_safetensors, trace_captures, write_hf_llama_layer  # noqa: E402


class Encoder(nn.Module):
    """The encoder part of DemoViT as a researcher would have it: image in, tokens out, nothing captured by
    hand. The SDK's hooks and attention capture produce tokens.embed, tokens.block1..4 and attn.block1..4."""

    def __init__(self, vit: DemoViT):
        super().__init__()
        self.patch_embed, self.cls_token, self.pos_embed, self.blocks = vit.patch_embed, vit.cls_token, vit.pos_embed, vit.blocks
        self.embed = nn.Identity()  # a module to hook: the tokens after the position embedding

    def forward(self, image: Tensor) -> Tensor:
        x = self.patch_embed(image).flatten(2).transpose(1, 2)
        x = self.embed(torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed)
        for blk in self.blocks:
            x, _ = blk(x)
        return x


class Tail(nn.Module):
    def __init__(self, vit: DemoViT):
        super().__init__()
        self.norm, self.head = vit.norm, vit.head

    def forward(self, tokens: Tensor) -> Dict[str, Tensor]:
        x = self.norm(tokens)
        return {"tokens.norm": x, "logits": self.head(x[:, 0])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--manifest", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    vit = DemoViT(with_llm=True)
    init_weights(vit)
    vit.eval()
    os.makedirs(a.out_dir, exist_ok=True)
    encoder = Encoder(vit)
    stages = {"embed": encoder.embed, **{f"block{i + 1}": b for i, b in enumerate(encoder.blocks)}}
    attention = {f"block{i + 1}": b.attn for i, b in enumerate(encoder.blocks)}
    traced, _ = trace_captures(encoder, torch.zeros(1, 3, 224, 224), stages, attention)
    traced.save(os.path.join(a.out_dir, "encoder.pt"))
    torch.jit.script(Tail(vit)).save(os.path.join(a.out_dir, "tail.pt"))
    save_safetensors({"in.weight": vit.llama_dim_mapper1.weight, "out.weight": vit.llama_dim_mapper2.weight},
                     os.path.join(a.out_dir, "adapters.safetensors"))
    llama = vit.llama
    weights = {"self_attn." + n + ".weight": getattr(llama.self_attn, n).weight for n in ("q_proj", "k_proj", "v_proj", "o_proj")}
    weights.update({"mlp." + n + ".weight": getattr(llama, n).weight for n in ("gate_proj", "up_proj", "down_proj")})
    weights["input_layernorm.weight"] = llama.input_layernorm.weight
    weights["post_attention_layernorm.weight"] = llama.post_attention_layernorm.weight
    write_hf_llama_layer(os.path.join(a.out_dir, "llama-demo"), weights, hidden=llama.self_attn.q_proj.weight.shape[0],
                         heads=llama.self_attn.heads, intermediate=llama.gate_proj.weight.shape[0])
    shutil.copyfile(a.manifest, os.path.join(a.out_dir, "plugin.json"))


if __name__ == "__main__":
    main()
