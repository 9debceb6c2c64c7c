#!/usr/bin/python3
"""Point clouds end to end against independent Python code: our readers vs numpy parsers written here
from the format specs (PCD ascii/binary/LZF-compressed, binary PLY), farthest-point sampling and
unit-sphere normalisation in numpy, group maps and the per-point scatter from a torch run of the model;
generated variants (100k-point binary PLY, XYZ, NPY); malformed files failing with clear errors."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import reference_analyses as ref  # noqa: E402
from check_demo_maps import close  # noqa: E402


def lzf_decompress(data, size):
    out = bytearray()
    i = 0
    while i < len(data):
        ctrl = data[i]
        i += 1
        if ctrl < 32:
            out += data[i:i + ctrl + 1]
            i += ctrl + 1
        else:
            length = ctrl >> 5
            if length == 7:
                length += data[i]
                i += 1
            ref_ = len(out) - ((ctrl & 0x1F) << 8) - data[i] - 1
            i += 1
            for _ in range(length + 2):
                out.append(out[ref_])
                ref_ += 1
    assert len(out) == size
    return bytes(out)


def read_pcd(path):
    raw = open(path, "rb").read()
    header, pos = {}, 0
    while True:
        end = raw.index(b"\n", pos)
        line = raw[pos:end].decode().strip()
        pos = end + 1
        if not line or line.startswith("#"):
            continue
        key, *vals = line.split()
        header[key] = vals
        if key == "DATA":
            break
    fields, sizes, types = header["FIELDS"], [int(s) for s in header["SIZE"]], header["TYPE"]
    n = int(header["POINTS"][0])
    kinds = {("F", 4): "<f4", ("F", 8): "<f8", ("U", 4): "<u4", ("U", 1): "u1", ("I", 4): "<i4"}
    dtype = np.dtype([(f, kinds[(t, s)]) for f, s, t in zip(fields, sizes, types)])
    mode = header["DATA"][0]
    if mode == "ascii":
        arr = np.loadtxt(raw[pos:].decode().splitlines(), dtype=np.float64, ndmin=2)
        xyz = arr[:, [fields.index(c) for c in "xyz"]].astype(np.float32)
    elif mode == "binary":
        arr = np.frombuffer(raw[pos:pos + n * dtype.itemsize], dtype=dtype)
        xyz = np.stack([arr[c] for c in "xyz"], 1).astype(np.float32)
    else:
        comp, size = np.frombuffer(raw[pos:pos + 8], "<u4")
        block = lzf_decompress(raw[pos + 8:pos + 8 + comp], size)
        cols, off = {}, 0
        for f, s, t in zip(fields, sizes, types):  # fields one after another
            cols[f] = np.frombuffer(block[off:off + n * s], kinds[(t, s)])
            off += n * s
        xyz = np.stack([cols[c] for c in "xyz"], 1).astype(np.float32)
    return xyz[np.isfinite(xyz).all(1)]


def read_binary_ply(path):
    raw = open(path, "rb").read()
    end = raw.index(b"end_header\n") + len(b"end_header\n")
    lines = raw[:end].decode().splitlines()
    n = int(next(l.split()[2] for l in lines if l.startswith("element vertex")))
    props = []
    for l in lines[lines.index(next(l for l in lines if l.startswith("element vertex"))) + 1:]:
        if not l.startswith("property"):
            break
        props.append((l.split()[2], {"float": "<f4", "double": "<f8", "uchar": "u1"}[l.split()[1]]))
    arr = np.frombuffer(raw[end:end + n * np.dtype(props).itemsize], dtype=np.dtype(props))
    return np.stack([arr[c] for c in "xyz"], 1).astype(np.float32)


def read_ascii_ply(path):
    text = open(path, "rb").read().decode()
    header, body = text.split("end_header\n", 1)
    lines = header.splitlines()
    n = int(next(l.split()[2] for l in lines if l.startswith("element vertex")))
    start = lines.index(next(l for l in lines if l.startswith("element vertex"))) + 1
    names = []
    for l in lines[start:]:
        if not l.startswith("property"):
            break
        names.append(l.split()[2])
    rows = np.array([r.split() for r in body.splitlines()[:n]], dtype=np.float64)
    return rows[:, [names.index(c) for c in "xyz"]].astype(np.float32)


def read_any(path):
    """Our own reading of each format, independent of the C++ readers."""
    if path.endswith(".pcd"):
        return read_pcd(path)
    if path.endswith(".npy"):
        return np.load(path)[:, :3].astype(np.float32)
    if path.endswith((".xyz", ".txt")):
        return np.loadtxt(path, dtype=np.float64)[:, :3].astype(np.float32)
    if b"format ascii" in open(path, "rb").read(200):
        return read_ascii_ply(path)
    return read_binary_ply(path)


def fps(points, count):
    dist = np.full(len(points), np.inf)
    chosen, cur = [], 0
    for _ in range(count):
        chosen.append(cur)
        d = (points - points[cur]).astype(np.float64)  # differences in float32, as the C++ does
        dist = np.minimum(dist, (d ** 2).sum(1))
        cur = int(np.argmax(dist))
    return np.array(chosen)


def unit_sphere(p):
    c = p.astype(np.float64).mean(0)
    r = np.sqrt(((p - c) ** 2).sum(1)).max()
    return ((p - c) / r).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    build = os.environ["FILTERSCOPE_BUILD_DIR"]
    dump = os.path.join(build, "bin", "pointcloud_dump")
    shared = os.path.join(os.environ.get("FILTERSCOPE_SHARED_DATA", ""), "pointclouds")
    if not os.path.isdir(shared):
        print("skipped: ../shared/data/pointclouds is not beside this checkout")
        return

    # 1. Our readers against parsers written here, on every real scan.
    names = sorted(os.listdir(shared))
    assert names, "no scans in " + shared
    converted = os.path.join(shared, "bunny_res2_xyz.npy")  # the same scan converted independently
    if os.path.exists(converted):
        assert np.array_equal(read_ascii_ply(os.path.join(shared, "bunny_res2.ply")), np.load(converted))
    for name in names:
        path = os.path.join(shared, name)
        want = read_any(path)
        out = os.path.join(a.work, name + ".npy")
        r = subprocess.run([dump, path, out], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        got = np.load(out)[:, :3]
        assert got.shape == want.shape and np.array_equal(got, want), (name, got.shape, want.shape)
        print(f"ok  {name}: {len(got)} finite points read exactly as numpy reads them")

    # 2. Variants made here: a 100k-point binary PLY, XYZ and NPY.
    table = read_pcd(os.path.join(shared, "table_scene_mug_stereo_textured.pcd"))
    big = os.path.join(a.work, "scan100k.ply")
    with open(big, "wb") as f:
        f.write(f"ply\nformat binary_little_endian 1.0\nelement vertex {100000}\nproperty float x\n"
                f"property float y\nproperty float z\nend_header\n".encode())
        f.write(table[:100000].astype("<f4").tobytes())
    milk = read_pcd(os.path.join(shared, "milk.pcd"))
    np.savetxt(os.path.join(a.work, "milk.xyz"), milk, fmt="%.9g")
    np.save(os.path.join(a.work, "milk_npy.npy"), milk.astype(np.float64))

    plugin = os.path.join(build, "plugins", "demo-point-llama")
    manifest = json.load(open(os.path.join(plugin, "plugin.json")))
    P, G = manifest["input"]["points"], manifest["tokens"]["groups"]
    out = os.path.join(a.work, "out")
    bunny = read_pcd(os.path.join(shared, "bunny.pcd"))  # 397 points: fewer than P, repeat-padded
    inputs = [os.path.join(shared, "milk.pcd"), big, os.path.join(a.work, "milk.xyz"), os.path.join(a.work, "milk_npy.npy"),
              os.path.join(shared, "bunny.pcd")]
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", *inputs, "--out", out, "--device", "cpu"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"bunny.pcd: has {len(bunny)} points, the plugin takes {P}: padded by repeating them in file order" \
        in r.stderr, r.stderr
    model = torch.jit.load(os.path.join(plugin, "model.pt"))
    for stem, raw in [("milk", milk), ("scan100k", table[:100000]), ("milk_xyz", milk), ("milk_npy", milk),
                      ("bunny", bunny)]:
        info = json.load(open(os.path.join(out, stem, "input.json")))
        assert info["points_in_file"] == len(raw) and info["sampled_points"] == P, info
        chosen = fps(raw, P) if len(raw) > P else np.arange(P) % len(raw)  # fewer: point i is i mod N
        want_points = unit_sphere(raw[chosen])
        got_points = np.load(os.path.join(out, stem, "input_points.npy"))[0]
        close(f"{stem}/input_points", got_points, want_points, 1e-5, 1e-6)
        # 3. Group maps and their scatter to points, from the model's own grouping.
        with torch.no_grad():
            caps = model(torch.from_numpy(got_points)[None])
        groups = caps["group_index"][0].numpy()
        for stage in ["embed", "llm.block"]:
            d = os.path.join(out, stem, stage)
            want_norm = ref.norm_map(caps["tokens." + stage].numpy(), 1, 1, G)[0]
            close(f"{stem}/{stage}/norm", np.load(os.path.join(d, "norm.npy")), want_norm, 1e-5, 1e-6)
            sums, hits = np.zeros(P), np.zeros(P)
            for g in range(G):
                np.add.at(sums, groups[g], want_norm[g])
                np.add.at(hits, groups[g], 1)
            want_points_norm = np.where(hits > 0, sums / np.maximum(hits, 1), np.nan)
            got = np.load(os.path.join(d, "points_norm.npy"))
            assert np.array_equal(np.isnan(got), np.isnan(want_points_norm)), stem
            close(f"{stem}/{stage}/points_norm", np.nan_to_num(got), np.nan_to_num(want_points_norm), 1e-5, 1e-6)
            assert os.path.getsize(os.path.join(d, "norm_render.png")) > 20000
            ply = open(os.path.join(d, "norm_points.ply")).read().splitlines()
            assert ply[0] == "ply" and f"element vertex {P}" in ply, ply[:5]
        print(f"ok  {stem}: {len(raw)} points -> FPS {P}, unit sphere, group maps and per-point scatter match")

    # 4. Malformed files: clear errors naming the file, the batch goes on.
    bad = os.path.join(a.work, "bad")
    os.makedirs(bad)
    data = open(big, "rb").read()
    open(os.path.join(bad, "truncated.ply"), "wb").write(data[: len(data) // 2])
    pcd = open(os.path.join(shared, "bunny.pcd")).read().replace("POINTS 397", "POINTS 5000")
    open(os.path.join(bad, "claims_more.pcd"), "w").write(pcd)
    open(os.path.join(bad, "all_nan.xyz"), "w").write("nan nan nan\n" * 2000)
    shutil.copy(os.path.join(shared, "milk.pcd"), os.path.join(bad, "z_good.pcd"))
    # Regression inputs: POINTS raised by 2^60 in a binary_compressed file (points x size wrapped, then a
    # wild read), and a property-less element claiming 2^64 - 1 records (an endless loop).
    mug = open(os.path.join(shared, "table_scene_mug_stereo_textured.pcd"), "rb").read()  # 16-byte points
    open(os.path.join(bad, "raised_points.pcd"), "wb").write(
        mug.replace(b"POINTS 307200", b"POINTS " + str(307200 + 2 ** 60).encode(), 1))
    open(os.path.join(bad, "empty_element.ply"), "w").write(
        "ply\nformat ascii 1.0\nelement junk 18446744073709551615\nelement vertex 3\nproperty float x\n"
        "property float y\nproperty float z\nend_header\n0 0 0\n1 0 0\n0 1 0\n")
    r = subprocess.run([a.cli, "run", "--plugin", plugin, "--input", bad, "--out", os.path.join(a.work, "out2"),
                        "--no-figures"], capture_output=True, text=True, timeout=300)
    errors = sorted(l for l in r.stderr.splitlines() if l.startswith("error: "))
    assert r.returncode == 1 and len(errors) == 4, r.stderr
    assert "all_nan.xyz: no point has finite coordinates (2000 points, all NaN or Inf)" in errors[0], errors[0]
    assert "claims_more.pcd: header claims 5000 points, the ascii body is too short" in errors[1], errors[1]
    assert "raised_points.pcd: " in errors[2], errors[2]
    assert "truncated.ply: header claims 100000 vertex records, the body (" in errors[3], errors[3]
    # 3 points are padded (with a note), not refused: the 2^64 − 1 records of the junk element are skipped.
    assert "empty_element.ply: has 3 points, the plugin takes 1024: padded" in r.stderr, r.stderr
    assert os.path.exists(os.path.join(a.work, "out2", "z_good", "llm.block", "points_norm.npy"))
    for e in errors:
        print("ok  " + e)


if __name__ == "__main__":
    main()
