#!/usr/bin/python3
"""`filterscope-cli probe --labels`: on a demo-shapes set (make_shapes.py, a seed of its own), each input's
`correct` and `p_label` rows equal numpy's argmax and softmax of the logits `filterscope-cli run` writes
for the same input; summary.csv's accuracy is their mean, inside its interval; a model against its twin
differs by 0 with p = 1; bad label files and a rerun against other labels are refused with the file named."""
import argparse
import csv
import json
import os
import shutil
import subprocess

import numpy as np


def read(path):
    return list(csv.DictReader(open(path)))


def cli(a, *args, expect=0, timeout=600):
    r = subprocess.run([a.cli, *args], capture_output=True, text=True, timeout=timeout)
    assert r.returncode == expect, f"exit {r.returncode} (expected {expect}): {' '.join(args)}\n{r.stderr}"
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    source = os.environ["FILTERSCOPE_SOURCE_DIR"]
    data = os.path.join(a.work, "shapes")
    subprocess.run(["/usr/bin/python3", os.path.join(source, "plugins", "demo-shapes", "make_shapes.py"), "--seed",
                    "31", "--count", "8", data], check=True, timeout=120)
    labels_csv = os.path.join(data, "labels.csv")
    truth = {os.path.join(data, r["input"]): int(r["label"]) for r in read(labels_csv)}
    assert len(truth) == 8 and set(truth.values()) <= set(range(5)), truth

    build = os.environ["FILTERSCOPE_BUILD_DIR"]
    llama = os.path.join(build, "plugins", "demo-vit-llama")
    twin = os.path.join(a.work, "twin")
    shutil.copytree(llama, twin)
    manifest = json.load(open(os.path.join(twin, "plugin.json")))
    manifest["id"] = "demo-vit-llama-twin"
    json.dump(manifest, open(os.path.join(twin, "plugin.json"), "w"))
    images = os.path.join(data, "images")
    probe = ["probe", "--plugin", llama, twin, "--input", images, "--masks", os.path.join(data, "masks"),
             "--labels", labels_csv, "--maps", "norm", "--device", "cpu", "--quiet"]
    out = os.path.join(a.work, "probe")
    table = cli(a, *probe, "--out", out).stdout

    # 1. Every prediction row against numpy, from the logits `run` writes for the same input.
    maps = os.path.join(a.work, "run")
    cli(a, "run", "--plugin", llama, "--input", images, "--out", maps, "--no-figures", "--quiet", "--analyses",
        "norm", "--device", "cpu")
    rows = read(os.path.join(out, "probe.csv"))
    pred = {(r["input"], r["model"], r["metric"]): float(r["value"]) for r in rows if r["stage"] == "output"}
    assert {r["map"] for r in rows if r["stage"] == "output"} == {"label"}
    assert len(pred) == 8 * 2 * 2, len(pred)
    worst = 0.0
    correct = []
    for path, label in truth.items():
        stem = os.path.splitext(os.path.basename(path))[0]
        z = np.load(os.path.join(maps, stem, "logits.npy")).astype(np.float64).ravel()
        p = np.exp(z - z.max())
        p /= p.sum()
        for model in ("demo-vit-llama", "demo-vit-llama-twin"):
            assert pred[(path, model, "correct")] == float(np.argmax(z) == label), (path, model)
            worst = max(worst, abs(pred[(path, model, "p_label")] - p[label]))
        correct.append(float(np.argmax(z) == label))
    assert worst < 1e-8, worst
    print(f"ok  correct and p_label of 8 inputs x 2 models equal numpy's argmax/softmax (worst {worst:.1e})")

    # 2. Accuracy in summary.csv: the mean of correct, inside its interval; the twin pair: 0 with p = 1.
    summary = {(s["model"], s["metric"]): s for s in read(os.path.join(out, "summary.csv")) if s["stage"] == "output"}
    for model in ("demo-vit-llama", "demo-vit-llama-twin"):
        s = summary[(model, "correct")]
        assert int(s["n"]) == 8 and abs(float(s["mean"]) - np.mean(correct)) < 1e-12, s
        assert 0 <= float(s["ci_low"]) <= float(s["mean"]) <= float(s["ci_high"]) <= 1, s
    pairs = [p for p in read(os.path.join(out, "paired.csv")) if p["stage"] == "output"]
    assert {p["metric"] for p in pairs} == {"correct", "p_label"}, pairs
    assert all(float(p["mean_diff"]) == 0 and float(p["p_value"]) == 1 and int(p["n"]) == 8 for p in pairs), pairs
    report = open(os.path.join(out, "report.html")).read()
    s = summary[("demo-vit-llama", "correct")]
    assert "<h2>Against the labels</h2>" in report and f"<td>{s['mean']}</td><td>[{s['ci_low']}, {s['ci_high']}]</td>" in report
    # The terminal's table: the same accuracy, and the activation map's AUROC at llm.block (only norm
    # was scored here, so that column is empty).
    cell = lambda r: f"{float(r['mean']):.3f} [{float(r['ci_low']):.3f}, {float(r['ci_high']):.3f}]"  # noqa: E731
    line = next(l for l in table.splitlines() if l.startswith("demo-vit-llama "))
    assert line.split()[1:4] == cell(s).split() and line.split()[4:] == ["–", "–", "–"], (line, cell(s))
    print(f"ok  accuracy {np.mean(correct):.3f} = mean of correct, in its interval; twin differences 0 with p = 1; in the report")

    # 3. Refusals name the file and the problem; nothing is computed.
    r = cli(a, *probe, "--out", out)
    assert "0 items computed, 16 already done" in r.stderr, r.stderr
    r = cli(a, *[x for x in probe if x not in ("--labels", labels_csv)], "--out", out, expect=2)
    assert f"holds results scored against the labels in {labels_csv} (give --labels {labels_csv} again)" in r.stderr, r.stderr
    bad = os.path.join(a.work, "bad.csv")
    cases = [("input,label\nimages/x.png,cat\n", "line 2: label \"cat\" is not a class index"),
             ("file,class\n", "line 1: no column \"input\""),
             ("input,label\nimages/x.png,1\nimages/x.png,2\n", "line 3: lists images/x.png a second time")]
    for text, message in cases:
        open(bad, "w").write(text)
        r = cli(a, *[bad if x == labels_csv else x for x in probe], "--out", os.path.join(a.work, "bad"), expect=2)
        assert bad in r.stderr and message in r.stderr, (message, r.stderr)
    other = os.path.join(data, "other.csv")
    open(other, "w").write(open(labels_csv).read().replace(",0,", ",1,", 1) + "\n")
    r = cli(a, *[other if x == labels_csv else x for x in probe], "--out", out, expect=2)
    assert f"scored against another labels file ({labels_csv}, other contents); or use a new --out" in r.stderr, r.stderr
    # A label beyond the model's classes fails that item (named), the others are kept.
    first = sorted(truth)[0]
    open(other, "w").write("input,label\n" + "\n".join(
        f"{os.path.relpath(p, data)},{100000 if p == first else l}" for p, l in truth.items()) + "\n")
    one = [other if x == labels_csv else x for x in probe if x != twin]  # one model is enough here
    r = cli(a, *one, "--out", os.path.join(a.work, "range"), expect=1)
    assert "label 100000 is not one of the model's 10 classes (0 to 9)" in r.stderr and first in r.stderr, r.stderr
    assert "7 items computed, 0 already done (skipped), 1 failed" in r.stderr, r.stderr
    print("ok  bad labels files, another labels file for the same --out and a label out of range: refused by name")


if __name__ == "__main__":
    main()
