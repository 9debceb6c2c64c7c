"""Filterscope plugin SDK: wrap a torch.nn.Module into a Filterscope plugin folder.

    from filterscope_sdk import export_plugin
    export_plugin(model, example, "out/my-plugin", plugin_id="my-vit", name="My ViT",
                  tokens={"layout": "grid", "grid": [14, 14], "prefix": 1},
                  input_spec={"size": [224, 224], "mean": [...], "std": [...]},
                  stages={"block1": model.blocks[0], "llm.block": model.llm},
                  attention={"block1": model.blocks[0].attn, "llm.block": model.llm.self_attn})

Forward hooks on the `stages` modules record `tokens.<stage>` (a module returning a tuple contributes its
first element); `attention` modules are patched while exporting to also hand over their softmax
probabilities as `attn.<stage>` (nn.MultiheadAttention, any module that calls softmax itself — RoPE or
not —, and timm-style / LLaMA-style modules on a fused kernel; see attention.py). The wrapper is traced with
torch.jit.trace, checked against the eager model, and saved with plugin.json. Runs on Debian's
python3-torch; no other dependency. The hooks and patched forwards stay on `model`: export a copy
(copy.deepcopy) if you keep using the model afterwards.
"""
import contextlib
import json
import os
import warnings
from typing import Dict

import torch
from torch import Tensor, nn

from .attention import SdkError, patch_attention
from .paper import convert_paper_checkpoint
from .composed import save_safetensors, write_hf_llama_layer, write_llm_plugin, write_meta_llama_layer

__all__ = ["export_plugin", "trace_captures", "SdkError", "save_safetensors", "write_hf_llama_layer", "write_meta_llama_layer",
           "write_llm_plugin", "convert_paper_checkpoint"]


def _batch_first_tokens(t, count, grid):
    """Stage outputs in the layouts models use, as the contract's [1,N,C]: sequence-first [N,1,C] (PyTorch's
    default nn.Transformer* layers) is transposed; channels-last [1,h,w,C] over the token grid (Swin-style
    stages) is flattened row-major. Anything else is kept, for the contract check to name."""
    if count is not None and t.dim() == 3 and t.shape[0] == count and t.shape[1] == 1 and count != 1:
        return t.transpose(0, 1)
    if grid is not None and t.dim() == 4 and t.shape[0] == 1 and (t.shape[1], t.shape[2]) == tuple(grid):
        return t.flatten(1, 2)
    return t


def _stage_grid(tokens, stage_grids, stage):
    if stage_grids and stage in stage_grids:
        return tuple(stage_grids[stage])
    return tuple(tokens["grid"]) if tokens and "grid" in tokens else None


class _Capture(nn.Module):
    def __init__(self, model, stages, attention, tokens=None, stage_grids=None, windows=None, cross_attention=None,
                 attention_names=None):
        super().__init__()
        self.model = model
        self.store: Dict[str, Tensor] = {}
        self.order = []
        windows = windows or {}
        for stage, module in stages.items():
            grid = _stage_grid(tokens, stage_grids, stage)
            count = tokens.get("prefix", 0) + grid[0] * grid[1] if grid else None

            def hook(_m, _inp, out, count=count, grid=grid, stage=stage):
                t = out[0] if isinstance(out, (tuple, list)) else out
                with warnings.catch_warnings():  # the layout is fixed per plugin: tracing it as a constant is right
                    warnings.simplefilter("ignore", torch.jit.TracerWarning)
                    self.store["tokens." + stage] = _batch_first_tokens(t, count, grid)
            module.register_forward_hook(hook)
            self.order.append("tokens." + stage)
        routes = [(stage, module, "wattn." if stage in windows else "attn.") for stage, module in attention.items()]
        routes += [(stage, module, "xattn.") for stage, module in (cross_attention or {}).items()]
        self.fused_candidates = [kind + stage for stage, module, kind in routes
                                 if isinstance(module, nn.MultiheadAttention)]
        for stage, module, kind in routes:
            key = kind + stage
            module.forward = patch_attention(module, self.store, key, stage, names=attention_names,
                                             windowed=kind == "wattn.")
            at = self.order.index("tokens." + stage) if "tokens." + stage in self.order else len(self.order)
            self.order.insert(at, key)

    def forward(self, x):
        self.store.clear()
        out = self.model(x)
        missing = [k for k in self.order if k not in self.store]
        if missing:
            why = ""
            if any(k in self.fused_candidates for k in missing):
                why = ("; an nn.MultiheadAttention that never runs was skipped by PyTorch's fused fast path "
                       "(nn.TransformerEncoderLayer / MultiheadAttention take it in eval mode when autograd is off, "
                       "e.g. under torch.inference_mode() inside forward): remove inference_mode from forward(), "
                       "or export the model in train() mode with dropout 0")
            raise SdkError("these captures never ran in forward(): " + ", ".join(missing) + why)
        result = {k: self.store[k] for k in self.order}
        if isinstance(out, Tensor) and out.dim() == 2:
            result["logits"] = out
        return result


@contextlib.contextmanager
def _explicit_attention_paths(modules):
    """PyTorch's fused fast paths (nn.TransformerEncoderLayer and nn.MultiheadAttention, in eval mode under
    no_grad) never call the attention module's forward, so its probabilities could not be captured. They
    are not taken while autograd is on and a projection weight requires grad: so it is during export (the
    recorded graph is the same computation, written out)."""
    params = [p for m in modules if isinstance(m, nn.MultiheadAttention) for p in m.parameters()]
    flags = [p.requires_grad for p in params]
    try:
        for p in params:
            p.requires_grad_(True)
        with torch.enable_grad():
            yield
    finally:
        for p, flag in zip(params, flags):
            p.requires_grad_(flag)


def trace_captures(model, example, stages, attention=None, tokens=None, stage_grids=None, windows=None,
                   cross_attention=None, attention_names=None):
    """The traced capture wrapper of `model` (forward(x) -> Dict[str, Tensor]) and its eager captures of
    `example`; refuses when the traced module disagrees with the eager one. With `tokens` (the manifest's
    token layout) and `stage_grids`, sequence-first and channels-last stage outputs are turned into [1,N,C]."""
    model.eval()
    attention = attention or {}
    wrapper = _Capture(model, stages, attention, tokens, stage_grids, windows, cross_attention, attention_names)
    with _explicit_attention_paths(list(attention.values()) + list((cross_attention or {}).values())):
        eager = {k: v.detach() for k, v in wrapper(example).items()}
        traced = torch.jit.trace(wrapper, example, strict=False, check_trace=False)
        again = {k: v.detach() for k, v in traced(example).items()}
    for k, v in eager.items():
        if not torch.allclose(again[k], v, rtol=1e-5, atol=1e-6):
            raise SdkError(f"capture '{k}': the traced module disagrees with the eager model")
    return traced, eager


def _contract_problems(captures, tokens, stage_grids=None, windows=None):
    """The plugin contract's shape and value rules (what `filterscope-cli plugin check` enforces for grid
    layouts), each stage on its own grid, each problem with how to fix it."""
    if tokens.get("layout") != "grid":
        return []
    prefix, queries = tokens.get("prefix", 0), tokens.get("queries")
    windows = windows or {}
    problems = []
    for key, t in captures.items():
        kind, _, stage = key.partition(".")
        h, w = _stage_grid(tokens, stage_grids, stage)
        n = prefix + h * w
        shape = "[" + ",".join(str(d) for d in t.shape) + "]"
        if not torch.isfinite(t).all():
            problems.append(f"{key} {shape} holds NaN or Inf")
        if kind == "tokens":
            if t.dim() == 3 and t.shape[0] == 1 and t.shape[1] in (n, queries):
                continue
            hint = "declare tokens.grid and tokens.prefix so that prefix + h*w is its token count"
            if t.dim() == 3 and t.shape[0] == 1 and t.shape[1] == h * w and prefix > 0:
                hint = "the model has no prefix (CLS) token here: set tokens.prefix to 0"
            elif t.dim() == 3 and t.shape[0] == 1 and t.shape[1] == h * w + 1 and prefix == 0:
                hint = "the model has a CLS token: set tokens.prefix to 1"
            elif t.dim() == 4:
                hint = (f"a [1,h,w,C] output must match the stage's grid [{h},{w}]: give hierarchical stages "
                        "their own grid (stage_grids={...})")
            problems.append(f"{key} is {shape}, expected [1,{n},C] (prefix {prefix} + grid {h}x{w}): {hint}")
        elif kind == "attn":
            if not (t.dim() == 4 and t.shape[0] == 1 and t.shape[2] == t.shape[3] and t.shape[2] in (n, queries)):
                hint = "hook the attention module of the same block as the stage"
                if t.dim() == 4 and t.shape[0] > 1 and t.shape[2] == t.shape[3]:
                    hint = (f"{t.shape[0]} windows of {t.shape[2]} tokens: windowed (Swin-style) attention; declare "
                            "windows={stage: {\"size\": w, \"shift\": s}}")
                problems.append(f"{key} is {shape}, expected [1,H,{n},{n}]: {hint}")
                continue
        elif kind == "wattn":
            size = windows[stage]["size"]
            count = (h // size) * (w // size)
            if h % size or w % size or not (t.dim() == 5 and t.shape[0] == 1 and t.shape[2] == count and
                                            t.shape[3] == t.shape[4] == size * size):
                problems.append(f"{key} is {shape}, expected [1,H,{count},{size * size},{size * size}] ({count} "
                                f"windows of {size}x{size} over grid {h}x{w}): check the stage's grid and window")
                continue
        elif kind == "xattn":
            if not (t.dim() == 4 and t.shape[0] == 1 and t.shape[3] == n and (not queries or t.shape[2] == queries)):
                problems.append(f"{key} is {shape}, expected [1,H,M,{n}] (M = tokens.queries, {n} image tokens): "
                                "pass the cross-attention module whose keys are the image tokens")
                continue
        if kind in ("attn", "wattn", "xattn") and not torch.allclose(t.sum(-1), torch.ones(()), atol=1e-3):
            problems.append(f"{key}: rows do not sum to 1: capture the softmax output (probabilities), not "
                            "the scores")
    return problems


def _stage_entries(stages, labels, stage_grids, windows):
    """The manifest's "stages": every token stage in order, then attention-only stages that declare a grid or
    windows (their maps need it)."""
    entries = []
    declared = [s for s in list(stage_grids or {}) + list(windows or {}) if s not in stages]
    for stage in list(stages) + list(dict.fromkeys(declared)):
        extra = {}
        if labels and stage in labels:
            extra["label"] = labels[stage]
        if stage_grids and stage in stage_grids:
            extra["grid"] = list(stage_grids[stage])
        if windows and stage in windows:
            extra["window"] = {"size": int(windows[stage]["size"]), "shift": int(windows[stage].get("shift", 0))}
        entries.append(dict(name=stage, **extra) if extra else stage)
    return entries


def export_plugin(model, example, out_dir, plugin_id, name, tokens, input_spec, stages, attention=None,
                  modality="image", description="", citation="", stage_grids=None, windows=None,
                  cross_attention=None, attention_names=None, labels=None):
    """Writes OUT_DIR/model.pt and OUT_DIR/plugin.json; returns the eager captures of `example`. The
    captures of `example` and of a seeded random input are checked against the plugin contract first:
    nothing is written for a model that `plugin check` would refuse.

    Hierarchical models: `stage_grids={stage: [h, w]}` gives stages their own token grid; `windows={stage:
    {"size": w, "shift": s}}` captures that stage's attention as windowed (`wattn.<stage>`, Swin-style).
    `cross_attention={stage: module}` captures a Q-Former's or resampler's cross-attention as `xattn.<stage>`
    ([1,H,M,N], queries over image tokens). `attention_names={"qkv": "to_qkv", "proj": "to_out", "num_heads":
    "heads"}` names the parts of a renamed timm-style attention for its recomputation. `labels={stage: text}`.
    """
    traced, eager = trace_captures(model, example, stages, attention, tokens, stage_grids, windows, cross_attention,
                                   attention_names)
    generator = torch.Generator().manual_seed(0)
    random_input = torch.randn(example.shape, generator=generator, dtype=example.dtype)
    with torch.no_grad():
        on_random = {k: v.detach() for k, v in traced(random_input).items()}
    problems = _contract_problems(eager, tokens, stage_grids, windows) + [
        p + " (seeded random input)" for p in _contract_problems(on_random, tokens, stage_grids, windows) if "NaN" in p]
    if problems:
        raise SdkError(f"plugin '{plugin_id}' would break the plugin contract; nothing written:\n  - " +
                       "\n  - ".join(problems))
    os.makedirs(out_dir, exist_ok=True)
    traced.save(os.path.join(out_dir, "model.pt"))
    manifest = {"schema": 1, "id": plugin_id, "name": name, "modality": modality, "model": "model.pt",
                "input": input_spec, "tokens": tokens,
                "stages": _stage_entries(stages, labels, stage_grids, windows),
                "description": description, "citation": citation}
    with open(os.path.join(out_dir, "plugin.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    return eager
