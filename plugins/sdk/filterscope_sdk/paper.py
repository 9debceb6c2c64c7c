"""Converting a trained checkpoint of the paper's image classifier (Pang et al., "Frozen Transformers in
Language Models Are Effective Visual Encoder Layers", github.com/ziqipang/LM4VisualEncoding) into an "llm"
plugin, so Filterscope shows the trained ViT-LLaMA and its ablations as variants.

The checkpoint is what the paper's main.py saves with torch.save: a dict whose "model" is the ViTLLaMA
state dict (timm-style ViT: patch_embed.proj, cls_token, pos_embed, blocks.{i}.{norm1,attn.qkv,attn.proj,
norm2,mlp.fc1,mlp.fc2}, norm, head; llama_dim_mapper1/2.weight; llama.layers.0.{attention.wq,…,
feed_forward.w1,…,attention_norm,ffn_norm}.weight; llama.norm.weight) and whose "args" is an argparse
Namespace (model name, input_size). Its forward, which the plugin reproduces:
    tokens = blocks(pos_embed + [cls; patch_embed(x)])
    tokens = llama_dim_mapper2(llama.norm(llama.layers.0(llama_dim_mapper1(tokens))))
    logits = head(norm(tokens)[:, 0])
The LLaMA layer runs without RoPE and without a causal mask (the paper's Attention.forward). The ViT's
head count is not in the weights: it comes from the model name (tiny 3, small 6, base 12) or heads=.
"""
import math
import os
from typing import Dict

import torch
from torch import Tensor, nn

from .attention import SdkError
from .composed import write_llm_plugin, write_meta_llama_layer

_HEADS = {"tiny": 3, "small": 6, "base": 12, "large": 16}
IMAGENET_MEAN, IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


class _ViTEncoder(nn.Module):
    """timm's ViT (DeiT) up to its last block, returning the captures Filterscope reads."""

    def __init__(self, sd: Dict[str, Tensor], heads: int, depth: int):
        super().__init__()
        w = sd["patch_embed.proj.weight"]
        dim, patch = w.shape[0], w.shape[-1]
        self.heads = heads
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.cls_token = nn.Parameter(sd["cls_token"].clone())
        self.pos_embed = nn.Parameter(sd["pos_embed"].clone())
        self.norm1 = nn.ModuleList([nn.LayerNorm(dim, eps=1e-6) for _ in range(depth)])
        self.qkv = nn.ModuleList([nn.Linear(dim, 3 * dim) for _ in range(depth)])
        self.proj = nn.ModuleList([nn.Linear(dim, dim) for _ in range(depth)])
        self.norm2 = nn.ModuleList([nn.LayerNorm(dim, eps=1e-6) for _ in range(depth)])
        hidden = sd["blocks.0.mlp.fc1.weight"].shape[0]
        self.fc1 = nn.ModuleList([nn.Linear(dim, hidden) for _ in range(depth)])
        self.fc2 = nn.ModuleList([nn.Linear(hidden, dim) for _ in range(depth)])
        own = {"patch_embed.weight": "patch_embed.proj.weight", "patch_embed.bias": "patch_embed.proj.bias"}
        for i in range(depth):
            for mine, theirs in (("norm1", "norm1"), ("qkv", "attn.qkv"), ("proj", "attn.proj"), ("norm2", "norm2"),
                                 ("fc1", "mlp.fc1"), ("fc2", "mlp.fc2")):
                for p in ("weight", "bias"):
                    own[f"{mine}.{i}.{p}"] = f"blocks.{i}.{theirs}.{p}"
        state = {k: sd[v] for k, v in own.items()}
        state["cls_token"], state["pos_embed"] = sd["cls_token"], sd["pos_embed"]
        self.load_state_dict(state, strict=True)

    def forward(self, image: Tensor) -> Dict[str, Tensor]:
        out: Dict[str, Tensor] = {}
        x = self.patch_embed(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        out["tokens.embed"] = x
        i = 0
        for norm1, qkv, proj, norm2, fc1, fc2 in zip(self.norm1, self.qkv, self.proj, self.norm2, self.fc1, self.fc2):
            i += 1
            b, n, c = x.shape
            t = qkv(norm1(x)).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
            attn = ((t[0] @ t[1].transpose(-2, -1)) * (c // self.heads) ** -0.5).softmax(dim=-1)
            x = x + proj((attn @ t[2]).transpose(1, 2).reshape(b, n, c))
            x = x + fc2(nn.functional.gelu(fc1(norm2(x))))
            out["attn.block" + str(i)] = attn
            out["tokens.block" + str(i)] = x
        return out


class _Tail(nn.Module):
    def __init__(self, sd: Dict[str, Tensor]):
        super().__init__()
        dim = sd["norm.weight"].shape[0]
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, sd["head.weight"].shape[0])
        self.load_state_dict({"norm.weight": sd["norm.weight"], "norm.bias": sd["norm.bias"],
                              "head.weight": sd["head.weight"], "head.bias": sd["head.bias"]})

    def forward(self, tokens: Tensor) -> Dict[str, Tensor]:
        x = self.norm(tokens)
        return {"tokens.norm": x, "logits": self.head(x[:, 0])}


def _load(path):
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:  # PyTorch before 1.13 has no weights_only
        return torch.load(path, map_location="cpu")


def convert_paper_checkpoint(checkpoint, out_dir, heads=None, llm_heads=None, image_size=None, norm_eps=1e-6,
                             plugin_id=None):
    """Writes an "llm" plugin for CHECKPOINT into OUT_DIR; returns its plugin.json as a dict."""
    ck = _load(checkpoint)
    sd = ck.get("model", ck) if isinstance(ck, dict) else None
    if not isinstance(sd, dict) or "llama_dim_mapper1.weight" not in sd:
        raise SdkError(f"{checkpoint}: no 'model' state dict with llama_dim_mapper1.weight: not a ViT-LLaMA "
                       "checkpoint of the paper's image classifier")
    sd = {k[len("module."):] if k.startswith("module.") else k: v.float() for k, v in sd.items() if torch.is_tensor(v)}
    args = ck.get("args") if isinstance(ck, dict) else None
    model_name = str(getattr(args, "model", ""))
    for key in ("patch_embed.proj.weight", "cls_token", "pos_embed", "norm.weight", "head.weight", "llama_dim_mapper2.weight"):
        if key not in sd:
            raise SdkError(f"{checkpoint}: the state dict has no '{key}'")
    dim, patch = sd["patch_embed.proj.weight"].shape[0], sd["patch_embed.proj.weight"].shape[-1]
    depth = 1 + max(int(k.split(".")[1]) for k in sd if k.startswith("blocks."))
    if heads is None:
        heads = next((h for size, h in _HEADS.items() if f"_{size}_" in model_name), None)
        if heads is None:
            raise SdkError(f"{checkpoint}: the ViT's head count is not in the weights and the model name "
                           f"'{model_name}' names no size (tiny, small, base, large): pass heads=")
    size = image_size or int(getattr(args, "input_size", 224))
    grid = size // patch
    if sd["pos_embed"].shape[1] != grid * grid + 1:
        raise SdkError(f"{checkpoint}: pos_embed has {sd['pos_embed'].shape[1]} positions, an input of {size} "
                       f"pixels with {patch}-pixel patches needs {grid * grid + 1}: pass image_size=")
    layers = sorted({int(k.split(".")[2]) for k in sd if k.startswith("llama.layers.")})
    if layers != [0]:
        raise SdkError(f"{checkpoint}: the LLaMA part holds layers {layers}; Filterscope composes exactly one")
    llm_dim = sd["llama_dim_mapper1.weight"].shape[0]
    llm_heads = llm_heads or (llm_dim // 128 if llm_dim % 128 == 0 else None)  # LLaMA's heads are 128 wide
    if not llm_heads:
        raise SdkError(f"{checkpoint}: LLaMA width {llm_dim} is not a multiple of 128: pass llm_heads=")

    os.makedirs(out_dir, exist_ok=True)
    encoder = torch.jit.script(_ViTEncoder(sd, heads, depth).eval())
    tail = torch.jit.script(_Tail(sd).eval())
    layer = {k[len("llama.layers.0."):]: v for k, v in sd.items() if k.startswith("llama.layers.0.")}
    layer.pop("attention.inner_attention.rope.freqs", None)
    write_meta_llama_layer(os.path.join(out_dir, "llama-layer"), layer, dim=llm_dim, heads=llm_heads, eps=norm_eps)
    stem = os.path.splitext(os.path.basename(checkpoint))[0]
    stages = [{"name": "embed", "label": "Patch embedding"}]
    stages += [{"name": f"block{i}", "label": f"ViT block {i}"} for i in range(1, depth + 1)]
    stages += [{"name": "llm.in", "label": f"Adapter in ({dim} to {llm_dim})"},
               {"name": "llm.block", "label": "Frozen LLaMA layer"}]
    if "llama.norm.weight" in sd:
        stages.append({"name": "llm.norm", "label": "LLaMA final norm"})
    stages += [{"name": "llm.out", "label": f"Adapter out ({llm_dim} to {dim})"}, {"name": "norm", "label": "Final norm"}]
    manifest = {"id": plugin_id or ("paper-" + "".join(c if c.isalnum() or c in "-_." else "-" for c in stem)),
                "name": f"{model_name or 'ViT-LLaMA'} ({stem})", "version": "1.0.0", "modality": "image",
                "input": {"size": [size, size], "mean": IMAGENET_MEAN, "std": IMAGENET_STD,
                          "resize": "shorter-crop", "interpolation": "bicubic", "crop_pct": 0.875,
                          "resample": "pil"},
                "tokens": {"layout": "grid", "grid": [grid, grid], "prefix": 1}, "stages": stages,
                "description": f"Converted from {os.path.basename(checkpoint)} (epoch {ck.get('epoch', '?')}): ViT with "
                               f"{depth} blocks, {dim}-d, {heads} heads; a frozen LLaMA layer {llm_dim}-d, {llm_heads} heads, "
                               "no RoPE, no causal mask, between two trained adapters. Preprocessing is DeiT's evaluation "
                               "transform: shorter side to int(size/0.875) with PIL's bicubic, then a centre crop.",
                "citation": "Pang, Z., Xie, Z., Man, Y., Wang, Y.-X. Frozen Transformers in Language Models Are Effective "
                            "Visual Encoder Layers. ICLR 2024 (arXiv:2310.12973)."}
    adapters_in, adapters_out = sd["llama_dim_mapper1.weight"], sd["llama_dim_mapper2.weight"]
    write_llm_plugin(out_dir, manifest, encoder, adapters_in, adapters_out, "llama-layer", layer=0,
                     tokens_stage=f"block{depth}", tail=tail, norm=sd.get("llama.norm.weight"), norm_eps=norm_eps)
    return manifest
