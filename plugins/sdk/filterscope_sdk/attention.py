"""Making attention modules hand over their softmax probabilities while the model is traced.

Three ways, tried in this order:
1. `nn.MultiheadAttention`: called with need_weights=True, average_attn_weights=False, so PyTorch itself
   returns the per-head probabilities [B,H,L,S]; the caller still gets what it asked for.
2. Any other module: its own forward runs while torch.softmax / F.softmax / Tensor.softmax are wrapped,
   and the last 4-D softmax over the last dim is taken. This is exact whatever the module does before
   the softmax (RoPE in either convention, ALiBi, masks, qk-norm), because it is the tensor the module
   itself multiplies with the values.
3. A module whose forward never calls softmax (timm's fused_attn path, F.scaled_dot_product_attention in
   PyTorch 2) is recomputed from its weights when it has a known form — timm-style (qkv, proj, num_heads)
   or LLaMA-style (q_proj, k_proj, v_proj, o_proj, num_heads) — and the recomputation is kept only if it
   reproduces the module's own output (so RoPE or a mask hidden in a fused kernel is caught, not guessed).
   Anything else is refused with the module's name and the reason.
"""
import contextlib
import inspect
import math

import torch
from torch import nn
import torch.nn.functional as F


class SdkError(RuntimeError):
    """A stage or attention module that cannot be captured, named with the reason."""


@contextlib.contextmanager
def _recording_softmax(seen):
    originals = (torch.softmax, F.softmax, torch.Tensor.softmax)

    def keep(result, dim):
        if result.dim() == 4 and dim in (-1, 3):
            seen.append(result)
        return result

    def torch_softmax(input, dim, *args, **kwargs):
        return keep(originals[0](input, dim, *args, **kwargs), dim)

    def functional_softmax(input, dim=None, *args, **kwargs):
        return keep(originals[1](input, dim, *args, **kwargs), dim)

    def tensor_softmax(self, dim, *args, **kwargs):
        return keep(originals[2](self, dim, *args, **kwargs), dim)

    torch.softmax, F.softmax, torch.Tensor.softmax = torch_softmax, functional_softmax, tensor_softmax
    try:
        yield
    finally:
        torch.softmax, F.softmax, torch.Tensor.softmax = originals


def _multihead(module, store, key):
    """nn.MultiheadAttention, however it is called: positional or keyword query/key/value (torchvision calls
    self_attention(query=x, key=x, value=x, need_weights=False)), masks and flags passed through; it is
    asked for per-head weights, and the caller gets what it asked for."""
    original = module.forward
    signature = inspect.signature(original)

    def forward(*args, **kwargs):
        call = signature.bind(*args, **kwargs)
        call.apply_defaults()
        wanted, average = call.arguments["need_weights"], call.arguments["average_attn_weights"]
        call.arguments["need_weights"], call.arguments["average_attn_weights"] = True, False
        out, weights = original(*call.args, **call.kwargs)
        store[key] = weights
        if not wanted:
            return out, None
        return out, (weights.mean(dim=1) if average else weights)
    return forward


class _Renamed:
    """A module's parts under the names the recomputation expects: {"qkv": "to_qkv", "proj": "to_out",
    "num_heads": "heads"} (vit-pytorch) lets a renamed timm-style attention be recomputed."""

    def __init__(self, module, names):
        self._module, self._names = module, names or {}

    def __getattr__(self, name):
        return getattr(self._module, self._names.get(name, name))


def _has(module, names, *parts):
    return all(hasattr(module, (names or {}).get(p, p)) for p in parts)


def _timm_recomputed(module, x):
    b, n, _ = x.shape
    h = module.num_heads
    projected = module.qkv(x)
    inner = projected.shape[-1] // 3  # heads × head size, which need not be the model width (vit-pytorch)
    qkv = projected.reshape(b, n, 3, h, inner // h).permute(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]
    if hasattr(module, "q_norm"):  # timm >= 0.9 (Identity unless qk_norm)
        q, k = module.q_norm(q), module.k_norm(k)
    attn = ((q @ k.transpose(-2, -1)) * getattr(module, "scale", (inner // h) ** -0.5)).softmax(dim=-1)
    return module.proj((attn @ v).transpose(1, 2).reshape(b, n, inner)), attn


def _separate_recomputed(module, x):
    b, n, c = x.shape
    h = module.num_heads
    d = c // h
    q = module.q_proj(x).view(b, n, h, d).transpose(1, 2)
    k = module.k_proj(x).view(b, n, h, d).transpose(1, 2)
    v = module.v_proj(x).view(b, n, h, d).transpose(1, 2)
    attn = (q @ k.transpose(-2, -1) / math.sqrt(d)).softmax(dim=-1)
    return module.o_proj((attn @ v).transpose(1, 2).reshape(b, n, c)), attn


def _known_form(module, names=None):
    if _has(module, names, "qkv", "proj", "num_heads"):
        return _timm_recomputed
    if _has(module, names, "q_proj", "k_proj", "v_proj", "o_proj", "num_heads"):
        return _separate_recomputed
    return None


def _as_windows(probabilities, stage):
    """Windowed (Swin-style) attention comes out of the module as [B·nW,H,w²,w²]; the contract's
    wattn.<stage> is [1,H,nW,w²,w²] (windows in the module's own order: row-major over the rolled grid)."""
    if probabilities.dim() != 4:
        raise SdkError(f"windowed attention of stage '{stage}': expected [windows,H,w²,w²] probabilities, got "
                       f"{list(probabilities.shape)}")
    return probabilities.unsqueeze(0).permute(0, 2, 1, 3, 4)


def _intercepted(module, store, key, stage, names=None, windowed=False):
    original = module.forward
    if hasattr(module, "fused_attn"):
        module.fused_attn = False  # timm: take the explicit softmax path, which is the same computation

    def forward(*args, **kwargs):
        seen = []
        with _recording_softmax(seen):
            out = original(*args, **kwargs)
        if seen:
            store[key] = _as_windows(seen[-1], stage) if windowed else seen[-1]
            return out
        recompute = _known_form(module, names)
        why = None
        if recompute is None:
            present = sorted(n for n, _ in module.named_children())
            why = ("it is neither timm-style (qkv, proj, num_heads) nor LLaMA-style (q_proj, k_proj, v_proj, "
                   f"o_proj, num_heads); its parts are {', '.join(present) or 'none'}: if they are the same "
                   "projections under other names, pass attention_names={\"qkv\": …, \"proj\": …, \"num_heads\": …}")
        elif windowed:
            why = "windowed attention is not recomputed from the weights"
        else:
            y, attn = recompute(_Renamed(module, names), args[0] if args else kwargs["hidden_states"])
            actual = out[0] if isinstance(out, (tuple, list)) else out
            # Only trust the recomputation when it reproduces the module's own output: RoPE, a mask or any
            # other change inside the module would make the recomputed probabilities wrong.
            if torch.allclose(y, actual, rtol=1e-4, atol=1e-5):
                store[key] = attn
                return out
            why = "recomputing its attention from the weights does not reproduce its output (RoPE or a mask inside?)"
        raise SdkError(f"attention of stage '{stage}': {type(module).__name__}.forward never calls softmax (a fused "
                       f"kernel such as F.scaled_dot_product_attention?) and {why}; make it compute softmax "
                       "explicitly (Hugging Face: attn_implementation=\"eager\")")
    return forward


def patch_attention(module, store, key, stage, names=None, windowed=False):
    """Replaces module.forward so that each call also puts the probabilities [B,H,N,N] into store[key]
    ([1,H,nW,w²,w²] when `windowed`; [1,H,M,N] for a cross-attention module). `names` maps the recomputation's
    part names (qkv, proj, num_heads, q_proj, …) to the module's own."""
    if not isinstance(module, nn.Module):
        raise SdkError(f"attention of stage '{stage}': {type(module).__name__} is not a torch.nn.Module")
    if isinstance(module, nn.MultiheadAttention) and not windowed:
        return _multihead(module, store, key)
    return _intercepted(module, store, key, stage, names, windowed)
