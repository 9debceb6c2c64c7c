#!/usr/bin/python3
"""Token statistics, layer similarity (CKA), the Fourier depth curve and insertion/deletion faithfulness,
written by filterscope-cli, against independent numpy/torch computations of the definitions in
plugins/README.md ("Layer analyses"): the demo plugin on real photos, and a plugin built here whose class
depends on one image patch only (deletion of a map that ranks that patch first must drop the probability at
the first step)."""
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


def run(cli, *args):
    r = subprocess.run([cli, "run", "--device", "cpu", "--no-figures", "--quiet", *args], capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, f"cli exit {r.returncode}: {r.stderr}"
    return r.stderr


def token_stats(x, factor=5.0):
    """x [N,C] float64: the CSV row's fields, straight from the definitions."""
    norms = np.linalg.norm(x, axis=1)
    med = np.median(norms)
    mad = np.median(np.abs(norms - med))
    outliers = np.nonzero(norms > med + factor * 1.4826 * mad)[0]
    flat = np.abs(x).ravel()
    top = np.argsort(-flat, kind="stable")[:3]
    rms = np.sqrt(np.mean(x * x, axis=1))
    score = (np.abs(x) / rms[:, None]).max(axis=0)
    dims = np.argsort(-score, kind="stable")[:2]
    phi = np.abs(x[:, dims]).max(axis=1) / rms
    return {"median_norm": med, "max_norm": norms.max(), "outlier_tokens": list(outliers),
            "top": [(flat[i], i // x.shape[1], i % x.shape[1]) for i in top], "median_abs": np.median(flat),
            "massive_ratio": flat[top[0]] / np.median(flat), "sink_dims": list(dims), "phi": phi,
            "sink_tokens": list(np.nonzero(phi >= 20)[0])}


def ints(text):
    return [int(v) for v in text.split()] if text else []


def linear_cka(x, y):
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def park_kim_dlogamp(grid_tokens, h, w):
    """Park & Kim's notebook, torch: latent [b,c,h,w] -> fourier -> shift -> mean over (b,c) -> half diag."""
    latent = torch.from_numpy(grid_tokens.reshape(1, h, w, -1)).permute(0, 3, 1, 2)
    f = torch.fft.fft2(latent)
    f = (f.abs() + 1e-6).log()
    f = torch.roll(f, shifts=(int(h / 2), int(w / 2)), dims=(2, 3)).mean(dim=(0, 1))
    diag = f.diag()[int(h / 2):]
    return (diag - diag[0]).numpy()


def faithfulness_reference(model, x, ranked, h, w, cls):
    """Deletion and insertion curves, batched, with Python's round (half to even) as documented."""
    H, W = x.shape[2], x.shape[3]
    n = h * w
    steps = min(n, 16)
    dele, ins = [], []
    for s in range(steps + 1):
        k = round(s * n / steps)
        d = x.clone()
        keep = torch.zeros_like(x)
        for cell in ranked[:k]:
            i, j = divmod(int(cell), w)
            r0, r1 = round(i * H / h), round((i + 1) * H / h)
            c0, c1 = round(j * W / w), round((j + 1) * W / w)
            d[:, :, r0:r1, c0:c1] = 0
            keep[:, :, r0:r1, c0:c1] = x[:, :, r0:r1, c0:c1]
        dele.append(d)
        ins.append(keep)
    with torch.no_grad():
        pd = torch.softmax(model(torch.cat(dele))["logits"].double(), dim=1)[:, cls].numpy()
        pi = torch.softmax(model(torch.cat(ins))["logits"].double(), dim=1)[:, cls].numpy()
    auc = lambda p: (p.sum() - (p[0] + p[-1]) / 2) / steps  # noqa: E731
    return pd, pi, auc(pd), auc(pi)


def check_demo(cli, work):
    plugin = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-llama")
    shared = os.environ.get("FILTERSCOPE_SHARED_DATA", "")
    images = [os.path.join(shared, "images", n) for n in ["coffee.png", "horse.png"]]
    images = [i for i in images if os.path.exists(i)] or [os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"],
                                                                        "resources", "demo", "astronaut.png")]
    out = os.path.join(work, "demo")
    run(cli, "--plugin", plugin, "--input", *images, "--out", out, "--analyses", "norm,tokenstats,cka,fourier")
    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    h, w = manifest["tokens"]["grid"]
    prefix = manifest["tokens"]["prefix"]
    model = torch.jit.load(os.path.join(plugin, "model.pt")).eval()
    worst = {"stats": 0.0, "cka": 0.0, "fourier": 0.0}
    for image in images:
        stem = os.path.splitext(os.path.basename(image))[0]
        with torch.no_grad():
            caps = model(prepare(image, manifest["input"]))
        stages = [k[len("tokens."):] for k in caps if k.startswith("tokens.")]
        rows = {r["stage"]: r for r in csv.DictReader(open(os.path.join(out, stem, "token_stats.csv")))}
        assert list(rows) == stages, (list(rows), stages)
        tokens = {s: caps["tokens." + s][0].double().numpy() for s in stages}
        for stage in stages:
            want, row = token_stats(tokens[stage]), rows[stage]
            for key in ["median_norm", "max_norm", "median_abs", "massive_ratio"]:
                err = abs(float(row[key]) - want[key]) / abs(want[key])
                assert err < 1e-5, f"{stem} {stage} {key}: {row[key]} vs {want[key]}"
                worst["stats"] = max(worst["stats"], err)
            assert ints(row["outlier_tokens"]) == want["outlier_tokens"], (stage, row["outlier_tokens"])
            assert int(row["outliers"]) == len(want["outlier_tokens"])
            for k, (value, token, channel) in enumerate(want["top"], 1):
                assert (int(row[f"top{k}_token"]), int(row[f"top{k}_channel"])) == (token, channel), (stage, k)
                assert abs(float(row[f"top{k}"]) - value) <= 1e-5 * value
            assert ints(row["sink_dims"]) == want["sink_dims"], (stage, row["sink_dims"], want["sink_dims"])
            assert ints(row["sink_tokens"]) == want["sink_tokens"]
            close(f"{stem}/{stage}/sink_phi", np.load(os.path.join(out, stem, stage, "sink_phi.npy")),
                  want["phi"].astype(np.float32), 1e-5, 1e-6)
            grid = tokens[stage][prefix:].astype(np.float32)
            got = np.load(os.path.join(out, stem, stage, "dlogamp.npy"))
            want_curve = park_kim_dlogamp(grid, h, w)
            close(f"{stem}/{stage}/dlogamp", got, want_curve, 1e-4, 1e-5)
            worst["fourier"] = max(worst["fourier"], float(np.abs(got - want_curve).max()))
        assert open(os.path.join(out, stem, "cka_stages.txt")).read().split() == stages
        cka = np.load(os.path.join(out, stem, "cka.npy"))
        want = np.array([[linear_cka(tokens[a], tokens[b]) for b in stages] for a in stages])
        close(f"{stem}/cka", cka, want.astype(np.float32), 1e-5, 1e-6)
        worst["cka"] = max(worst["cka"], float(np.abs(cka - want).max()))
    print(f"ok  demo plugin, {len(images)} photos: token statistics (relative {worst['stats']:.1e}), outliers, "
          f"top-3 activations, sink dims and tokens exact; CKA (max {worst['cka']:.1e}); Park & Kim curve "
          f"(max {worst['fourier']:.1e})")

    # Faithfulness on the frozen LLM stage: rank by the CLI's own norm and attention maps, recompute the
    # curves in torch.
    out = os.path.join(work, "faith")
    image = images[0]
    stem = os.path.splitext(os.path.basename(image))[0]
    run(cli, "--plugin", plugin, "--input", image, "--out", out, "--stages", "llm.block", "--analyses",
        "norm,attention,faithfulness")
    x = prepare(image, manifest["input"])
    with torch.no_grad():
        cls = int(model(x)["logits"][0].argmax())
    rows = list(csv.DictReader(open(os.path.join(out, stem, "faithfulness.csv"))))
    assert [(r["stage"], r["map"]) for r in rows] == [("llm.block", "norm"), ("llm.block", "attention")], rows
    for r in rows:
        m = np.load(os.path.join(out, stem, "llm.block", "attn_mean.npy" if r["map"] == "attention" else "norm.npy"))
        ranked = np.argsort(-m.ravel(), kind="stable")
        pd, pi, ad, ai = faithfulness_reference(model, x, ranked, h, w, cls)
        close(f"{r['map']}_deletion", np.load(os.path.join(out, stem, "llm.block", r["map"] + "_deletion.npy")),
              pd.astype(np.float32), 1e-4, 1e-6)
        close(f"{r['map']}_insertion", np.load(os.path.join(out, stem, "llm.block", r["map"] + "_insertion.npy")),
              pi.astype(np.float32), 1e-4, 1e-6)
        assert int(r["class"]) == cls
        assert abs(float(r["deletion_auc"]) - ad) < 1e-5 and abs(float(r["insertion_auc"]) - ai) < 1e-5, r
    print(f"ok  faithfulness on llm.block: deletion and insertion curves (17 steps) and AUCs = torch, class {cls}")


def unbiased_hsic(k, l):
    """Song et al. 2012, with the diagonals zeroed."""
    n = k.shape[0]
    k = k - np.diag(np.diag(k))
    l = l - np.diag(np.diag(l))
    one = np.ones(n)
    return (np.trace(k @ l) + (one @ k @ one) * (one @ l @ one) / ((n - 1) * (n - 2))
            - 2 / (n - 2) * (one @ k @ l @ one)) / (n * (n - 3))


def check_probe(cli, work):
    """The probe's layer metrics: token statistics and Fourier rows equal the run's files; minibatch CKA
    between the demo's LLM and baseline models = numpy on the two models' tokens."""
    build = os.environ["FILTERSCOPE_BUILD_DIR"]
    plugins = [os.path.join(build, "plugins", p) for p in ["demo-vit-llama", "demo-vit-baseline"]]
    shared = os.environ.get("FILTERSCOPE_SHARED_DATA", "")
    images = sorted(os.path.join(shared, "images", n) for n in ["coffee.png", "horse.png", "astronaut.png"]
                    if os.path.exists(os.path.join(shared, "images", n)))
    out = os.path.join(work, "probe")
    r = subprocess.run([cli, "probe", "--plugin", *plugins, "--input", *images, "--out", out, "--device", "cpu",
                        "--maps", "norm,tokenstats,fourier,cka", "--stages", "block4,norm"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(open(os.path.join(out, "probe.csv"))))
    run_out = os.path.join(work, "demo")  # check_demo's run of demo-vit-llama on the same photos
    checked = 0
    for image in images:
        stem = os.path.splitext(os.path.basename(image))[0]
        stats_file = os.path.join(run_out, stem, "token_stats.csv")
        if not os.path.exists(stats_file):
            continue
        stats = {s["stage"]: s for s in csv.DictReader(open(stats_file))}
        for row in rows:
            if row["input"] != image or row["model"] != "demo-vit-llama":
                continue
            if row["map"] == "tokens":
                s = stats[row["stage"]]
                want = {"outliers": s["outliers"], "sinks": s["sinks"], "massive_ratio": s["massive_ratio"]}
                assert float(row["value"]) == float(want[row["metric"]]), (row, want)
                checked += 1
            elif row["map"] == "fourier":
                curve = np.load(os.path.join(run_out, stem, row["stage"], "dlogamp.npy"))
                assert abs(float(row["value"]) - curve[-1]) <= 1e-6 * max(1, abs(curve[-1])), (row, curve[-1])
                checked += 1
    assert checked >= 8, checked

    manifest = json.load(open(os.path.join(plugins[0], "plugin.json")))
    models = [torch.jit.load(os.path.join(p, "model.pt")).eval() for p in plugins]
    table = {r["stage"]: r for r in csv.DictReader(open(os.path.join(out, "cka.csv")))}
    assert sorted(table) == ["block4", "norm"], table
    for stage in ["block4", "norm"]:
        kl = kk = ll = 0.0
        per_input = []
        for image in images:
            x = prepare(image, manifest["input"])
            with torch.no_grad():
                a, b = (m(x)["tokens." + stage][0].double().numpy() for m in models)
            ka, kb = a @ a.T, b @ b.T
            kl += unbiased_hsic(ka, kb)
            kk += unbiased_hsic(ka, ka)
            ll += unbiased_hsic(kb, kb)
            per_input.append(linear_cka(a, b))
        row = table[stage]
        assert int(row["inputs"]) == len(images)
        want = kl / np.sqrt(kk * ll)
        assert abs(float(row["minibatch_cka"]) - want) < 1e-6, (stage, row["minibatch_cka"], want)
        assert abs(float(row["mean_linear_cka"]) - np.mean(per_input)) < 1e-6, (stage, row, per_input)
        print(f"ok  probe {stage}: minibatch CKA (unbiased HSIC) {float(row['minibatch_cka']):.6f} = numpy "
              f"{want:.6f}; mean linear CKA over {len(images)} inputs = numpy")
    print(f"ok  probe rows of token statistics and Fourier curves = the run's files ({checked} values)")

    # Resuming: an input whose scores were written but whose CKA item is missing (a crash in between) gets
    # it from a new forward pass; the table ends as in one uninterrupted run.
    before = open(os.path.join(out, "cka.csv")).read()
    cka_items = sorted(os.listdir(os.path.join(out, "items", "_cka")))
    assert len(cka_items) == len(images), cka_items
    os.remove(os.path.join(out, "items", "_cka", cka_items[0]))
    r = subprocess.run([cli, "probe", "--plugin", *plugins, "--input", *images, "--out", out, "--device", "cpu",
                        "--maps", "norm,tokenstats,fourier,cka", "--stages", "block4,norm"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "0 items computed" in r.stderr, r.stderr
    assert open(os.path.join(out, "cka.csv")).read() == before
    print("ok  probe resumed without a CKA item: recomputed from the models, cka.csv unchanged")


class OnePatchModel(torch.nn.Module):
    """8×8 grid of 28-px patches, no prefix token. Tokens: each patch's mean per channel plus a constant
    channel, so the bright patch has the largest norm. Logits [s, 0] with s = 40 × the mean of patch (2, 5)
    only: the class depends on that patch and on nothing else."""

    def forward(self, x):
        b = x.shape[0]
        patches = x.reshape(b, 3, 8, 28, 8, 28).mean(dim=(3, 5))  # [b,3,8,8]
        tokens = torch.cat([patches, torch.ones(b, 1, 8, 8)], 1).flatten(2).transpose(1, 2)  # [b,64,4]
        s = 40.0 * x[:, :, 56:84, 140:168].mean(dim=(1, 2, 3))
        logits = torch.stack([s, torch.zeros_like(s)], 1)
        return {"tokens.patches": tokens, "logits": logits}


def check_one_patch(cli, work):
    plugin = os.path.join(work, "one-patch")
    os.makedirs(plugin)
    torch.jit.script(OnePatchModel()).save(os.path.join(plugin, "model.pt"))
    json.dump({"schema": 1, "id": "one-patch", "name": "One informative patch", "modality": "image",
               "model": "model.pt",
               "input": {"size": [224, 224], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "resize": "stretch"},
               "tokens": {"layout": "grid", "grid": [8, 8], "prefix": 0},
               "stages": [{"name": "patches", "label": "patch means"}]},
              open(os.path.join(plugin, "plugin.json"), "w"))
    img = np.full((224, 224, 3), 60, np.uint8)
    img[56:84, 140:168] = 255  # the informative patch, brightest: ranked first by the norm map
    from PIL import Image
    path = os.path.join(work, "bright.png")
    Image.fromarray(img).save(path)
    out = os.path.join(work, "one-patch-out")
    run(cli, "--plugin", plugin, "--input", path, "--out", out, "--analyses", "norm,faithfulness,tokenstats")
    dele = np.load(os.path.join(out, "bright", "patches", "norm_deletion.npy"))
    ins = np.load(os.path.join(out, "bright", "patches", "norm_insertion.npy"))
    # S = 16 steps of 4 patches; the first step removes (2, 5): s drops from 40 to 0, p from ~1 to 1/2.
    assert dele.shape == (17,) and dele[0] > 0.999 and abs(dele[1] - 0.5) < 1e-6, dele
    assert np.allclose(dele[1:], 0.5, atol=1e-6), dele
    assert abs(ins[0] - 0.5) < 1e-6 and ins[1] > 0.999 and ins[-1] > 0.999, ins
    row = next(csv.DictReader(open(os.path.join(out, "bright", "faithfulness.csv"))))
    assert int(row["class"]) == 0
    # Deletion AUC: (p0 + 15·0.5 + 0.5 − (p0 + 0.5)/2) / 16 with p0 = softmax([40, 0])[0].
    p0 = 1 / (1 + np.exp(-40.0))
    want = (p0 + 16 * 0.5 - (p0 + 0.5) / 2) / 16
    assert abs(float(row["deletion_auc"]) - want) < 1e-6, (row, want)
    print(f"ok  one informative patch: deletion drops p from {dele[0]:.4f} to {dele[1]:.4f} at the first step, "
          f"insertion restores it at once; deletion AUC {float(row['deletion_auc']):.6f} = closed form")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    check_demo(a.cli, a.work)
    check_probe(a.cli, a.work)
    check_one_patch(a.cli, a.work)


if __name__ == "__main__":
    main()
