#!/usr/bin/python3
"""Builds the demo image plugin: a small ViT, then a frozen LLaMA-style block between two linear
adapters (the layout of Pang et al. 2023, "Frozen Transformers in Language Models Are Effective Visual
Encoder Layers"), scripted to TorchScript with every capture the plugin contract asks for.

Weights are random (torch.manual_seed(0), ViT-style init), not trained: the plugin exists to exercise the
pipeline end to end, not to make claims about the hypothesis. Same torch version -> same weights.

The `qformer` variant puts a BLIP-2-style Q-Former (learned queries; query self-attention, cross-
attention to the encoder's tokens) after the same ViT, for the DeCo-style query relevance views.

The `video` variant embeds 2x16x16 tubelets (Conv3d) of 8 frames at 112x112: 4 token-time steps of
7x7 tokens, then the same blocks and frozen LLaMA-style block.

The `pointcloud` variant is Point-BERT-like: farthest-point sampling of 32 group centres (from point 0),
32 nearest neighbours each, a mini-PointNet per group, the same blocks and frozen LLaMA-style block; it
returns `centers` and `group_index` so group tokens map back to points.

Usage: build_plugin.py OUTPUT_DIR [--variant llm|baseline|qformer|video|pointcloud]
"""
import argparse
import math
import os
import shutil
from typing import Dict, Tuple

import torch
from torch import Tensor, nn

IMAGE = 224
PATCH = 16
DIM = 192
DEPTH = 4
HEADS = 3
LLM_DIM = 256
LLM_HEADS = 4
LLM_HIDDEN = 688
CLASSES = 10


class Attention(nn.Module):
    """timm-style fused-qkv self-attention that also returns its softmax probabilities."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = ((q @ k.transpose(-2, -1)) * self.scale).softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(b, n, c)
        return self.proj(out), attn


class Block(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        y, attn = self.attn(self.norm1(x))
        x = x + y
        x = x + self.mlp(self.norm2(x))
        return x, attn


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: Tensor) -> Tensor:
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


class LlamaAttention(nn.Module):
    """LLaMA attention without RoPE and without a causal mask, as the paper uses it on visual tokens."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.head_dim = dim // heads
        self.q_proj = nn.Linear(dim, dim, bias=False)
        self.k_proj = nn.Linear(dim, dim, bias=False)
        self.v_proj = nn.Linear(dim, dim, bias=False)
        self.o_proj = nn.Linear(dim, dim, bias=False)

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        b, n, c = x.shape
        q = self.q_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        attn = (q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)).softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(b, n, c)
        return self.o_proj(out), attn


class LlamaBlock(nn.Module):
    def __init__(self, dim: int, heads: int, hidden: int):
        super().__init__()
        self.input_layernorm = RMSNorm(dim)
        self.self_attn = LlamaAttention(dim, heads)
        self.post_attention_layernorm = RMSNorm(dim)
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        y, attn = self.self_attn(self.input_layernorm(x))
        h = x + y
        z = self.post_attention_layernorm(h)
        h = h + self.down_proj(nn.functional.silu(self.gate_proj(z)) * self.up_proj(z))
        return h, attn


class DemoViT(nn.Module):
    def __init__(self, with_llm: bool):
        super().__init__()
        self.with_llm = with_llm
        self.patch_embed = nn.Conv2d(3, DIM, PATCH, PATCH)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, DIM))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + (IMAGE // PATCH) ** 2, DIM))
        self.blocks = nn.ModuleList([Block(DIM, HEADS) for _ in range(DEPTH)])
        self.llama_dim_mapper1 = nn.Linear(DIM, LLM_DIM, bias=False)
        self.llama = LlamaBlock(LLM_DIM, LLM_HEADS, LLM_HIDDEN)
        self.llama_dim_mapper2 = nn.Linear(LLM_DIM, DIM, bias=False)
        self.norm = nn.LayerNorm(DIM, eps=1e-6)
        self.head = nn.Linear(DIM, CLASSES)
        for p in self.llama.parameters():  # the LLM block is frozen, as in the paper
            p.requires_grad_(False)

    def forward(self, image: Tensor) -> Dict[str, Tensor]:
        out: Dict[str, Tensor] = {}
        x = self.patch_embed(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        out["tokens.embed"] = x
        i = 0
        for blk in self.blocks:
            i += 1
            x, attn = blk(x)
            out["attn.block" + str(i)] = attn
            out["tokens.block" + str(i)] = x
        if self.with_llm:
            x = self.llama_dim_mapper1(x)
            out["tokens.llm.adapter_in"] = x
            x, attn = self.llama(x)
            out["attn.llm.block"] = attn
            out["tokens.llm.block"] = x
            x = self.llama_dim_mapper2(x)
            out["tokens.llm.adapter_out"] = x
        x = self.norm(x)
        out["tokens.norm"] = x
        out["logits"] = self.head(x[:, 0])
        return out


QUERIES = 32
QFORMER_LAYERS = 2


class CrossAttention(nn.Module):
    """Queries attend to encoder tokens; returns the softmax probabilities [B,H,M,N]."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, queries: Tensor, tokens: Tensor) -> Tuple[Tensor, Tensor]:
        b, m, c = queries.shape
        n = tokens.shape[1]
        q = self.q(queries).reshape(b, m, self.heads, c // self.heads).transpose(1, 2)
        kv = self.kv(tokens).reshape(b, n, 2, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        attn = ((q @ kv[0].transpose(-2, -1)) * self.scale).softmax(dim=-1)
        out = (attn @ kv[1]).transpose(1, 2).reshape(b, m, c)
        return self.proj(out), attn


class QFormerLayer(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.self_attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.cross_attn = CrossAttention(dim, heads)
        self.norm3 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, q: Tensor, tokens: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
        y, self_attn = self.self_attn(self.norm1(q))
        q = q + y
        y, cross = self.cross_attn(self.norm2(q), tokens)
        q = q + y
        q = q + self.mlp(self.norm3(q))
        return q, self_attn, cross


class DemoQFormer(nn.Module):
    """The demo ViT as a frozen encoder, then a Q-Former of QUERIES learned queries."""

    def __init__(self):
        super().__init__()
        self.encoder = DemoViT(with_llm=False)
        self.queries = nn.Parameter(torch.zeros(1, QUERIES, DIM))
        self.layers = nn.ModuleList([QFormerLayer(DIM, HEADS) for _ in range(QFORMER_LAYERS)])
        self.head = nn.Linear(DIM, CLASSES)

    def forward(self, image: Tensor) -> Dict[str, Tensor]:
        out = self.encoder(image)
        tokens = out["tokens.norm"]
        del out["logits"]
        q = self.queries.expand(image.shape[0], -1, -1)
        i = 0
        for layer in self.layers:
            i += 1
            q, self_attn, cross = layer(q, tokens)
            out["attn.qformer" + str(i)] = self_attn
            out["xattn.qformer" + str(i)] = cross
            out["tokens.qformer" + str(i)] = q
        out["logits"] = self.head(q.mean(dim=1))
        return out


GROUPS = 32
GROUP_SIZE = 32


class PointGroupTokenizer(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(3, 64), nn.GELU(), nn.Linear(64, DIM))
        self.pos = nn.Sequential(nn.Linear(3, 64), nn.GELU(), nn.Linear(64, DIM))
        self.groups = GROUPS  # module attributes: TorchScript does not close over globals
        self.group_size = GROUP_SIZE

    def forward(self, points: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
        p = points[0]
        dist = torch.full([p.shape[0]], 1e10, dtype=p.dtype, device=p.device)
        chosen = torch.zeros(self.groups, dtype=torch.long, device=p.device)
        current = 0
        for g in range(self.groups):
            chosen[g] = current
            dist = torch.minimum(dist, ((p - p[current]) ** 2).sum(-1))
            current = int(torch.argmax(dist).item())
        centers = p[chosen]
        knn = torch.cdist(centers, p).topk(self.group_size, dim=-1, largest=False).indices
        local = p[knn] - centers.unsqueeze(1)
        tokens = self.mlp(local).max(dim=1).values + self.pos(centers)
        return tokens.unsqueeze(0), centers.unsqueeze(0), knn.unsqueeze(0)


class DemoPointModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokenizer = PointGroupTokenizer()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, DIM))
        self.blocks = nn.ModuleList([Block(DIM, HEADS) for _ in range(DEPTH)])
        self.llama_dim_mapper1 = nn.Linear(DIM, LLM_DIM, bias=False)
        self.llama = LlamaBlock(LLM_DIM, LLM_HEADS, LLM_HIDDEN)
        self.llama_dim_mapper2 = nn.Linear(LLM_DIM, DIM, bias=False)
        self.norm = nn.LayerNorm(DIM, eps=1e-6)
        self.head = nn.Linear(DIM, CLASSES)
        for q in self.llama.parameters():
            q.requires_grad_(False)

    def forward(self, points: Tensor) -> Dict[str, Tensor]:
        out: Dict[str, Tensor] = {}
        tokens, centers, group_index = self.tokenizer(points)
        x = torch.cat([self.cls_token.expand(tokens.shape[0], -1, -1), tokens], dim=1)
        out["tokens.embed"] = x
        i = 0
        for blk in self.blocks:
            i += 1
            x, attn = blk(x)
            out["attn.block" + str(i)] = attn
            out["tokens.block" + str(i)] = x
        x = self.llama_dim_mapper1(x)
        out["tokens.llm.adapter_in"] = x
        x, attn = self.llama(x)
        out["attn.llm.block"] = attn
        out["tokens.llm.block"] = x
        x = self.llama_dim_mapper2(x)
        out["tokens.llm.adapter_out"] = x
        x = self.norm(x)
        out["tokens.norm"] = x
        out["centers"] = centers
        out["group_index"] = group_index
        out["logits"] = self.head(x[:, 0])
        return out


def init_qformer(model: DemoQFormer) -> None:
    init_weights(model.encoder)
    torch.manual_seed(1)
    for m in model.layers.modules():
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)
    # Learned queries differ strongly and the cross-attention projections are sharp enough that each
    # query picks out a few tokens, as trained Q-Formers do (random ViT-style init would give near-uniform
    # maps that all look alike).
    nn.init.normal_(model.queries, std=1.0)
    # Planted duplicates, the DeCo failure the views are for: query 5 repeats query 3; 11 and 12 repeat 10.
    with torch.no_grad():
        model.queries[0, 5] = model.queries[0, 3]
        model.queries[0, 11] = model.queries[0, 10]
        model.queries[0, 12] = model.queries[0, 10]
    for layer in model.layers:
        nn.init.normal_(layer.cross_attn.q.weight, std=0.25)
        nn.init.normal_(layer.cross_attn.kv.weight[:DIM], std=0.25)
    nn.init.trunc_normal_(model.head.weight, std=0.02)
    nn.init.zeros_(model.head.bias)


def init_weights(model: nn.Module) -> None:
    torch.manual_seed(0)
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
    nn.init.trunc_normal_(model.pos_embed, std=0.02)
    nn.init.trunc_normal_(model.cls_token, std=0.02)


def build(out_dir: str, variant: str) -> None:
    torch.set_num_threads(1)
    if variant == "pointcloud":
        model = DemoPointModel()
        torch.manual_seed(0)
        for m in model.modules():
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=0.02)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
        for m in model.tokenizer.modules():  # the tokenizer must see the geometry at a usable scale
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, std=0.5)
        nn.init.trunc_normal_(model.cls_token, std=0.02)
    elif variant == "video":
        model = DemoViT(with_llm=True)
        # 8 frames x 112 x 112 in 2x16x16 tubelets: 4 x 7 x 7 = 196 tokens, the image model's count.
        model.patch_embed = nn.Conv3d(3, DIM, (2, PATCH, PATCH), (2, PATCH, PATCH))
        init_weights(model)
    elif variant == "qformer":
        model = DemoQFormer()
        init_qformer(model)
    else:
        model = DemoViT(with_llm=(variant == "llm"))
        init_weights(model)
    model.eval()
    scripted = torch.jit.script(model)
    os.makedirs(out_dir, exist_ok=True)
    tmp = os.path.join(out_dir, "model.pt.tmp")
    scripted.save(tmp)
    os.replace(tmp, os.path.join(out_dir, "model.pt"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--variant", choices=["llm", "baseline", "qformer", "video", "pointcloud"], default="llm")
    ap.add_argument("--manifest", help="plugin.json to copy beside the model")
    args = ap.parse_args()
    build(args.out_dir, args.variant)
    if args.manifest:
        shutil.copyfile(args.manifest, os.path.join(args.out_dir, "plugin.json"))
