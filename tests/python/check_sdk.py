#!/usr/bin/python3
"""The plugin SDK end to end: a timm-style ViT with a LLaMA-style block written here in plain PyTorch is
exported through plugins/sdk; the C++ side loads it (plugin check passes) and its token norms, computed
by filterscope-cli from the C++ forward, match the Python model's captures to 1e-5."""
import argparse
import os
import shutil
import subprocess
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "plugins", "sdk"))
from filterscope_sdk import SdkError, export_plugin  # noqa: E402


class Attention(nn.Module):  # timm's form
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads, self.scale = num_heads, (dim // num_heads) ** -0.5
        self.qkv, self.proj = nn.Linear(dim, dim * 3), nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.num_heads, c // self.num_heads).permute(2, 0, 3, 1, 4)
        a = ((qkv[0] @ qkv[1].transpose(-2, -1)) * self.scale).softmax(-1)
        return self.proj((a @ qkv[2]).transpose(1, 2).reshape(b, n, c))


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm1, self.attn, self.norm2 = nn.LayerNorm(dim), Attention(dim, heads), nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class LlamaAttention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj, self.k_proj = nn.Linear(dim, dim, bias=False), nn.Linear(dim, dim, bias=False)
        self.v_proj, self.o_proj = nn.Linear(dim, dim, bias=False), nn.Linear(dim, dim, bias=False)

    def forward(self, x):
        b, n, c = x.shape
        h, d = self.num_heads, c // self.num_heads
        q, k, v = (p(x).view(b, n, h, d).transpose(1, 2) for p in (self.q_proj, self.k_proj, self.v_proj))
        a = (q @ k.transpose(-2, -1) / d ** 0.5).softmax(-1)
        return self.o_proj((a @ v).transpose(1, 2).reshape(b, n, c)), a


class LlamaLayer(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.self_attn, self.mlp = LlamaAttention(dim, heads), nn.Linear(dim, dim)

    def forward(self, x):
        y, _ = self.self_attn(x)
        return x + y + self.mlp(x)


class ViT(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 48, 8, 8)
        self.cls = nn.Parameter(torch.randn(1, 1, 48) * 0.02)
        self.blocks = nn.ModuleList([Block(48, 3) for _ in range(2)])
        self.llm = LlamaLayer(48, 4)
        self.head = nn.Linear(48, 5)

    def forward(self, x):
        t = torch.cat([self.cls.expand(x.shape[0], -1, -1), self.patch(x).flatten(2).transpose(1, 2)], 1)
        for b in self.blocks:
            t = b(t)
        t = self.llm(t)
        return self.head(t[:, 0])


class MhaBlock(nn.Module):  # a block on nn.MultiheadAttention, which averages heads unless told not to
    def __init__(self, dim, heads):
        super().__init__()
        self.norm, self.attn = nn.LayerNorm(dim), nn.MultiheadAttention(dim, heads, batch_first=True)

    def forward(self, x):
        z = self.norm(x)
        return x + self.attn(z, z, z)[0]


def rotate_half(t):
    h = t.shape[-1] // 2
    return torch.cat([-t[..., h:], t[..., :h]], -1)


def rope_tables(n, d, theta=10000.0):
    inv = theta ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    f = torch.outer(torch.arange(n, dtype=torch.float64), inv)
    e = torch.cat([f, f], -1).float()
    return e.cos(), e.sin()


class RopeAttention(nn.Module):  # LLaMA-style with rotary embedding and a causal mask
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads, self.rope_theta = num_heads, 10000.0
        self.q_proj, self.k_proj = nn.Linear(dim, dim, bias=False), nn.Linear(dim, dim, bias=False)
        self.v_proj, self.o_proj = nn.Linear(dim, dim, bias=False), nn.Linear(dim, dim, bias=False)

    def forward(self, x):
        b, n, c = x.shape
        h, d = self.num_heads, c // self.num_heads
        q, k, v = (p(x).view(b, n, h, d).transpose(1, 2) for p in (self.q_proj, self.k_proj, self.v_proj))
        cos, sin = rope_tables(n, d, self.rope_theta)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        s = q @ k.transpose(-2, -1) / d ** 0.5
        s = s.masked_fill(torch.ones(n, n, dtype=torch.bool).triu(1), float("-inf"))
        a = torch.nn.functional.softmax(s, dim=-1)
        return self.o_proj((a @ v).transpose(1, 2).reshape(b, n, c))


class RopeLayer(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.input_layernorm, self.self_attn = nn.LayerNorm(dim), RopeAttention(dim, heads)

    def forward(self, x):
        return x + self.self_attn(self.input_layernorm(x))


class MhaRopeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 32, 8, 8)
        self.block = MhaBlock(32, 4)
        self.llm = RopeLayer(32, 2)

    def forward(self, x):
        return self.llm(self.block(self.patch(x).flatten(2).transpose(1, 2)))


def reference_attention(model, x):
    """The two models' attention probabilities computed here from their weights, not by the SDK."""
    with torch.no_grad():
        t = model.patch(x).flatten(2).transpose(1, 2)
        z = model.block.norm(t)
        w, bias = model.block.attn.in_proj_weight, model.block.attn.in_proj_bias
        q, k, _ = (z @ w[i * 32:(i + 1) * 32].T + bias[i * 32:(i + 1) * 32] for i in range(3))
        split = lambda y, h: y.view(1, -1, h, 32 // h).transpose(1, 2)
        mha = (split(q, 4) @ split(k, 4).transpose(-2, -1) / 8 ** 0.5).softmax(-1)
        t = model.block(t)
        z = model.llm.input_layernorm(t)
        q, k = split(model.llm.self_attn.q_proj(z), 2), split(model.llm.self_attn.k_proj(z), 2)
        cos, sin = rope_tables(16, 16)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        s = q @ k.transpose(-2, -1) / 4.0
        rope = s.masked_fill(torch.ones(16, 16, dtype=torch.bool).triu(1), float("-inf")).softmax(-1)
    return {"block": mha, "llm.block": rope}


def check_mha_and_rope(a, image):
    torch.manual_seed(1)
    model = MhaRopeNet()
    plugin = os.path.join(a.work, "sdk-mha-rope")
    spec = {"size": [32, 32], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}
    eager = export_plugin(model, torch.zeros(1, 3, 32, 32), plugin, "sdk-mha-rope", "SDK MHA + RoPE",
                          {"layout": "grid", "grid": [4, 4], "prefix": 0}, spec,
                          stages={"block": model.block, "llm.block": model.llm},
                          attention={"block": model.block.attn, "llm.block": model.llm.self_attn})
    want = reference_attention(model, torch.zeros(1, 3, 32, 32))
    for stage in want:
        err = (eager["attn." + stage] - want[stage]).abs().max().item()
        assert eager["attn." + stage].shape == want[stage].shape and err < 1e-6, (stage, err)
    print("ok  captured probabilities equal an independent computation (nn.MultiheadAttention per head; RoPE + causal)")

    out = os.path.join(a.work, "out-mha")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--no-figures",
                        "--analyses", "norm,attention", "--device", "cpu"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    import cv2
    img = cv2.cvtColor(cv2.imread(image), cv2.COLOR_BGR2RGB).astype(np.float32) / np.float32(255)
    x = torch.from_numpy(((img - np.float32(0.5)) / np.float32(0.5)).transpose(2, 0, 1).copy())[None]
    want = reference_attention(model, x)
    worst = 0.0
    for stage, heads in (("block", 4), ("llm.block", 2)):
        for h in range(heads):  # attn_head<k>.npy without a CLS (prefix 0): the mean over all query rows
            got = np.load(os.path.join(out, "in", stage, f"attn_head{h}.npy"))
            ref = want[stage][0, h].double().mean(0).reshape(4, 4).numpy()
            worst = max(worst, np.abs(got - ref).max())
    assert worst < 1e-5, worst
    print(f"ok  C++ forward of the MHA + RoPE plugin matches the independent attention (worst {worst:.1e})")


class FusedTimm(Attention):  # timm's form on a kernel that hides the softmax (here: exp / sum)
    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.num_heads, c // self.num_heads).permute(2, 0, 3, 1, 4)
        e = ((qkv[0] @ qkv[1].transpose(-2, -1)) * self.scale).exp()
        return self.proj(((e / e.sum(-1, keepdim=True)) @ qkv[2]).transpose(1, 2).reshape(b, n, c))


class FusedRope(RopeAttention):  # RoPE on a hidden softmax: cannot be recomputed, must be refused
    def forward(self, x):
        b, n, c = x.shape
        q, k, v = (p(x).view(b, n, self.num_heads, -1).transpose(1, 2) for p in (self.q_proj, self.k_proj, self.v_proj))
        e = (q @ k.transpose(-2, -1)).exp()
        return self.o_proj(((e / e.sum(-1, keepdim=True)) @ v).transpose(1, 2).reshape(b, n, c))


def check_fused_kernels(a):
    """Modules whose forward never calls softmax: recomputed from the weights when the form is known."""
    torch.manual_seed(2)
    block = Block(24, 3)
    block.attn = FusedTimm(24, 3)
    block.attn.load_state_dict(Attention(24, 3).state_dict())
    x = torch.randn(1, 5, 24)
    with torch.no_grad():
        z = block.norm1(x)
        qkv = block.attn.qkv(z).reshape(1, 5, 3, 3, 8).permute(2, 0, 3, 1, 4)
        want = (qkv[0] @ qkv[1].transpose(-2, -1) * 8 ** -0.5).softmax(-1)
        before = block(x)
    model = nn.Sequential(block)
    from filterscope_sdk import trace_captures
    _, eager = trace_captures(model, x, stages={"b": block}, attention={"b": block.attn})
    assert torch.allclose(eager["attn.b"], want, atol=1e-6) and torch.allclose(eager["tokens.b"], before, atol=1e-5)
    print("ok  a timm-style module on a fused kernel is recomputed from its weights (probabilities and output equal)")
    layer = RopeLayer(32, 2)
    layer.self_attn = FusedRope(32, 2)
    try:
        trace_captures(nn.Sequential(layer), torch.randn(1, 4, 32), stages={"l": layer}, attention={"l": layer.self_attn})
        raise AssertionError("no error")
    except SdkError as e:
        message = str(e)
    assert "FusedRope.forward never calls softmax" in message and "does not reproduce its output" in message, message
    print("ok  RoPE attention on a fused kernel is refused, not recomputed without RoPE: " + message[:100] + "…")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    torch.manual_seed(0)
    model = ViT()
    example = torch.zeros(1, 3, 32, 32)
    plugin = os.path.join(a.work, "sdk-vit")
    spec = {"size": [32, 32], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}
    export_plugin(model, example, plugin, "sdk-vit", "SDK test ViT", {"layout": "grid", "grid": [4, 4], "prefix": 1}, spec,
                  stages={"block1": model.blocks[0], "block2": model.blocks[1], "llm.block": model.llm},
                  attention={"block1": model.blocks[0].attn, "llm.block": model.llm.self_attn})
    r = subprocess.run([a.cli, "plugin", "check", plugin], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "attn.llm.block" in r.stdout and "[1,4,17,17]" in r.stdout, r.stdout + r.stderr
    print("ok  exported plugin passes plugin check (tokens + attention of a timm-style and a LLaMA-style module)")

    # The C++ forward of the exported module against the Python model: token norms through the CLI.
    image = os.path.join(a.work, "in.png")
    import cv2
    img = (np.random.default_rng(3).random((32, 32, 3)) * 255).astype(np.uint8)
    cv2.imwrite(image, img)
    out = os.path.join(a.work, "out")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--no-figures",
                        "--analyses", "norm", "--device", "cpu"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    x = ((cv2.cvtColor(img, cv2.COLOR_BGR2RGB).astype(np.float32) / np.float32(255) - np.float32(0.5)) / np.float32(0.5))
    captures = {}
    model_hooks = [model.blocks[1].register_forward_hook(lambda m, i, o: captures.__setitem__("block2", o)),
                   model.llm.register_forward_hook(lambda m, i, o: captures.__setitem__("llm.block", o))]
    with torch.no_grad():
        model(torch.from_numpy(x.transpose(2, 0, 1).copy())[None])
    for h in model_hooks:
        h.remove()
    for stage in ["block2", "llm.block"]:
        want = torch.linalg.norm(captures[stage][0, 1:].double(), dim=-1).reshape(4, 4).numpy()
        got = np.load(os.path.join(out, "in", stage, "norm.npy"))
        assert np.allclose(got, want, rtol=1e-5, atol=1e-6), (stage, np.abs(got - want).max())
    print("ok  C++ forward of the exported plugin matches the Python model (token norms, 1e-5)")
    check_mha_and_rope(a, image)
    check_fused_kernels(a)

    try:
        export_plugin(model, example, os.path.join(a.work, "bad"), "bad", "bad", {"layout": "grid", "grid": [4, 4], "prefix": 1},
                      spec, stages={"block1": model.blocks[0]}, attention={"block1": model.blocks[0].mlp})
        raise AssertionError("no error")
    except SdkError as e:
        assert "attention of stage 'block1': Sequential.forward never calls softmax" in str(e), e
    print("ok  an attention module of an unknown form is refused with its name")


if __name__ == "__main__":
    main()
