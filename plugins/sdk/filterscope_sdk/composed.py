"""Writing an "llm" plugin: encoder + adapters + a frozen LLM decoder layer + optional tail, which
Filterscope offers as the paper's ablations (baseline, +LLM layer k, +random block, +identity).

    write_llm_plugin(out_dir, manifest, encoder=traced_or_scripted_encoder, tail=scripted_tail,
                     adapter_in=W1, adapter_out=W2, llm_folder="path/to/llama", layer=31, tokens_stage="block12")

The encoder's forward(x) returns Dict[str, Tensor] with tokens.<tokens_stage> [1,N,C]; the tail's
forward(tokens [1,N,C]) returns Dict[str, Tensor] (e.g. tokens.norm, logits). The LLM folder is a Hugging
Face checkpoint (config.json + *.safetensors) or Meta's (params.json + consolidated.NN.pth), named relative
to OUT_DIR or absolute; it is linked by path, not copied, unless copy_llm=True. Only the standard library, numpy-free.
"""
import json
import os
import shutil
import struct

import torch

from .attention import SdkError

_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}


def save_safetensors(tensors, path):
    """Writes a .safetensors file (F32/F16/BF16) with the standard library and torch only."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in _DTYPES:
            t = t.float()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": _DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
    os.replace(tmp, path)


def write_hf_llama_layer(folder, layer_weights, hidden, heads, intermediate, kv_heads=None, eps=1e-6):
    """A one-layer Hugging Face LLaMA checkpoint from weights named as in LlamaDecoderLayer
    (self_attn.q_proj.weight, …, mlp.gate_proj.weight, input_layernorm.weight, …)."""
    os.makedirs(folder, exist_ok=True)
    config = {"model_type": "llama", "hidden_size": hidden, "num_attention_heads": heads,
              "num_key_value_heads": kv_heads or heads, "intermediate_size": intermediate,
              "num_hidden_layers": 1, "rms_norm_eps": eps}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    save_safetensors({"model.layers.0." + k: v for k, v in layer_weights.items()},
                     os.path.join(folder, "model.safetensors"))


def write_meta_llama_layer(folder, layer_weights, dim, heads, eps=1e-6, kv_heads=None):
    """A one-layer checkpoint in Meta's format (params.json + consolidated.00.pth) from weights named as in
    Meta's TransformerBlock (attention.wq.weight, …, feed_forward.w1.weight, attention_norm.weight, …)."""
    os.makedirs(folder, exist_ok=True)
    params = {"dim": dim, "n_layers": 1, "n_heads": heads, "norm_eps": eps}
    if kv_heads:
        params["n_kv_heads"] = kv_heads
    with open(os.path.join(folder, "params.json"), "w") as f:
        json.dump(params, f, indent=2)
    state = {"layers.0." + k: v.detach().cpu().contiguous().clone() for k, v in layer_weights.items()}
    tmp = os.path.join(folder, "consolidated.00.pth.tmp")
    torch.save(state, tmp)
    os.replace(tmp, os.path.join(folder, "consolidated.00.pth"))


def write_llm_plugin(out_dir, manifest, encoder, adapter_in, adapter_out, llm_folder, layer, tokens_stage,
                     tail=None, adapter_in_bias=None, adapter_out_bias=None, rope=False, causal=False, seed=0,
                     variants=("llm", "random", "identity", "baseline"), copy_llm=False, norm=None, norm_eps=1e-6):
    """Writes OUT_DIR/{encoder.pt, tail.pt, adapters.safetensors, plugin.json}. `manifest` holds the usual
    keys (id, name, modality, input, tokens, stages, description, citation); "model" and "llm" are set here."""
    if adapter_in.dim() != 2 or adapter_out.dim() != 2 or adapter_in.shape[0] != adapter_out.shape[1] \
            or adapter_in.shape[1] != adapter_out.shape[0]:
        raise SdkError(f"adapters {tuple(adapter_in.shape)} and {tuple(adapter_out.shape)} do not map C -> D -> C")
    os.makedirs(out_dir, exist_ok=True)
    encoder.save(os.path.join(out_dir, "encoder.pt"))
    if tail is not None:
        tail.save(os.path.join(out_dir, "tail.pt"))
    adapters = {"in.weight": adapter_in, "out.weight": adapter_out}
    if adapter_in_bias is not None:
        adapters["in.bias"] = adapter_in_bias
    if adapter_out_bias is not None:
        adapters["out.bias"] = adapter_out_bias
    if norm is not None:  # an RMSNorm after the layer, as the paper's LLaMATransformer.norm
        adapters["norm.weight"] = norm
    save_safetensors(adapters, os.path.join(out_dir, "adapters.safetensors"))
    if copy_llm:
        target = os.path.join(out_dir, "llm")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(llm_folder, target)
        llm_folder = "llm"
    elif os.path.isabs(llm_folder) and os.path.commonpath([llm_folder, os.path.abspath(out_dir)]) == os.path.abspath(out_dir):
        llm_folder = os.path.relpath(llm_folder, os.path.abspath(out_dir))
    m = dict(manifest)
    m.update({"schema": 1, "model": "encoder.pt"})
    m["llm"] = {"tokens": tokens_stage, "checkpoint": llm_folder, "layer": layer, "adapters": "adapters.safetensors",
                "rope": rope, "causal": causal, "seed": seed, "normEps": norm_eps, "variants": list(variants)}
    if tail is not None:
        m["llm"]["tail"] = "tail.pt"
    with open(os.path.join(out_dir, "plugin.json.tmp"), "w") as f:
        json.dump(m, f, indent=2)
    os.replace(os.path.join(out_dir, "plugin.json.tmp"), os.path.join(out_dir, "plugin.json"))
