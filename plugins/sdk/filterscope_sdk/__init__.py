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


class _Capture(nn.Module):
    def __init__(self, model, stages, attention, tokens=None):
        super().__init__()
        self.model = model
        self.store: Dict[str, Tensor] = {}
        self.order = []
        grid = tuple(tokens["grid"]) if tokens and "grid" in tokens else None
        count = tokens.get("prefix", 0) + grid[0] * grid[1] if grid else None
        for stage, module in stages.items():
            def hook(_m, _inp, out, stage=stage):
                t = out[0] if isinstance(out, (tuple, list)) else out
                self.store["tokens." + stage] = _batch_first_tokens(t, count, grid)
            module.register_forward_hook(hook)
            self.order.append("tokens." + stage)
        for stage, module in attention.items():
            module.forward = patch_attention(module, self.store, "attn." + stage, stage)
            self.order.insert(self.order.index("tokens." + stage) if "tokens." + stage in self.order else len(self.order),
                              "attn." + stage)

    def forward(self, x):
        self.store.clear()
        out = self.model(x)
        missing = [k for k in self.order if k not in self.store]
        if missing:
            raise SdkError("these captures never ran in forward(): " + ", ".join(missing))
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


def trace_captures(model, example, stages, attention=None, tokens=None):
    """The traced capture wrapper of `model` (forward(x) -> Dict[str, Tensor]) and its eager captures of
    `example`; refuses when the traced module disagrees with the eager one. With `tokens` (the manifest's
    token layout), sequence-first and channels-last stage outputs are turned into [1,N,C]."""
    model.eval()
    attention = attention or {}
    wrapper = _Capture(model, stages, attention, tokens)
    with _explicit_attention_paths(attention.values()):
        eager = {k: v.detach() for k, v in wrapper(example).items()}
        traced = torch.jit.trace(wrapper, example, strict=False, check_trace=False)
        again = {k: v.detach() for k, v in traced(example).items()}
    for k, v in eager.items():
        if not torch.allclose(again[k], v, rtol=1e-5, atol=1e-6):
            raise SdkError(f"capture '{k}': the traced module disagrees with the eager model")
    return traced, eager


def _contract_problems(captures, tokens):
    """The plugin contract's shape and value rules (what `filterscope-cli plugin check` enforces for grid
    layouts), each problem with how to fix it."""
    if tokens.get("layout") != "grid":
        return []
    h, w = tokens["grid"]
    prefix, queries = tokens.get("prefix", 0), tokens.get("queries")
    n = prefix + h * w
    problems = []
    for key, t in captures.items():
        shape = "[" + ",".join(str(d) for d in t.shape) + "]"
        if not torch.isfinite(t).all():
            problems.append(f"{key} {shape} holds NaN or Inf")
        if key.startswith("tokens."):
            if t.dim() == 3 and t.shape[0] == 1 and t.shape[1] in (n, queries):
                continue
            hint = f"declare tokens.grid and tokens.prefix so that prefix + h*w is its token count"
            if t.dim() == 3 and t.shape[0] == 1 and t.shape[1] == h * w and prefix > 0:
                hint = "the model has no prefix (CLS) token here: set tokens.prefix to 0"
            elif t.dim() == 3 and t.shape[0] == 1 and t.shape[1] == h * w + 1 and prefix == 0:
                hint = "the model has a CLS token: set tokens.prefix to 1"
            elif t.dim() == 4:
                hint = f"a [1,h,w,C] output must match tokens.grid [{h},{w}]; hook a module that returns tokens"
            problems.append(f"{key} is {shape}, expected [1,{n},C] (prefix {prefix} + grid {h}x{w}): {hint}")
        elif key.startswith("attn."):
            if not (t.dim() == 4 and t.shape[0] == 1 and t.shape[2] == t.shape[3] == n):
                problems.append(f"{key} is {shape}, expected [1,H,{n},{n}]: hook the attention module of the same "
                                "block as the stage")
            elif not torch.allclose(t.sum(-1), torch.ones(()), atol=1e-3):
                problems.append(f"{key}: rows do not sum to 1: capture the softmax output (probabilities), not "
                                "the scores")
    return problems


def export_plugin(model, example, out_dir, plugin_id, name, tokens, input_spec, stages, attention=None,
                  modality="image", description="", citation=""):
    """Writes OUT_DIR/model.pt and OUT_DIR/plugin.json; returns the eager captures of `example`. The
    captures of `example` and of a seeded random input are checked against the plugin contract first:
    nothing is written for a model that `plugin check` would refuse."""
    traced, eager = trace_captures(model, example, stages, attention, tokens)
    generator = torch.Generator().manual_seed(0)
    random_input = torch.randn(example.shape, generator=generator, dtype=example.dtype)
    with torch.no_grad():
        on_random = {k: v.detach() for k, v in traced(random_input).items()}
    problems = _contract_problems(eager, tokens) + [p + " (seeded random input)"
                                                    for p in _contract_problems(on_random, tokens)
                                                    if "NaN" in p]
    if problems:
        raise SdkError(f"plugin '{plugin_id}' would break the plugin contract; nothing written:\n  - " +
                       "\n  - ".join(problems))
    os.makedirs(out_dir, exist_ok=True)
    traced.save(os.path.join(out_dir, "model.pt"))
    manifest = {"schema": 1, "id": plugin_id, "name": name, "modality": modality, "model": "model.pt",
                "input": input_spec, "tokens": tokens, "stages": [s for s in stages],
                "description": description, "citation": citation}
    with open(os.path.join(out_dir, "plugin.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    return eager
