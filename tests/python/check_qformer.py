#!/usr/bin/python3
"""filterscope-cli --analyses qformer on the demo Q-Former, compared with numpy/torch: query maps,
cosine similarity, duplicate groups, participation ratio, coverage and the pooling baseline (built with
torch.nn.functional.adaptive_avg_pool2d on one-hot grids, independently of the C++)."""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from check_demo_maps import close, prepare  # noqa: E402


def groups(sim, thr):
    m = len(sim)
    parent = list(range(m))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for a in range(m):
        for b in range(a + 1, m):
            if sim[a, b] >= thr:
                parent[find(b)] = find(a)
    comps = {}
    for q in range(m):
        comps.setdefault(find(q), []).append(q)
    return sorted([c for c in comps.values() if len(c) > 1])


def participation_ratio(maps):
    x = maps.reshape(len(maps), -1).astype(np.float64)
    s = np.linalg.svd(x, compute_uv=False)
    return (s ** 2).sum() ** 2 / (s ** 4).sum()


def pooling_maps(h, w, k):
    best = None
    for a in range(1, k + 1):
        if k % a or a > h or k // a > w:
            continue
        miss = abs(np.log((a / (k // a)) / (h / w)))
        if best is None or miss < best[0] - 1e-12:
            best = (miss, a, k // a)
    _, ph, pw = best
    maps = np.zeros((k, h, w))
    for y in range(h):
        for x in range(w):
            onehot = torch.zeros(1, 1, h, w, dtype=torch.float64)
            onehot[0, 0, y, x] = 1
            maps[:, y, x] = torch.nn.functional.adaptive_avg_pool2d(onehot, (ph, pw)).flatten().numpy()
    return maps


def stats(maps, thr_sim, thr_cov):
    x = maps.reshape(len(maps), -1).astype(np.float64)
    n = np.linalg.norm(x, axis=1)
    sim = (x @ x.T) / np.outer(n, n)
    g = groups(sim, thr_sim)
    cov = maps.max(axis=0)
    return sim, g, participation_ratio(maps), cov, (cov < thr_cov).mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    src = os.environ["FILTERSCOPE_SOURCE_DIR"]
    plugin = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-qformer")
    image = os.path.join(src, "resources", "demo", "astronaut.png")
    out = os.path.join(a.work, "out")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--analyses", "qformer",
                        "--device", "cpu"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    h, w = manifest["tokens"]["grid"]
    prefix = manifest["tokens"]["prefix"]
    with torch.no_grad():
        caps = torch.jit.load(os.path.join(plugin, "model.pt"))(prepare(image, manifest["input"]))
    rows = {row["stage"]: row for row in csv.DictReader(open(os.path.join(out, "qformer.csv")))}
    layer_mean = np.mean([caps["xattn." + s].numpy().astype(np.float64)[0].mean(axis=0)[:, prefix:].reshape(-1, h, w)
                          for s in ["qformer1", "qformer2"]], axis=0)
    close("query_maps_layer_mean", np.load(os.path.join(out, "astronaut", "qformer2", "query_maps_layer_mean.npy")),
          layer_mean, 1e-5, 1e-9)
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    want_rel = relevance_reference(model, prepare(image, manifest["input"]), prefix, h, w)
    got_rel = np.load(os.path.join(out, "astronaut", "qformer2", "query_relevance.npy"))
    err = close("query_relevance", got_rel, want_rel, 1e-4, 1e-6 * np.abs(want_rel).max())
    print(f"ok  gradient-weighted relevance matches torch autograd + numpy rules (max abs error {err:.2e})")
    thr_cov = 1.0 / (h * w)
    pool = pooling_maps(h, w, manifest["tokens"]["queries"])
    _, pool_groups, pool_pr, _, pool_uncovered = stats(pool, 0.9, thr_cov)
    for stage in ["qformer1", "qformer2"]:
        d = os.path.join(out, "astronaut", stage)
        xattn = caps["xattn." + stage].numpy().astype(np.float64)[0]
        want_maps = xattn.mean(axis=0)[:, prefix:].reshape(-1, h, w)
        got_maps = np.load(os.path.join(d, "query_maps.npy"))
        assert got_maps.dtype == np.float32 and got_maps.shape == (32, h, w), got_maps.shape
        close(f"{stage}/query_maps", got_maps, want_maps, 1e-5, 1e-9)
        sim, g, pr, cov, uncovered = stats(want_maps, 0.9, thr_cov)
        close(f"{stage}/similarity", np.load(os.path.join(d, "query_similarity.npy")), sim, 1e-4, 1e-6)
        close(f"{stage}/coverage", np.load(os.path.join(d, "coverage.npy")), cov, 1e-5, 1e-9)
        row = rows[stage]
        assert g == [[3, 5], [10, 11, 12]], g  # the duplicates planted in the demo's queries
        assert int(row["duplicate_groups"]) == len(g) and int(row["queries_in_groups"]) == 5, row
        close(f"{stage}/csv", np.array([float(row["effective_queries"]), float(row["uncovered_share"]),
                                        float(row["pooling_effective"]), float(row["pooling_uncovered_share"])]),
              np.array([pr, uncovered, pool_pr, pool_uncovered]), 1e-5, 1e-7)
        assert int(row["pooling_duplicate_groups"]) == len(pool_groups)
        assert row["relevance"].startswith("gradient-weighted (logit "), row["relevance"]
        print(f"ok  {stage}: {pr:.3f} effective queries (pooling {pool_pr:.3f}), groups {g}, "
              f"uncovered {uncovered:.3f} (pooling {pool_uncovered:.3f})")

    # A plugin whose attention carries no gradient: relevance falls back to raw attention and says so.
    frozen = os.path.join(os.environ["FILTERSCOPE_FIXTURES"], "frozen-qformer")
    out2 = os.path.join(a.work, "frozen")
    r = subprocess.run([a.cli, "run", "--plugin", frozen, "--input", image, "--out", out2, "--analyses", "qformer"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "note: " + image + ": Q-Former relevance falls back to raw attention" in r.stderr, r.stderr
    row = next(csv.DictReader(open(os.path.join(out2, "qformer.csv"))))
    assert row["relevance"].startswith("raw attention ("), row["relevance"]
    assert np.load(os.path.join(out2, "astronaut", "q", "query_relevance.npy")).shape == (2, 2, 2)
    print("ok  frozen plugin: relevance falls back to raw attention and says so")


def relevance_reference(model, x, prefix, h, w):
    """Chefer et al. 2021 bi-modal rules, from torch autograd gradients of the top logit."""
    caps = model(x)
    keys = [k for k in caps if k.startswith("attn.") or k.startswith("xattn.")]
    target = caps["logits"][0, caps["logits"][0].argmax()]
    grads = torch.autograd.grad(target, [caps[k] for k in keys], allow_unused=True)
    n = caps["tokens.embed"].shape[1]
    m = caps[[k for k in keys if k.startswith("xattn.")][0]].shape[2]
    rii, rqq, rqi = np.eye(n), np.eye(m), np.zeros((m, n))

    def norm(r):
        d = r - np.eye(len(r))
        s = d.sum(axis=1, keepdims=True)
        return np.divide(d, s, out=np.zeros_like(d), where=s != 0) + np.eye(len(r))
    for k, g in zip(keys, grads):
        if g is None:
            continue
        a = np.clip(g[0].double().numpy() * caps[k][0].detach().double().numpy(), 0, None).mean(axis=0)
        if k.startswith("xattn."):
            rqi = rqi + norm(rqq).T @ a @ norm(rii)
        elif a.shape[0] == n:
            rii = rii + a @ rii
        else:
            rqi = rqi + a @ rqi
            rqq = rqq + a @ rqq
    return rqi[:, prefix:].reshape(m, h, w)


if __name__ == "__main__":
    main()
