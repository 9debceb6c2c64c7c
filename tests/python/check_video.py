#!/usr/bin/python3
"""filterscope-cli on real video clips through the demo video plugin, compared with an independent
Python pipeline: frame indices (round(linspace(0, F-1, T)) over frames counted by decoding), the
preprocessed [1,3,T,H,W] input, every map [t,h,w], time curves, quantile masks; the overlay video read
back with OpenCV; and bad clips (corrupt, truncated, too short) failing with clear errors while the
batch goes on."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import reference_analyses as ref  # noqa: E402
from check_demo_maps import close  # noqa: E402


def decode_all(path):
    cap = cv2.VideoCapture(path, cv2.CAP_FFMPEG)
    frames = []
    while True:
        ok, f = cap.read()
        if not ok:
            break
        frames.append(f)
    return frames


def prepare_clip(frames, spec, vspec):
    H, W = spec["size"]
    t = vspec["frames"]
    idx = np.round(np.linspace(0, len(frames) - 1, t)).astype(int)  # numpy rounds halves to even
    out = []
    for i in idx:
        rgb = cv2.cvtColor(frames[i], cv2.COLOR_BGR2RGB)
        h0, w0 = rgb.shape[:2]
        s = max(H / h0, W / w0)
        nh, nw = max(H, int(np.floor(h0 * s + 0.5))), max(W, int(np.floor(w0 * s + 0.5)))
        if (nh, nw) != (h0, w0):
            rgb = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_LINEAR)
        rgb = rgb[(nh - H) // 2:(nh - H) // 2 + H, (nw - W) // 2:(nw - W) // 2 + W]
        x = (rgb.astype(np.float32) / np.float32(255.0) - np.array(spec["mean"], np.float32)) / np.array(spec["std"], np.float32)
        out.append(x.transpose(2, 0, 1))
    return idx, torch.from_numpy(np.ascontiguousarray(np.stack(out, axis=1))[None])  # [1,3,T,H,W]


def run(cli, *args):
    return subprocess.run([cli, "run", *args], capture_output=True, text=True, timeout=300)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    plugin = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-video")
    shared = os.path.join(os.environ.get("FILTERSCOPE_SHARED_DATA", ""), "video")
    clips = [os.path.join(shared, n) for n in ["big_buck_bunny_432_433.webm", "big_buck_bunny_0_30.webm"]]
    clips = [c for c in clips if os.path.exists(c)]
    clips.append(os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "share", "filterscope", "demo", "moving_shapes.avi"))
    out = os.path.join(a.work, "out")
    r = run(a.cli, "--plugin", plugin, "--input", *clips, "--out", out, "--device", "cpu")
    assert r.returncode == 0, r.stderr
    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    t, h, w = manifest["tokens"]["grid"]
    prefix = manifest["tokens"]["prefix"]
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    for clip in clips:
        stem = os.path.splitext(os.path.basename(clip))[0]
        frames = decode_all(clip)
        idx, x = prepare_clip(frames, manifest["input"], manifest["input"])
        info = json.load(open(os.path.join(out, stem, "input.json")))
        assert info["frames_in_file"] == len(frames), (info, len(frames))
        assert info["sampled_frames"] == idx.tolist(), (info["sampled_frames"], idx.tolist())
        with torch.no_grad():
            caps = model(x)
        for stage in ["embed", "block4", "llm.block"]:
            tok = caps["tokens." + stage].numpy()
            d = os.path.join(out, stem, stage)
            grid = lambda m: m.reshape(t, h, w)  # noqa: E731
            close(f"{stem}/{stage}/norm", np.load(os.path.join(d, "norm.npy")), grid(ref.norm_map(tok, prefix, 1, t * h * w)), 1e-5, 1e-6)
            act = grid(ref.activation_map(tok, prefix, 1, t * h * w))  # x̄ over the whole clip
            close(f"{stem}/{stage}/activation", np.load(os.path.join(d, "activation.npy")), act, 1e-5, 1e-6)
            close(f"{stem}/{stage}/freq", np.load(os.path.join(d, "freq.npy")), grid(ref.freq_map(tok, prefix, 1, t * h * w)), 1e-4, 1e-4)
            norm = np.load(os.path.join(d, "norm.npy"))
            curve = np.stack([norm.reshape(t, -1).mean(1), norm.reshape(t, -1).max(1)], 1)
            close(f"{stem}/{stage}/time_curve", np.load(os.path.join(d, "norm_time_curve.npy")), curve, 1e-5, 1e-6)
            for q in (50, 90):
                want = (act > np.quantile(act, q / 100)).astype(np.float32)
                got = np.load(os.path.join(d, f"activation_mask_q{q}.npy"))
                assert (got == want).mean() > 0.995, (stage, q, (got != want).sum())  # float ties at the threshold
            hf = [ref.spectrum(tok[:, np.r_[0:prefix, prefix + k * h * w:prefix + (k + 1) * h * w]], prefix, h, w)[1] for k in range(t)]
            close(f"{stem}/{stage}/hf", np.load(os.path.join(d, "spectrum_hf_ratio.npy")), np.array(hf), 1e-4, 1e-6)
            video = cv2.VideoCapture(os.path.join(d, "activation_overlay.avi"))
            n = 0
            while video.read()[0]:
                n += 1
            size = (int(video.get(cv2.CAP_PROP_FRAME_WIDTH)), int(video.get(cv2.CAP_PROP_FRAME_HEIGHT)))
            assert n == manifest["input"]["frames"] and size == (336, 336), (n, size)
        print(f"ok  {stem}: {len(frames)} frames, sampled {idx.tolist()}, maps, curves, masks and overlay video match")

    # Bad clips fail one by one, with the file and the problem named; the good clip still finishes.
    bad = os.path.join(a.work, "bad")
    os.makedirs(bad)
    with open(os.path.join(bad, "corrupt.mp4"), "wb") as f:
        f.write(b"\x00\x00\x00\x18ftypmp42 definitely not a video")
    src = clips[-1]
    data = open(src, "rb").read()
    with open(os.path.join(bad, "truncated.avi"), "wb") as f:
        f.write(data[: len(data) // 3])
    short = cv2.VideoWriter(os.path.join(bad, "short.avi"), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for i in range(5):
        short.write(np.full((48, 64, 3), 40 * i, np.uint8))
    short.release()
    shutil.copy(src, os.path.join(bad, "z_good.avi"))
    r = run(a.cli, "--plugin", plugin, "--input", bad, "--out", os.path.join(a.work, "out2"), "--no-figures")
    errors = sorted(l for l in r.stderr.splitlines() if l.startswith("error: "))
    assert r.returncode == 1, r.stderr
    assert len(errors) == 3, errors
    assert "corrupt.mp4: cannot open video" in errors[0], errors[0]
    assert "short.avi: has 5 frames, the plugin takes 8 (uniform sampling; clips are not padded)" in errors[1], errors[1]
    assert "truncated.avi: truncated or corrupt: the container reports 48 frames, only " in errors[2], errors[2]
    assert os.path.exists(os.path.join(a.work, "out2", "z_good", "llm.block", "activation.npy"))
    for e in errors:
        print("ok  " + e)


if __name__ == "__main__":
    main()
