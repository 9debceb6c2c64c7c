#!/usr/bin/python3
"""Trains the demo-shapes plugin: the protocol of Pang et al. (2023) at toy scale, on a task whose truth is
exact (make_shapes.py). Run once, by hand; its outputs under weights/ are committed:

    /usr/bin/python3 plugins/demo-shapes/train_demo.py plugins/demo-shapes [--quick]

1. A tiny LLaMA-style language model (byte tokens, 2 decoder layers with RoPE and a causal mask, width 128,
   400 steps of 32x128 bytes) trained on the Python standard library's own sources (/usr/lib/python3.*/*.py,
   top level, sorted; the last 5% held out). Its last layer is taken and frozen: weights/lm-layer (Hugging
   Face format).
2. A small ViT (64x64 input, one token per 8x8 patch through a convolutional stem, width 64, 4 blocks; 1,200
   steps of 64 fresh images) trained on the shapes task in each variant:
   llm       encoder -> adapter -> the frozen language layer (no RoPE, no mask) -> adapter -> norm, head
   random    the same with a frozen layer of the same shape drawn at random (weights/random-layer)
   identity  the two adapters alone
   baseline  encoder -> norm, head
   Same initial weights, batches, optimiser and schedule for every variant; only the middle differs. The
   variants train as two parallel processes.
3. Exports each variant as the "llm" plugin contract composes it (encoder.pt through the SDK's hooks,
   adapters.safetensors, tail.pt). The bundled sample set is drawn at build time (plugins/CMakeLists.txt:
   make_shapes.py --seed 3, 40 inputs).

Prints the language model's loss and each variant's accuracy on a held-out set (seed 2, 1,000 images);
weights/TRAINING.txt keeps that log. Deterministic for the same torch build (seeded, 1 thread a process).
Seeds: training batches 100000 + step, held out 2, sample 3; the test's held-out set (1000) is none of them.
"""
import os

# One thread a process, set before numpy, OpenCV and torch start their pools: with their helper threads
# spinning beside two training processes on two cores, a step took 2.5x as long.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import glob  # noqa: E402
import math  # noqa: E402
import multiprocessing  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import Tensor, nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "demo-vit-llama"))
sys.path.insert(0, os.path.join(HERE, "..", "sdk"))
sys.path.insert(0, HERE)
from build_plugin import Block, LlamaBlock, RMSNorm  # noqa: E402
from filterscope_sdk import save_safetensors, trace_captures, write_hf_llama_layer  # noqa: E402
import make_shapes  # noqa: E402

make_shapes.cv2.setNumThreads(1)

IMAGE, PATCH, DIM, DEPTH, HEADS = 64, 8, 64, 4, 2
LM_DIM, LM_HEADS, LM_HIDDEN, LM_LAYERS, LM_CONTEXT = 128, 4, 256, 2, 128
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
VARIANTS = ["llm", "random", "identity", "baseline"]
TRAIN_SEED, HELD_SEED, SAMPLE_SEED = 100000, 2, 3  # make_shapes seeds; tests use 1000


# 1. The language model --------------------------------------------------------------------------------

def rope(x: Tensor) -> Tensor:
    """Rotary position embedding over [B,H,T,d] (LLaMA's rotate-half form, base 10000)."""
    t, d = x.shape[-2], x.shape[-1]
    freq = 1.0 / (10000 ** (torch.arange(0, d, 2).float() / d))
    angle = torch.arange(t).float()[:, None] * freq[None, :]
    cos, sin = torch.cat([angle.cos()] * 2, -1), torch.cat([angle.sin()] * 2, -1)
    half = torch.cat([-x[..., d // 2:], x[..., : d // 2]], -1)
    return x * cos + half * sin


def causal_layer(block: LlamaBlock, x: Tensor) -> Tensor:
    """A LlamaBlock as a language model runs it: RoPE on q and k, causal mask (the same weights)."""
    a = block.self_attn
    b, n, c = x.shape
    h = block.input_layernorm(x)
    q, k, v = (p(h).view(b, n, a.heads, a.head_dim).transpose(1, 2) for p in (a.q_proj, a.k_proj, a.v_proj))
    scores = rope(q) @ rope(k).transpose(-2, -1) / math.sqrt(a.head_dim)
    future = torch.ones(n, n, dtype=torch.bool).triu(1)
    y = scores.masked_fill(future, float("-inf")).softmax(-1) @ v
    x = x + a.o_proj(y.transpose(1, 2).reshape(b, n, c))
    z = block.post_attention_layernorm(x)
    return x + block.down_proj(nn.functional.silu(block.gate_proj(z)) * block.up_proj(z))


class TinyLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(256, LM_DIM)
        self.layers = nn.ModuleList([LlamaBlock(LM_DIM, LM_HEADS, LM_HIDDEN) for _ in range(LM_LAYERS)])
        self.norm = RMSNorm(LM_DIM)
        self.head = nn.Linear(LM_DIM, 256, bias=False)

    def forward(self, tokens: Tensor) -> Tensor:
        x = self.embed(tokens)
        for layer in self.layers:
            x = causal_layer(layer, x)
        return self.head(self.norm(x))


def stdlib_bytes():
    files = sorted(glob.glob(f"/usr/lib/python3.{sys.version_info.minor}/*.py"))
    data = b"".join(open(f, "rb").read() for f in files)
    return np.frombuffer(data, np.uint8), len(files), os.path.dirname(files[0])


def train_lm(steps, log):
    data, count, folder = stdlib_bytes()
    split = int(len(data) * 0.95)
    train, held = torch.from_numpy(data[:split].astype(np.int64)), torch.from_numpy(data[split:].astype(np.int64))
    torch.manual_seed(0)
    lm = TinyLM()
    for p in lm.parameters():
        if p.dim() == 2:
            nn.init.normal_(p, 0, 0.02)
    opt = torch.optim.AdamW(lm.parameters(), lr=2e-3, weight_decay=0.01)
    g = torch.Generator().manual_seed(1)

    def batch(source, n):
        at = torch.randint(0, len(source) - LM_CONTEXT - 1, (n,), generator=g)
        x = torch.stack([source[i: i + LM_CONTEXT + 1] for i in at.tolist()])
        return x[:, :-1], x[:, 1:]

    t0 = time.time()
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = 2e-3 * min(1, (step + 1) / 100) * 0.5 * (1 + math.cos(math.pi * step / steps))
        x, y = batch(train, 32)
        loss = nn.functional.cross_entropy(lm(x).reshape(-1, 256), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0 or step == steps - 1:
            log(f"  lm step {step:5d}  train loss {loss.item():.3f} nats/byte")
    lm.eval()
    with torch.no_grad():
        losses = [nn.functional.cross_entropy(lm(x).reshape(-1, 256), y.reshape(-1)).item()
                  for x, y in (batch(held, 64) for _ in range(20))]
    held_loss = float(np.mean(losses))
    log(f"language model: {count} files of {folder} ({len(data):,} bytes; last 5% held out), {steps} steps "
        f"of 32x{LM_CONTEXT} bytes in {time.time() - t0:.0f} s; held-out loss {held_loss:.3f} nats/byte "
        f"({held_loss / math.log(2):.2f} bits/byte; uniform: 8.00)")
    return lm.layers[-1]


# 2. The vision model ----------------------------------------------------------------------------------

class ShapesViT(nn.Module):
    def __init__(self, variant: str, layer: LlamaBlock):
        super().__init__()
        self.variant = variant
        # A hybrid stem (Dosovitskiy et al. 2021, section 3.1; Xiao et al. 2021): three 3x3 convolutions
        # with BatchNorm, each followed by 2x2 max-pooling, down to the 8x8 grid, so each token is still one
        # 8x8 patch. The plain 8x8 patch projection learnt the task too slowly on two cores (28% after 600
        # steps); a small CNN like this one alone reached 98% in 500.
        self.patch_embed = nn.Sequential(
            nn.Conv2d(3, 16, 3, 1, 1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, 1, 1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, DIM, 3, 1, 1), nn.BatchNorm2d(DIM), nn.ReLU(), nn.MaxPool2d(2))
        self.cls_token = nn.Parameter(torch.zeros(1, 1, DIM))
        self.pos_embed = nn.Parameter(torch.randn(1, 1 + (IMAGE // PATCH) ** 2, DIM) * 0.02)
        self.blocks = nn.ModuleList([Block(DIM, HEADS) for _ in range(DEPTH)])
        if variant != "baseline":
            self.mapper1 = nn.Linear(DIM, LM_DIM, bias=False)
            self.mapper2 = nn.Linear(LM_DIM, DIM, bias=False)
        self.layer = layer if variant in ("llm", "random") else None
        if self.layer is not None:
            for p in self.layer.parameters():  # frozen, as in the paper
                p.requires_grad_(False)
        self.norm = nn.LayerNorm(DIM, eps=1e-6)
        self.head = nn.Linear(DIM, len(make_shapes.CLASSES))
        self.embed = nn.Identity()  # a module to hook: the tokens after the position embedding

    def encode(self, image: Tensor) -> Tensor:
        x = self.patch_embed(image).flatten(2).transpose(1, 2)
        x = self.embed(torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed)
        for blk in self.blocks:
            x, _ = blk(x)
        return x

    def forward(self, image: Tensor) -> Tensor:
        x = self.encode(image)
        if self.variant != "baseline":
            x = self.mapper1(x)
            if self.layer is not None:
                x, _ = self.layer(x)
            x = self.mapper2(x)
        return self.head(self.norm(x)[:, 0])


def shapes(seed, count):
    """make_shapes.py's images and labels for a seed, in memory (the same pixels it writes)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    labels = np.resize(np.arange(len(make_shapes.CLASSES)), count)
    rng.shuffle(labels)
    images = np.stack([make_shapes.make_one(rng, int(label))[0] for label in labels])
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255
    return (x - MEAN) / STD, torch.from_numpy(labels.astype(np.int64))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        right = sum((model(x[i: i + 250]).argmax(1) == y[i: i + 250]).sum().item() for i in range(0, len(x), 250))
    return right / len(x)


def train_vit(variant, layer, held, steps, log):
    torch.manual_seed(10)  # every variant starts from the same encoder weights and sees the same batches
    model = ShapesViT(variant, layer)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-3, weight_decay=0.05)
    t0 = time.time()
    for step in range(steps):
        model.train()
        for group in opt.param_groups:
            group["lr"] = 2e-3 * min(1, (step + 1) / 50) * 0.5 * (1 + math.cos(math.pi * step / steps))
        # A fresh batch every step (seeds TRAIN_SEED + step): a fixed set of 6,000 images overfitted (train
        # loss 0.3 at 77% held out after 600 steps); drawing costs ~0.1 s of a ~0.35 s step.
        x, y = shapes(TRAIN_SEED + step, 64)
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 200 == 0 or step == steps - 1:
            log(f"  {variant:8s} step {step:5d}  loss {loss.item():.3f}")
    acc = accuracy(model, *held)
    log(f"{variant}: {steps} steps of 64 fresh images in {time.time() - t0:.0f} s; held-out accuracy "
        f"{100 * acc:.1f}% ({len(held[0])} images, seed {HELD_SEED})")
    return model, acc


def variant_job(args):
    """One variant, trained and exported in its own process (one torch thread each: two processes on two
    cores are twice as fast as one process with two threads)."""
    variant, layer_state, steps, folder = args
    torch.set_num_threads(1)
    layer = None
    if layer_state is not None:
        layer = LlamaBlock(LM_DIM, LM_HEADS, LM_HIDDEN)
        layer.load_state_dict(layer_state)
    lines = []

    def log(text):
        print(text, flush=True)
        lines.append(text)

    model, acc = train_vit(variant, layer, shapes(HELD_SEED, 1000), steps, log)
    export(model, os.path.join(folder, variant))
    return lines, acc


# 3. Export ----------------------------------------------------------------------------------------------

class Encoder(nn.Module):
    def __init__(self, vit: ShapesViT):
        super().__init__()
        self.patch_embed, self.cls_token, self.pos_embed = vit.patch_embed, vit.cls_token, vit.pos_embed
        self.blocks, self.embed = vit.blocks, vit.embed

    def forward(self, image: Tensor) -> Tensor:
        return ShapesViT.encode(self, image)


class Tail(nn.Module):
    def __init__(self, vit: ShapesViT):
        super().__init__()
        self.norm, self.head = vit.norm, vit.head

    def forward(self, tokens: Tensor):
        x = self.norm(tokens)
        return {"tokens.norm": x, "logits": self.head(x[:, 0])}


def layer_weights(block: LlamaBlock):
    w = {"self_attn." + n + ".weight": getattr(block.self_attn, n).weight for n in ("q_proj", "k_proj", "v_proj", "o_proj")}
    w.update({"mlp." + n + ".weight": getattr(block, n).weight for n in ("gate_proj", "up_proj", "down_proj")})
    w["input_layernorm.weight"] = block.input_layernorm.weight
    w["post_attention_layernorm.weight"] = block.post_attention_layernorm.weight
    return w


def export(model: ShapesViT, folder):
    os.makedirs(folder, exist_ok=True)
    model.eval()
    encoder = Encoder(model)
    stages = {"embed": encoder.embed, **{f"block{i + 1}": b for i, b in enumerate(encoder.blocks)}}
    attention = {f"block{i + 1}": b.attn for i, b in enumerate(encoder.blocks)}
    traced, _ = trace_captures(encoder, torch.zeros(1, 3, IMAGE, IMAGE), stages, attention)
    traced.save(os.path.join(folder, "encoder.pt"))
    torch.jit.script(Tail(model)).save(os.path.join(folder, "tail.pt"))
    if model.variant != "baseline":
        save_safetensors({"in.weight": model.mapper1.weight, "out.weight": model.mapper2.weight},
                         os.path.join(folder, "adapters.safetensors"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("plugin_dir")
    ap.add_argument("--quick", action="store_true", help="a few steps only, to check the plumbing")
    a = ap.parse_args()
    torch.set_num_threads(1)
    weights = os.path.join(a.plugin_dir, "weights")
    shutil.rmtree(weights, ignore_errors=True)
    os.makedirs(weights)
    lines = []

    def log(text):
        print(text, flush=True)
        lines.append(text)

    t0 = time.time()
    log(f"train_demo.py{' --quick' if a.quick else ''}: torch {torch.__version__}, {torch.get_num_threads()} threads")
    frozen = train_lm(20 if a.quick else 400, log)
    write_hf_llama_layer(os.path.join(weights, "lm-layer"), layer_weights(frozen), hidden=LM_DIM, heads=LM_HEADS,
                         intermediate=LM_HIDDEN)
    torch.manual_seed(12)
    random_layer = LlamaBlock(LM_DIM, LM_HEADS, LM_HIDDEN)
    for p in random_layer.parameters():
        if p.dim() == 2:
            nn.init.normal_(p, 0, 0.02)  # Hugging Face's initializer_range; norms stay 1
    write_hf_llama_layer(os.path.join(weights, "random-layer"), layer_weights(random_layer), hidden=LM_DIM,
                         heads=LM_HEADS, intermediate=LM_HIDDEN)
    steps = 30 if a.quick else 1200
    log(f"shapes: {steps} batches of 64 fresh images (seeds {TRAIN_SEED} to {TRAIN_SEED + steps - 1}); "
        f"1000 held out (seed {HELD_SEED})")
    layers = {"llm": frozen.state_dict(), "random": random_layer.state_dict()}
    jobs = [(v, layers.get(v), steps, weights) for v in VARIANTS]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        for variant_lines, _ in pool.map(variant_job, jobs):
            lines.extend(variant_lines)
    log(f"all in {time.time() - t0:.0f} s")
    with open(os.path.join(weights, "TRAINING.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
