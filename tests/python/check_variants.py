#!/usr/bin/python3
"""The "llm" plugin contract (encoder + adapters + LLM layer + tail, composed in C++) on a real photo:
the demo-vit-ablations variants against references computed independently —
  llm       every stage equals the monolithic TorchScript demo-vit-llama (same weights), to 1e-5
  baseline  equals demo-vit-baseline (encoder → norm, no adapters) and has no llm.* stage
  identity  llm.out = adapter_out(adapter_in(block4)) computed here with torch from the plugin's files
  random    deterministic (two runs agree exactly) and unlike the real layer
and manifests / adapters / variant names that must be refused with a clear message."""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from check_demo_maps import prepare  # noqa: E402

STAGES = ["embed", "block1", "block2", "block3", "block4", "llm.in", "llm.block", "llm.out", "norm"]
MONOLITHIC = {"llm.in": "llm.adapter_in", "llm.out": "llm.adapter_out"}


def read_safetensors(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for k, v in header.items():
        if k != "__metadata__":
            b, e = v["data_offsets"]
            out[k] = np.frombuffer(raw[8 + n + b:8 + n + e], "<f4").reshape(v["shape"])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    plugins = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins")
    ablations = os.path.join(plugins, "demo-vit-ablations")
    image = os.path.join(os.environ["FILTERSCOPE_SHARED_DATA"], "images", "coffee.png")

    def run(plugin, tag, variant=None, analyses="norm"):
        out = os.path.join(a.work, tag)
        cmd = [a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--no-figures", "--quiet",
               "--analyses", analyses, "--device", "cpu"] + (["--variant", variant] if variant else [])
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        return lambda stage, name="norm.npy": np.load(os.path.join(out, "coffee", stage, name))


    r = subprocess.run([a.cli, "plugin", "check", ablations], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout.count("ok: every capture fits the contract") == 4, r.stdout
    print("ok  plugin check passes all four variants")

    llm, mono = run(ablations, "llm", "llm", "norm,attention"), run(os.path.join(plugins, "demo-vit-llama"), "mono", None, "norm,attention")
    worst = 0.0
    for s in STAGES:
        got, want = llm(s), mono(MONOLITHIC.get(s, s))
        assert np.allclose(got, want, rtol=1e-5, atol=1e-5), (s, np.abs(got - want).max())
        worst = max(worst, float(np.abs(got - want).max() / np.abs(want).max()))
    for h in range(4):
        got, want = llm("llm.block", f"attn_head{h}.npy"), mono("llm.block", f"attn_head{h}.npy")
        assert np.allclose(got, want, rtol=1e-5, atol=1e-7), (h, np.abs(got - want).max())
    print(f"ok  +LLM layer: 9 stages' norms and the layer's 4 attention heads equal demo-vit-llama (worst relative {worst:.1e})")

    base, mono_base = run(ablations, "baseline", "baseline"), run(os.path.join(plugins, "demo-vit-baseline"), "mono_base")
    for s in ["block4", "norm"]:
        assert np.allclose(base(s), mono_base(s), rtol=1e-5, atol=1e-5), s
    assert not os.path.exists(os.path.join(a.work, "baseline", "coffee", "llm.block"))
    print("ok  baseline: equals demo-vit-baseline, no llm.* stages")

    ident = run(ablations, "identity", "identity")
    spec = json.load(open(os.path.join(ablations, "plugin.json")))["input"]
    x = prepare(image, spec)
    if x.dim() == 3:
        x = x[None]
    with torch.no_grad():
        block4 = torch.jit.load(os.path.join(ablations, "encoder.pt"))(x)["tokens.block4"][0].double().numpy()
    w = read_safetensors(os.path.join(ablations, "adapters.safetensors"))
    mid = block4 @ w["in.weight"].T.astype(np.float64)
    out = mid @ w["out.weight"].T.astype(np.float64)
    want = np.linalg.norm(out[1:], axis=-1).reshape(14, 14)
    assert np.allclose(ident("llm.out"), want, rtol=1e-5, atol=1e-6), np.abs(ident("llm.out") - want).max()
    assert np.array_equal(ident("llm.block"), ident("llm.in"))
    assert np.allclose(ident("llm.in"), np.linalg.norm(mid[1:], axis=-1).reshape(14, 14), rtol=1e-5)
    print("ok  +identity: adapters alone, llm.out = W2·W1·block4 computed here (1e-5)")

    rand1, rand2 = run(ablations, "random1", "random"), run(ablations, "random2", "random")
    assert np.array_equal(rand1("llm.block"), rand2("llm.block")) and np.array_equal(rand1("norm"), rand2("norm"))
    assert np.array_equal(rand1("llm.in"), llm("llm.in")) and not np.allclose(rand1("llm.block"), llm("llm.block"))
    print("ok  +random block: deterministic, same adapters, different layer")

    every = run(ablations, "every", "all")  # OUT/<variant>/<stem>/…
    for v in ("llm", "random", "identity", "baseline"):
        for s in ("block4", "norm") + (("llm.block",) if v != "baseline" else ()):
            mine = np.load(os.path.join(a.work, "every", v, "coffee", s, "norm.npy"))
            alone = {"llm": llm, "random": rand1, "identity": ident, "baseline": base}[v](s)
            assert np.array_equal(mine, alone), (v, s)
    print("ok  --variant all writes OUT/<variant>/ for each, equal to the runs one variant at a time")

    def refused(args, expect, what):
        r = subprocess.run([a.cli, "run", *args, "--input", image, "--out", os.path.join(a.work, "x"), "--quiet"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 2 and all(e in r.stderr for e in expect), (what, r.stderr)
        print(f"ok  {what}: {r.stderr.strip().splitlines()[-1][:160]}")

    refused(["--plugin", ablations, "--variant", "frozen"], ["variant \"frozen\" is none of llm, random, identity, baseline"], "unknown variant")
    refused(["--plugin", os.path.join(plugins, "demo-vit-llama"), "--variant", "random"], ["declares no variants"], "variant of a plain plugin")
    broken = os.path.join(a.work, "broken")
    shutil.copytree(ablations, broken, symlinks=True)
    m = json.load(open(os.path.join(ablations, "plugin.json")))
    m["llm"]["checkpoint"] = "no-such-folder"
    json.dump(m, open(os.path.join(broken, "plugin.json"), "w"))
    refused(["--plugin", broken], ["plugin.json", "'llm.checkpoint'", "no-such-folder", "is not a folder"], "missing checkpoint folder")
    m["llm"]["checkpoint"] = "llama-demo"
    m["llm"]["variants"] = ["llm", "sideways"]
    json.dump(m, open(os.path.join(broken, "plugin.json"), "w"))
    refused(["--plugin", broken], ["'llm.variants'", "sideways"], "unknown variant in the manifest")
    m["llm"]["variants"] = ["llm"]
    json.dump(m, open(os.path.join(broken, "plugin.json"), "w"))
    sys.path.insert(0, os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "plugins", "sdk"))
    from filterscope_sdk import save_safetensors
    save_safetensors({"in.weight": torch.zeros(128, 192), "out.weight": torch.zeros(192, 128)}, os.path.join(broken, "adapters.safetensors"))
    refused(["--plugin", broken], ["adapters map to width 128", "hidden size 256"], "adapters that do not fit the layer")
    save_safetensors({"in.weight": torch.zeros(256, 192), "out.weight": torch.zeros(192, 200)}, os.path.join(broken, "adapters.safetensors"))
    refused(["--plugin", broken], ["in.weight [256,192] and out.weight [192,200] do not map C → D → C"], "adapters that do not chain")
    m["llm"]["tokens"] = "block9"
    json.dump(m, open(os.path.join(broken, "plugin.json"), "w"))
    shutil.copy(os.path.join(ablations, "adapters.safetensors"), broken)
    refused(["--plugin", broken], ["returned no 'tokens.block9'"], "hand-off stage the encoder does not return")


if __name__ == "__main__":
    main()
