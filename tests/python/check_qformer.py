#!/usr/bin/python3
"""filterscope-cli --analyses qformer on the demo Q-Former, compared with numpy/torch: query maps,
correlation (and raw cosine) similarity, duplicate groups, participation ratio, coverage and the pooling
baseline (built with torch.nn.functional.adaptive_avg_pool2d on one-hot grids, independently of the C++).
Then a BLIP-2-shaped Q-Former written here (no logits, query embeddings as `queries.final`, near-uniform
cross-attention with one planted duplicate): maps always written, relevance targets and fallbacks."""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from typing import Dict

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


def participation_ratio(maps, centred=True):
    x = maps.reshape(len(maps), -1).astype(np.float64)
    if centred:
        x = x - x.mean(axis=1, keepdims=True)
    s = np.linalg.svd(x, compute_uv=False)
    return (s ** 2).sum() ** 2 / (s ** 4).sum()


def correlation(maps):
    """Pearson correlation of the flattened maps; a constant map: 0 to the others, 1 to itself."""
    x = maps.reshape(len(maps), -1).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        c = np.corrcoef(x)
    c = np.nan_to_num(c, nan=0.0)
    np.fill_diagonal(c, 1.0)
    return c


def raw_cosine(maps):
    x = maps.reshape(len(maps), -1).astype(np.float64)
    n = np.linalg.norm(x, axis=1)
    return (x @ x.T) / np.outer(n, n)


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
    sim = correlation(maps)
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
                        "--device", "cpu"], capture_output=True, text=True, timeout=300)
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
        close(f"{stage}/similarity_raw", np.load(os.path.join(d, "query_similarity_raw.npy")), raw_cosine(want_maps),
              1e-4, 1e-6)
        close(f"{stage}/coverage", np.load(os.path.join(d, "coverage.npy")), cov, 1e-5, 1e-9)
        row = rows[stage]
        assert g == [[3, 5], [10, 11, 12]], g  # the duplicates planted in the demo's queries
        assert int(row["duplicate_groups"]) == len(g) and int(row["queries_in_groups"]) == 5, row
        close(f"{stage}/csv", np.array([float(row[k]) for k in ["effective_queries", "uncovered_share",
                                                                  "pooling_effective", "pooling_uncovered_share",
                                                                  "effective_queries_raw", "pooling_effective_raw"]]),
              np.array([pr, uncovered, pool_pr, pool_uncovered, participation_ratio(want_maps, False),
                        participation_ratio(pool, False)]), 1e-5, 1e-7)
        assert int(row["pooling_duplicate_groups"]) == len(pool_groups)
        assert row["relevance"].startswith("gradient-weighted (top logit "), row["relevance"]
        print(f"ok  {stage}: {pr:.3f} effective queries (pooling {pool_pr:.3f}), groups {g}, "
              f"uncovered {uncovered:.3f} (pooling {pool_uncovered:.3f})")

    # A plugin whose attention carries no gradient: relevance falls back to raw attention and says so.
    frozen = os.path.join(os.environ["FILTERSCOPE_FIXTURES"], "frozen-qformer")
    out2 = os.path.join(a.work, "frozen")
    r = subprocess.run([a.cli, "run", "--plugin", frozen, "--input", image, "--out", out2, "--analyses", "qformer"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "note: " + image + ": Q-Former relevance falls back to raw attention" in r.stderr, r.stderr
    row = next(csv.DictReader(open(os.path.join(out2, "qformer.csv"))))
    assert row["relevance"].startswith("raw attention ("), row["relevance"]
    assert np.load(os.path.join(out2, "astronaut", "q", "query_relevance.npy")).shape == (2, 2, 2)
    print("ok  frozen plugin: relevance falls back to raw attention and says so")
    check_logit_free_qformer(a, image)


def relevance_reference(model, x, prefix, h, w, target_of=None):
    """Chefer et al. 2021 bi-modal rules, from torch autograd gradients of the target (top logit)."""
    caps = model(x)
    keys = [k for k in caps if k.startswith("attn.") or k.startswith("xattn.")]
    target = target_of(caps) if target_of else caps["logits"][0, caps["logits"][0].argmax()]
    grads = torch.autograd.grad(target, [caps[k] for k in keys], allow_unused=True)
    cross = caps[[k for k in keys if k.startswith("xattn.")][0]]
    n, m = cross.shape[3], cross.shape[2]
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


class LogitFreeQFormer(torch.nn.Module):
    """BLIP-2-shaped: 8x8 patch tokens + CLS, 16 learned queries, two cross-attention layers; returns the
    query embeddings (`queries.final`) and no logits. Cross-attention logits are scaled down so every map
    sits close to uniform (1/65), and query 15 repeats query 3."""

    def __init__(self, with_queries: bool):
        super().__init__()
        g = torch.Generator().manual_seed(7)
        self.embed = torch.nn.Parameter(torch.randn(192, 32, generator=g) / 14)
        q = torch.randn(16, 32, generator=g)
        q[15] = q[3]
        self.queries = torch.nn.Parameter(q)
        self.wk = torch.nn.Parameter(torch.randn(2, 32, 32, generator=g) / 6)
        self.pos = torch.nn.Parameter(torch.randn(1, 65, 32, generator=g))  # position embedding, as a ViT's
        self.with_queries = with_queries

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        patches = x.unfold(2, 8, 8).unfold(3, 8, 8)  # [1,3,8,8,8,8]
        patches = patches.permute(0, 2, 3, 1, 4, 5).reshape(1, 64, 192)
        grid = torch.tanh(patches @ self.embed)
        tokens = torch.cat([grid.mean(dim=1, keepdim=True), grid], dim=1) + self.pos  # [1,65,32]
        out: Dict[str, torch.Tensor] = {"tokens.enc": tokens}
        q = self.queries.unsqueeze(0)
        for layer in range(2):
            keys = tokens @ self.wk[layer]
            # [1,1,16,65], near uniform; the returned tensor itself feeds the next step, so it has a gradient
            a = (0.01 * (q @ keys.transpose(1, 2))).softmax(dim=-1).unsqueeze(1)
            out["xattn.qformer." + str(layer)] = a
            q = q + a[:, 0] @ tokens
        if self.with_queries:
            out["queries.final"] = q
        return out


def write_qformer(directory, with_queries):
    os.makedirs(directory, exist_ok=True)
    torch.jit.script(LogitFreeQFormer(with_queries)).save(os.path.join(directory, "model.pt"))
    manifest = {"schema": 1, "id": "logit-free-qformer", "name": "BLIP-2-shaped Q-Former without logits",
                "modality": "image", "model": "model.pt",
                "input": {"size": [64, 64], "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]},
                "tokens": {"layout": "grid", "grid": [8, 8], "prefix": 1, "queries": 16}}
    json.dump(manifest, open(os.path.join(directory, "plugin.json"), "w"))
    return manifest


def run_cli(a, plugin, image, out, *extra):
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", image, "--out", out, "--analyses", "qformer",
                        "--device", "cpu", "--no-figures", *extra], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r, {row["stage"]: row for row in csv.DictReader(open(os.path.join(out, "qformer.csv")))}


def check_logit_free_qformer(a, image):
    plugin = os.path.join(a.work, "logit-free-qformer")
    manifest = write_qformer(plugin, True)
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    x = prepare(image, manifest["input"])
    with torch.no_grad():
        caps = model(x)
    out = os.path.join(a.work, "logit-free")
    r, rows = run_cli(a, plugin, image, out)
    stem = os.path.splitext(os.path.basename(image))[0]
    checked = 0
    for stage in ["qformer.0", "qformer.1"]:
        want = caps["xattn." + stage].numpy().astype(np.float64)[0].mean(axis=0)[:, 1:].reshape(16, 8, 8)
        d = os.path.join(out, stem, stage)
        close(f"logit-free/{stage}/query_maps", np.load(os.path.join(d, "query_maps.npy")), want, 1e-5, 1e-9)
        raw = raw_cosine(want)
        assert raw.min() > 0.98, raw.min()  # the shared floor: every raw pair looks like a duplicate
        sim = correlation(want)
        assert groups(sim, 0.9) == [[3, 15]], groups(sim, 0.9)  # centred: only the planted pair
        assert np.delete(np.delete(sim, 15, 0), 15, 1)[~np.eye(15, dtype=bool)].max() < 0.9
        close(f"logit-free/{stage}/similarity", np.load(os.path.join(d, "query_similarity.npy")), sim, 1e-4, 1e-5)
        close(f"logit-free/{stage}/similarity_raw", np.load(os.path.join(d, "query_similarity_raw.npy")), raw,
              1e-5, 1e-6)
        row = rows[stage]
        assert (int(row["duplicate_groups"]), int(row["queries_in_groups"])) == (1, 2), row
        close(f"logit-free/{stage}/effective", np.array([float(row["effective_queries"]),
                                                         float(row["effective_queries_raw"])]),
              np.array([participation_ratio(want), participation_ratio(want, False)]), 1e-5, 1e-7)
        assert float(row["effective_queries_raw"]) < 1.1 and float(row["effective_queries"]) > 3, row
        checked += 1
    assert checked == 2
    rel = rows["qformer.1"]["relevance"]
    assert rel.startswith("gradient-weighted (norm of all 16 queries of queries.final = "), rel
    want_rel = relevance_reference(model, x, 1, 8, 8, lambda c: c["queries.final"][0].norm())
    got_rel = np.load(os.path.join(out, stem, "qformer.1", "query_relevance.npy"))
    close("logit-free/query_relevance", got_rel, want_rel, 1e-4, 1e-6 * np.abs(want_rel).max())
    print(f"ok  logit-free Q-Former: maps written, only the planted pair grouped (raw cosine >= {raw.min():.3f} "
          f"everywhere), relevance of the query-output norm matches torch")

    # A requested target the model lacks: the default is used and the output says so.
    r, rows = run_cli(a, plugin, image, os.path.join(a.work, "logit-free-logit"), "--relevance-target", "logit:0")
    rel = rows["qformer.1"]["relevance"]
    assert "requested target logit:0 does not exist (the model returns no 'logits' [1,K])" in rel, rel
    assert "used norm of all 16 queries of queries.final" in rel and rel.startswith("gradient-weighted"), rel
    assert "requested target logit:0 does not exist" in r.stderr, r.stderr
    # One query's norm, named by capture key.
    _, rows = run_cli(a, plugin, image, os.path.join(a.work, "logit-free-q2"), "--relevance-target",
                      "query-norm:queries.final:2")
    assert rows["qformer.1"]["relevance"].startswith("gradient-weighted (norm of query 2 of queries.final = ")
    want_rel = relevance_reference(model, x, 1, 8, 8, lambda c: c["queries.final"][0, 2].norm())
    close("logit-free/query_relevance q2", np.load(os.path.join(a.work, "logit-free-q2", stem, "qformer.1",
                                                                "query_relevance.npy")),
          want_rel, 1e-4, 1e-6 * np.abs(want_rel).max())
    # No logits and no query output: raw attention, said in the table; the maps are still written.
    bare = os.path.join(a.work, "bare-qformer")
    write_qformer(bare, False)
    out = os.path.join(a.work, "bare")
    _, rows = run_cli(a, bare, image, out)
    rel = rows["qformer.1"]["relevance"]
    assert rel.startswith("raw attention (no relevance target: the model returns no 'logits' and no [1,16,C]"), rel
    assert os.path.exists(os.path.join(out, stem, "qformer.0", "query_maps.npy"))
    print("ok  relevance targets: logit:0 falls back to the query norm and says so; query-norm:KEY:Q; "
          "no target at all falls back to raw attention")


if __name__ == "__main__":
    main()
