#!/usr/bin/python3
"""filterscope-cli intervene on the trained demo (plugins/demo-shapes, its bundled sample of 40 shapes with
exact masks and labels): every row of interventions.csv (p and logit of the label before and after, KL, both
top-1 classes, the count edited) equals a torch forward of the same files with the same tokens edited at the
same point — zero, mean and drop; tokens from a list, a seeded random draw (splitmix64 Fisher-Yates, replayed
here) and the mask (its geometry replayed as check_probe.py does); at the encoder's last stage and at llm.in,
llm.block and llm.out; for the llm and baseline variants. An edit of nothing is the clean run bit for bit, and
a stage the plugin cannot edit is refused by name. The sanitized suite takes the first 4 inputs and one
case per operation and variant."""
import argparse
import csv
import os
import shutil
import subprocess
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from check_demo_shapes import variant_parts  # noqa: E402
from check_probe import token_mask  # noqa: E402

MASK64 = (1 << 64) - 1


def splitmix_choice(n, fraction, seed):
    state, order = seed, list(range(n))

    def nxt():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)
    for i in range(n - 1, 0, -1):
        j = nxt() % (i + 1)
        order[i], order[j] = order[j], order[i]
    return sorted(order[:int(np.floor(fraction * n + 0.5))])


def reference(plugin, variant):
    """The variant as plain torch, with one edit of the tokens leaving `at`."""
    spec, encoder, tail, adapters, layer = variant_parts(plugin, variant)
    llm = spec["llm"]
    prefix = spec["tokens"]["prefix"]

    def forward(x, at=None, op=None, idx=()):
        def leaving(stage, t):
            if stage != at or not len(idx):
                return t
            t = t.clone()
            if op == "zero":
                t[:, list(idx)] = 0
            elif op == "mean":
                t[:, list(idx)] = t[:, prefix:].double().mean(1).float()[:, None]
            else:
                t = t[:, [i for i in range(t.shape[1]) if i not in set(idx)]]
            return t
        t = leaving(llm["tokens"], encoder(x)["tokens." + llm["tokens"]])
        if adapters is not None:
            t = leaving("llm.in", t @ adapters["in.weight"].T)
            if layer is not None:
                t = leaving("llm.block", layer(t)[0])
            t = leaving("llm.out", t @ adapters["out.weight"].T)
        return tail(t)["logits"][0].double()
    return forward, spec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    build = os.environ["FILTERSCOPE_BUILD_DIR"]
    plugin = os.path.join(build, "plugins", "demo-shapes")
    sample = os.path.join(build, "share", "filterscope", "demo", "shapes")
    labels = {os.path.join(sample, r["input"]): int(r["label"]) for r in csv.DictReader(open(os.path.join(sample, "labels.csv")))}
    sanitized = bool(os.environ.get("FILTERSCOPE_SANITIZED"))
    images = sorted(labels)[:4 if sanitized else len(labels)]
    data = os.path.join(a.work, "images")
    os.makedirs(data)
    for p in images:
        shutil.copy(p, data)
    csv_labels = os.path.join(a.work, "labels.csv")
    with open(csv_labels, "w") as f:
        f.write("input,label\n" + "".join(f"images/{os.path.basename(p)},{labels[p]}\n" for p in images))

    def intervene(variant, at, op, tokens, tag):
        out = os.path.join(a.work, tag)
        r = subprocess.run([a.cli, "intervene", "--plugin", plugin, "--variant", variant, "--input", data, "--at", at,
                            "--tokens", tokens, "--op", op, "--labels", csv_labels, "--masks",
                            os.path.join(sample, "masks"), "--device", "cpu", "--quiet", "--out", out],
                           capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        rows = list(csv.DictReader(open(os.path.join(out, "interventions.csv"))))
        assert len(rows) == len(images), len(rows)
        for row in rows:  # each input's own file holds its row
            own = list(csv.DictReader(open(os.path.join(out, os.path.splitext(os.path.basename(row["input"]))[0],
                                                        "intervention.csv"))))
            assert own == [{k: v for k, v in row.items() if k != "input"}], (own, row)
        return rows

    cases = [("llm", "llm.in", "zero", "mask:inside"), ("llm", "llm.in", "zero", "mask:outside"),
             ("llm", "llm.in", "zero", "random:1:3"),
             ("llm", "llm.block", "mean", "random:0.3:7"), ("llm", "llm.out", "drop", "list:0,9,63"),
             ("llm", "block4", "drop", "mask:outside"), ("baseline", "block4", "zero", "mask:inside"),
             ("baseline", "block4", "mean", "random:0.5:11")]
    if sanitized:  # each case is a program start there (~4 s): one per operation and variant
        cases = [cases[i] for i in (2, 3, 4, 6)]
    refs = {}
    worst = 0.0
    summary = []
    for variant, at, op, tokens in cases:
        if variant not in refs:
            refs[variant] = reference(plugin, variant)
        forward, spec = refs[variant]
        prefix, (h, w) = spec["tokens"]["prefix"], spec["tokens"]["grid"]
        mean = torch.tensor(spec["input"]["mean"]).view(1, 3, 1, 1)
        std = torch.tensor(spec["input"]["std"]).view(1, 3, 1, 1)
        rows = intervene(variant, at, op, tokens, f"{variant}-{at}-{op}-{tokens.replace(':', '_')}")
        drops, moves = [], []
        for row in rows:
            path = os.path.join(data, os.path.basename(row["input"]))
            if tokens.startswith("mask:"):
                g = token_mask(os.path.join(sample, "masks", os.path.splitext(os.path.basename(path))[0] + "_mask.png"),
                               path, spec["input"], h, w)
                grid = [i for i in range(h * w) if g[i] == (tokens == "mask:inside")]
            elif tokens.startswith("random:"):
                _, fraction, seed = tokens.split(":")
                grid = splitmix_choice(h * w, float(fraction), int(seed))
            else:
                grid = [int(i) for i in tokens[5:].split(",")]
            idx = [prefix + i for i in grid]
            rgb = cv2.imread(path, cv2.IMREAD_COLOR)[..., ::-1].copy()
            x = (torch.from_numpy(rgb).permute(2, 0, 1)[None].float() / 255 - mean) / std
            with torch.no_grad():
                clean, edited = forward(x), forward(x, at, op, idx)
            label = labels[os.path.join(sample, "images", os.path.basename(path))]
            lc, le = torch.log_softmax(clean, -1), torch.log_softmax(edited, -1)
            want = {"n_edited": len(idx), "target": label, "top1_clean": int(clean.argmax()),
                    "top1_edited": int(edited.argmax())}
            for k, v in want.items():
                assert int(row[k]) == v, (row, k, v)
            for k, v in {"p_clean": float(lc[label].exp()), "p_edited": float(le[label].exp()),
                         "logit_clean": float(clean[label]), "logit_edited": float(edited[label]),
                         "kl": float((lc.exp() * (lc - le)).sum())}.items():
                err = abs(float(row[k]) - v)
                assert err <= 1e-5 * max(1.0, abs(v)), (row["input"], variant, at, op, tokens, k, row[k], v)
                worst = max(worst, err)
            drops.append(float(row["p_clean"]) - float(row["p_edited"]))
            moves.append(abs(float(row["logit_edited"]) - float(row["logit_clean"])))
        if tokens == "random:1:3":  # every grid token zeroed before the layer: the edit must reach the logits,
            # far beyond the 1e-5 the comparison allows, or a CLI that ignored it would pass unseen
            assert max(moves) > 1e-3, (max(moves), "the edit changed nothing")
        summary.append(f"{variant} {op} {tokens} at {at}: mean p_label drop {np.mean(drops):+.2e}, largest "
                       f"|logit change| {max(moves):.1e}")
    print(f"ok  {len(cases)} interventions x {len(images)} inputs equal a torch forward with the same tokens edited "
          f"(worst abs error {worst:.1e})")
    for s in summary:
        print("    " + s)

    # An edit of nothing is the clean run, bit for bit.
    for row in intervene("llm", "llm.in", "zero", "random:0:5", "nothing"):
        assert row["n_edited"] == "0" and row["p_edited"] == row["p_clean"] and row["kl"] == "0", row
        assert row["logit_edited"] == row["logit_clean"], row
    print("ok  an edit of no token equals the clean run bit for bit (kl 0)")

    # Refusals name the plugin, the stage and what it can edit.
    def refused(args, message):
        r = subprocess.run([a.cli, "intervene", "--input", data, "--op", "zero", "--out", os.path.join(a.work, "x"),
                            "--device", "cpu", *args], capture_output=True, text=True, timeout=300)
        assert r.returncode == 2 and message in r.stderr, (r.returncode, r.stderr)
    refused(["--plugin", plugin, "--at", "block1", "--tokens", "list:0"],
            "error: plugin 'demo-shapes' cannot edit stage 'block1' (it edits block4, llm.in, llm.block, llm.out)")
    refused(["--plugin", os.path.join(build, "plugins", "demo-vit-baseline"), "--at", "block1", "--tokens", "list:0"],
            "cannot edit stage 'block1' (it edits no stage: only composed (\"llm\") plugins do so far)")
    refused(["--plugin", plugin, "--at", "llm.in", "--tokens", "list:64"],
            "grid index 64 is not below the stage's 64 grid tokens")
    refused(["--plugin", plugin, "--at", "llm.in", "--tokens", "top:0.2"], '--tokens "top:0.2": unknown token set')
    refused(["--plugin", plugin, "--at", "llm.in", "--tokens", "mask:inside"], "--tokens mask:inside needs --masks DIR")
    print("ok  refusals: a stage the plugin does not run, a plugin that edits nothing, an index off the grid, an "
          "unknown token set, a mask set without masks")


if __name__ == "__main__":
    main()
