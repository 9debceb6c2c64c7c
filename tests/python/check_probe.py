#!/usr/bin/python3
"""The dataset probe end to end on real photos with ground-truth masks (../shared/data/masks):
every metric against numpy/scipy computed here from the maps `filterscope-cli run` writes and a numpy
replay of the mask geometry; the statistics against numpy and scipy; kill -9 mid-run then the same
command (nothing done before the kill is redone, the tables equal an uninterrupted run's); two shards
merged equal one run."""
import argparse
import csv
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time

import cv2
import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(__file__))
import reference_analyses as ref  # noqa: E402

METRICS = ["miou_best", "best_t", "iou_fixed", "jaccard60", "pointing", "auroc", "mass_fg", "rank_acc",
           "fg_bg_ratio", "gini", "entropy", "top10_mass"]


def token_mask(mask_path, image_path, spec, h, w, threshold=1):
    """The documented mask geometry, replayed: the image's shorter-crop resize (sizes as cv2 gets them),
    nearest neighbour by pixel centres, area average to the grid by pixel centres, fraction >= 0.5."""
    grey = cv2.imread(mask_path, cv2.IMREAD_GRAYSCALE)
    h0, w0 = grey.shape
    img = cv2.imread(image_path, cv2.IMREAD_COLOR)
    assert img.shape[:2] == (h0, w0)
    H, W = spec["size"]
    s = max(H / h0, W / w0)
    nh, nw = max(H, int(np.floor(h0 * s + 0.5))), max(W, int(np.floor(w0 * s + 0.5)))
    top, left = (nh - H) // 2, (nw - W) // 2
    ys = np.minimum(((np.arange(H) + top + 0.5) * h0 / nh).astype(int), h0 - 1)
    xs = np.minimum(((np.arange(W) + left + 0.5) * w0 / nw).astype(int), w0 - 1)
    px = (grey[ys][:, xs] >= threshold).astype(np.float64)
    rows = np.minimum(((np.arange(H) + 0.5) * h / H).astype(int), h - 1)
    cols = np.minimum(((np.arange(W) + 0.5) * w / W).astype(int), w - 1)
    frac = np.zeros((h, w))
    count = np.zeros((h, w))
    np.add.at(frac, (rows[:, None].repeat(W, 1), cols[None, :].repeat(H, 0)), px)
    np.add.at(count, (rows[:, None].repeat(W, 1), cols[None, :].repeat(H, 0)), 1)
    return ((frac / count) >= 0.5).ravel()


def metrics(a, g, fixed=0.5):
    a = a.astype(np.float64).ravel()
    n = a.size
    out = {}
    z = (a - a.min()) / (a.max() - a.min()) if a.max() > a.min() else np.zeros(n)

    def iou(p):
        union = (p | g).sum()
        return 1.0 if union == 0 else (p & g).sum() / union
    ious = [iou(z > t) for t in np.arange(1, 10) / 10]
    out["miou_best"], out["best_t"] = max(ious), (int(np.argmax(ious)) + 1) / 10
    out["iou_fixed"] = iou(z > fixed)
    order = np.argsort(a, kind="stable")  # DINO: ascending, cumulative share > 1 - 0.6
    keep = np.zeros(n, bool)
    keep[order] = np.cumsum(a[order] / a.sum()) > 0.4
    out["jaccard60"] = iou(keep)
    out["pointing"] = float(g[int(np.argmax(a))])
    if g.all() or not g.any():
        out["auroc"] = math.nan
    else:
        out["auroc"] = stats.mannwhitneyu(a[g], a[~g]).statistic / (g.sum() * (~g).sum())
    out["mass_fg"] = a[g].sum() / a.sum()
    k = int(g.sum())
    top = np.argsort(-a, kind="stable")[:k]
    out["rank_acc"] = g[top].mean() if k else math.nan
    out["fg_bg_ratio"] = a[g].mean() / a[~g].mean() if g.any() and (~g).any() else math.nan
    b = np.sort(np.abs(a) + 1e-7)
    i = np.arange(1, n + 1)
    out["gini"] = ((2 * i - n - 1) * b).sum() / (n * b.sum())
    p = np.abs(a) / np.abs(a).sum()
    out["entropy"] = stats.entropy(p) / math.log(n)
    out["top10_mass"] = np.sort(np.abs(a))[::-1][: math.ceil(n / 10)].sum() / np.abs(a).sum()
    return out


def read(path):
    return list(csv.DictReader(open(path)))


def run(args, *extra, timeout=600):
    r = subprocess.run([args.cli, *extra], capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, r.stderr
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shared = os.path.join(os.environ.get("FILTERSCOPE_SHARED_DATA", ""), "masks")
    if not os.path.isdir(shared):
        print("skipped: ../shared/data/masks is not beside this checkout")
        return
    shutil.rmtree(a.work, ignore_errors=True)
    data = os.path.join(a.work, "data")
    os.makedirs(data)
    photos = sorted(f for f in os.listdir(shared) if not os.path.splitext(f)[0].endswith("_mask"))
    assert len(photos) >= 5, photos
    # Photo and mask side by side, as the shared folder has them; copies make a run long enough to kill in
    # the middle: four, or one in the sanitized suite (FILTERSCOPE_SANITIZED), where every item costs 3-4x
    # and what is looked for is memory errors on the same paths (24 items, killed after 12).
    copies = 1 if os.environ.get("FILTERSCOPE_SANITIZED") else 4
    for copy in range(copies):
        for f in photos:
            stem, ext = os.path.splitext(f)
            shutil.copy(os.path.join(shared, f), os.path.join(data, f"{stem}_c{copy}{ext}"))
            shutil.copy(os.path.join(shared, stem + "_mask.png"), os.path.join(data, f"{stem}_c{copy}_mask.png"))
    build = os.environ["FILTERSCOPE_BUILD_DIR"]
    llama = os.path.join(build, "plugins", "demo-vit-llama")
    baseline = os.path.join(build, "plugins", "demo-vit-baseline")
    twin = os.path.join(a.work, "twin")  # the same model under another id: every paired difference is 0
    shutil.copytree(llama, twin)
    manifest = json.load(open(os.path.join(twin, "plugin.json")))
    manifest["id"] = "demo-vit-llama-twin"
    json.dump(manifest, open(os.path.join(twin, "plugin.json"), "w"))
    probe = ["probe", "--plugin", llama, baseline, twin, "--input", data, "--masks", data, "--device", "cpu",
             "--quiet"]

    out_a = os.path.join(a.work, "one-run")
    run(a, *probe, "--out", out_a)
    rows = read(os.path.join(out_a, "probe.csv"))
    inputs = sorted({r["input"] for r in rows})
    assert len(inputs) == copies * len(photos), len(inputs)  # the _mask files were not taken as inputs
    models = sorted({r["model"] for r in rows})
    assert models == ["demo-vit-baseline", "demo-vit-llama", "demo-vit-llama-twin"], models

    # 1. Every metric of every map of every stage, for the first copy of each photo and two models.
    spec = json.load(open(os.path.join(llama, "plugin.json")))
    h, w = spec["tokens"]["grid"]
    checked, worst = 0, 0.0
    values = {(r["input"], r["model"], r["stage"], r["map"], r["metric"]): r["value"] for r in rows}
    for plugin, model in [(llama, "demo-vit-llama"), (baseline, "demo-vit-baseline")]:
        firsts = [os.path.join(data, os.path.splitext(f)[0] + "_c0" + os.path.splitext(f)[1]) for f in photos]
        maps_out = os.path.join(a.work, "maps-" + model)
        run(a, "run", "--plugin", plugin, "--input", *firsts, "--out", maps_out, "--no-figures", "--quiet",
            "--analyses", "norm,activation,freq,attention", "--device", "cpu")
        for image in firsts:
            stem = os.path.splitext(os.path.basename(image))[0]
            g = token_mask(os.path.join(data, stem + "_mask.png"), image, spec["input"], h, w)
            assert g.any() and not g.all(), stem
            stages = [s for s in os.listdir(os.path.join(maps_out, stem))]
            for stage in stages:
                for name, npy in [("norm", "norm.npy"), ("activation", "activation.npy"), ("freq", "freq.npy"),
                                  ("attention", "attn_mean.npy"), ("rollout", "rollout.npy")]:
                    path = os.path.join(maps_out, stem, stage, npy)
                    if not os.path.exists(path):
                        continue
                    want = metrics(np.load(path), g)
                    for metric in METRICS:
                        got = values[(image, model, stage, name, metric)]
                        if math.isnan(want[metric]):
                            assert got == "", (image, stage, name, metric, got)
                            continue
                        err = abs(float(got) - want[metric])
                        assert err <= 1e-6 * max(1.0, abs(want[metric])), (image, model, stage, name, metric,
                                                                         got, want[metric])
                        worst = max(worst, err)
                        checked += 1
    assert checked > 1000, checked
    print(f"ok  {checked} metric values equal numpy/scipy (worst abs error {worst:.1e})")

    # 2. Statistics: the summary's means are the probe's means; intervals contain them and agree with
    # scipy's percentile bootstrap (another random stream: loosely); a model against its twin: 0 and p = 1.
    summary = read(os.path.join(out_a, "summary.csv"))
    by_key = {}
    for r in rows:
        if r["value"] != "":
            by_key.setdefault((r["model"], r["stage"], r["map"], r["metric"]), []).append(float(r["value"]))
    compared = 0
    for s in summary:
        v = np.array(by_key.get((s["model"], s["stage"], s["map"], s["metric"]), []))
        assert int(s["n"]) == len(v)
        if not len(v):
            continue
        mean, lo, hi = float(s["mean"]), float(s["ci_low"]), float(s["ci_high"])
        assert abs(mean - v.mean()) <= 1e-7 * max(1, abs(v.mean())), s
        assert lo - 1e-12 <= mean <= hi + 1e-12, s
        if s["stage"] == "llm.block" and s["metric"] in ("miou_best", "auroc", "gini") and v.std() > 0:
            sp = stats.bootstrap((v,), np.mean, n_resamples=2000, method="percentile", random_state=1).confidence_interval
            width = sp.high - sp.low
            assert abs(lo - sp.low) < 0.3 * width and abs(hi - sp.high) < 0.3 * width, (s, sp)
            compared += 1
    assert compared >= 6, compared
    paired = read(os.path.join(out_a, "paired.csv"))
    twins = [p for p in paired if {p["model_a"], p["model_b"]} == {"demo-vit-llama", "demo-vit-llama-twin"}]
    assert len(twins) > 100 and all(float(p["mean_diff"]) == 0 and float(p["p_value"]) == 1 for p in twins)
    vs = [p for p in paired if p["model_a"] == "demo-vit-baseline" and p["model_b"] == "demo-vit-llama"
          and p["stage"] == "norm" and p["metric"] in ("miou_best", "gini")]
    assert vs, "baseline and llama share the stage norm"
    for p in vs:
        key_a = ("demo-vit-baseline", p["stage"], p["map"], p["metric"])
        va = {r["input"]: float(r["value"]) for r in rows if (r["model"], r["stage"], r["map"], r["metric"]) == key_a
              and r["value"] != ""}
        vb = {r["input"]: float(r["value"]) for r in rows
              if (r["model"], r["stage"], r["map"], r["metric"]) == ("demo-vit-llama",) + key_a[1:] and r["value"] != ""}
        common = sorted(set(va) & set(vb))
        d = np.array([va[i] - vb[i] for i in common])
        assert int(p["n"]) == len(common) and abs(float(p["mean_diff"]) - d.mean()) < 1e-7, p
        if d.std() > 0:
            sp = stats.permutation_test((d,), np.mean, permutation_type="samples", n_resamples=10000,
                                        random_state=1).pvalue
            assert abs(float(p["p_value"]) - sp) < 0.03, (p, sp)
    print(f"ok  statistics: {len(summary)} summaries (means exact, intervals contain them, {compared} near scipy's); "
          f"{len(twins)} twin pairs at 0 with p = 1; baseline vs llama p-values match scipy's permutation test")

    # 3. kill -9 in the middle, then the same command: what was done is not redone; tables equal.
    out_b = os.path.join(a.work, "killed")
    proc = subprocess.Popen([a.cli, *probe, "--out", out_b], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    items = lambda: sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(out_b, "items"))  # noqa: E731
                           for f in fs if f.endswith(".csv"))
    deadline = time.monotonic() + 300
    while len(items()) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the probe finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    done = {f: os.stat(f).st_mtime_ns for f in items()}
    total = 3 * len(inputs)
    assert 12 <= len(done) < total, len(done)
    r = run(a, *probe, "--out", out_b)
    assert f"{total - len(done)} items computed, {len(done)} already done (skipped), 0 failed" in r.stderr, r.stderr
    assert all(os.stat(f).st_mtime_ns == t for f, t in done.items()), "an item done before the kill was redone"
    for table in ["probe.csv", "summary.csv", "paired.csv"]:
        assert open(os.path.join(out_b, table), "rb").read() == open(os.path.join(out_a, table), "rb").read(), table
    print(f"ok  kill -9 after {len(done)} of {total} items: the rerun computed only the other "
          f"{total - len(done)}; probe/summary/paired.csv equal the uninterrupted run's")

    # 4. Two shards merged equal one run.
    shards = []
    for i in range(2):
        shards.append(os.path.join(a.work, f"shard{i}"))
        run(a, *probe, "--out", shards[-1], "--shard", f"{i}/2")
    merged = os.path.join(a.work, "merged")
    run(a, "probe-merge", *shards, "--out", merged)
    for table in ["probe.csv", "summary.csv", "paired.csv"]:
        assert open(os.path.join(merged, table), "rb").read() == open(os.path.join(out_a, table), "rb").read(), table
    n0 = len({r["input"] for r in read(os.path.join(shards[0], "probe.csv"))})
    assert 0 < n0 < len(inputs)
    print(f"ok  shards 0/2 ({n0} inputs) and 1/2 ({len(inputs) - n0}) merged equal one run")
    report = open(os.path.join(out_a, "report.html")).read()
    assert report.count("data:image/png;base64,") >= 20 and "Differences that hold" in report
    assert "Best and worst inputs" in report and report.count("— figures/extremes_") == 3, "one per model"
    for f in ["miou_best_norm.png", "miou_best_norm.pdf", "auroc_rollout.png", "extremes_demo-vit-llama.png"]:
        assert os.path.getsize(os.path.join(out_a, "figures", f)) > 5000, f


if __name__ == "__main__":
    main()
